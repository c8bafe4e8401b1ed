/** The requests `npm run bench:api` times: realistic profiles against the real data set. */
export interface BenchCase {
  name: string;
  path: string;
  body?: unknown;
  accept?: string;
}

const DATA_ANALYST = ['SQL', 'Microsoft Excel', 'Tableau', 'R'];
const BACKEND = ['Python', 'PostgreSQL', 'Docker', 'AWS'];

export const BENCH_CASES: BenchCase[] = [
  { name: 'POST /v1/matches (data analyst, 4 skills)', path: '/v1/matches', body: { skills: DATA_ANALYST, limit: 20 } },
  { name: 'POST /v1/matches (backend, 4 skills)', path: '/v1/matches', body: { skills: BACKEND, limit: 20 } },
  {
    name: 'POST /v1/matches (Credly badge JS/k8s/Postgres)',
    path: '/v1/matches',
    body: { badges: [{ badge_template: { name: 'Cloud web developer', skills: ['JS', 'k8s', 'Postgres'] }, issued_at: '2026-01-01T00:00:00Z' }] },
  },
  { name: 'POST /v1/extract (one posting)', path: '/v1/extract', body: { text: 'Requirements: 5+ years of Python and SQL; AWS (S3, Lambda); Docker and Kubernetes. Nice to have: Terraform, Kafka.' } },
];
