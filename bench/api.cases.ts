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
  { name: 'POST /v1/gaps (data analyst vs ESCO "data analyst")', path: '/v1/gaps', body: { skills: DATA_ANALYST, target: { occupation: 'data analyst' } } },
  { name: 'POST /v1/gaps (backend vs title "backend engineer")', path: '/v1/gaps', body: { skills: BACKEND, target: { title: 'backend engineer' } } },
  { name: 'POST /v1/recommendations (data analyst)', path: '/v1/recommendations', body: { skills: DATA_ANALYST } },
  {
    name: 'POST /v1/recommendations (data analyst + target)',
    path: '/v1/recommendations',
    body: { skills: DATA_ANALYST, target: { occupation: 'data analyst' } },
  },
  {
    name: 'GET /v1/trends/skills (HN 2026, monthly)',
    path: '/v1/trends/skills?skills=Python,SQL,Microsoft%20Excel&interval=month&from=2026-01-01&to=2026-05-31&source=hn:whoishiring',
  },
  {
    name: 'GET /v1/trends/skills (weekly, New York, CSV)',
    path: '/v1/trends/skills?skills=Python,SQL&interval=week&from=2025-06-01&to=2026-05-31&tz=America/New_York',
    accept: 'text/csv',
  },
  { name: 'GET /v1/trends/top (Chronicle 2023-W02 by demand)', path: '/v1/trends/top?by=demand&period=2023-W02&source=chronicle&minSupport=5' },
  { name: 'GET /v1/trends/top (growth 2026-04)', path: '/v1/trends/top?by=growth&period=2026-04&minSupport=5' },
  { name: 'POST /v1/extract (one posting)', path: '/v1/extract', body: { text: 'Requirements: 5+ years of Python and SQL; AWS (S3, Lambda); Docker and Kubernetes. Nice to have: Terraform, Kafka.' } },
];
