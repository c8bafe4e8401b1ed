import { dedupKey, normalizeCity, normalizeLocationRaw } from './opening-key.js';
import { assignCanonical, DEFAULT_SIMILARITY_THRESHOLD, type OpeningFacts, sameOpening } from './same-opening.js';
import { textSignature } from './text-fingerprint.js';

const TEXT_7001 =
  'Acme builds logistics software. As a Data Engineer you will design batch and streaming pipelines in Python and SQL, ' +
  'own our dbt models and keep data quality high. You have 3+ years of data engineering and know Airflow. ' +
  'Full-time, hybrid - two days a week in Berlin. Apply: https://boards.greenhouse.io/acme/jobs/7001';
const TEXT_7001_AGGREGATOR =
  '  Acme builds logistics software.\n\nAs a Data Engineer you will design batch and streaming pipelines in Python and SQL, ' +
  'own our dbt models and keep data quality high.  You have 3+ years of data engineering and know Airflow.\n' +
  'Full–time, hybrid — two days a week in Berlin. Apply: https://jobs.aggregator.example/r/5512?utm_source=feed&gclid=x1';
const TEXT_7002 =
  'Acme builds logistics software. Our Data Engineer in the pricing team builds real-time features on Kafka and Flink, ' +
  'models demand with Spark and works with our data scientists. On-site in Berlin, full-time.';

let n = 0;
function facts(p: { source: string; id?: string; company: string; title: string; city?: string | null; location?: string; text: string | null; posted?: string; seen?: number }): OpeningFacts {
  n += 1;
  return {
    id: String(n),
    sourceKey: p.source,
    externalId: p.id ?? `x${n}`,
    key: dedupKey(p.company, p.title),
    city: normalizeCity(p.city ?? null),
    locationRaw: normalizeLocationRaw(p.location ?? p.city ?? null),
    postedAt: p.posted ? Date.parse(p.posted) : null,
    signature: textSignature(p.text),
    firstSeenAt: p.seen ?? n,
  };
}

const gh7001 = facts({ source: 'greenhouse:acme', id: '7001', company: 'Acme', title: 'Data Engineer', city: 'Berlin', text: TEXT_7001, posted: '2026-08-01' });
const agg7001 = facts({ source: 'arbeitnow', company: 'ACME GmbH', title: 'Data Engineer', city: 'Berlin', text: TEXT_7001_AGGREGATOR, posted: '2026-08-03' });
const gh7002 = facts({ source: 'greenhouse:acme', id: '7002', company: 'Acme', title: 'Data Engineer', city: 'Berlin', text: TEXT_7002, posted: '2026-08-02' });

describe('sameOpening: labelled pairs', () => {
  it.each<[string, OpeningFacts, OpeningFacts, boolean, string]>([
    ['the ATS posting and its aggregator copy (other suffix, dashes, spacing, URL)', gh7001, agg7001, true, 'text-similar'],
    ['two requisitions on one board with the same title and city', gh7001, gh7002, false, 'same-board-different-text'],
    ['the aggregator copy and the other requisition', agg7001, gh7002, false, 'text-different'],
    ['another company with the same title and text', gh7001, facts({ source: 'remoteok', company: 'Globex', title: 'Data Engineer', city: 'Berlin', text: TEXT_7001 }), false, 'different-key'],
    ['the same text in another city', gh7001, facts({ source: 'arbeitnow', company: 'Acme', title: 'Data Engineer', city: 'Munich', text: TEXT_7001 }), false, 'different-city'],
    ['the same text with no city on one side', gh7001, facts({ source: 'remotive', company: 'Acme Inc.', title: 'Data Engineer', city: null, text: TEXT_7001 }), true, 'text-similar'],
    ['a monthly HN repost', facts({ source: 'hn:whoishiring', company: 'Acme', title: 'Data Engineer', text: TEXT_7002, posted: '2026-02-01' }),
      facts({ source: 'hn:whoishiring', company: 'Acme', title: 'Data Engineer', text: TEXT_7002.replace('full-time', 'full-time. Visa sponsorship'), posted: '2026-03-02' }), true, 'text-similar'],
    ['the same HN text nine years apart', facts({ source: 'hn:whoishiring', company: 'Acme', title: 'Data Engineer', text: TEXT_7002, posted: '2017-02-01' }),
      facts({ source: 'hn:whoishiring', company: 'Acme', title: 'Data Engineer', text: TEXT_7002, posted: '2026-02-01' }), false, 'far-apart'],
    ['two title-only postings with the same title, company and city', facts({ source: 'greenhouse:acme', company: 'Acme', title: 'Data Engineer', city: 'Berlin', text: null }),
      facts({ source: 'greenhouse:acme', company: 'Acme', title: 'Data Engineer', city: 'Berlin', text: null }), false, 'title-only'],
    ['a title-only posting and a posting with text', facts({ source: 'linkedin', company: 'Acme', title: 'Data Engineer', city: 'Berlin', text: null }), gh7001, false, 'title-only'],
    ['one text under two ids on one board, same location', facts({ source: 'greenhouse:acme', company: 'Acme', title: 'Data Engineer', location: 'Berlin, Germany', text: TEXT_7002 }),
      facts({ source: 'greenhouse:acme', company: 'Acme', title: 'Data Engineer', location: 'Berlin,  Germany', text: TEXT_7002 }), true, 'same-board-identical'],
    ['one text under two ids on one board, other locations', facts({ source: 'greenhouse:acme', company: 'Acme', title: 'Data Engineer', location: 'Berlin or remote', text: TEXT_7002 }),
      facts({ source: 'greenhouse:acme', company: 'Acme', title: 'Data Engineer', location: 'Hamburg or remote', text: TEXT_7002 }), false, 'same-board-different-text'],
    ['postings without a company', facts({ source: 'linkedin', company: '', title: 'Data Engineer', text: TEXT_7001 }), facts({ source: 'remoteok', company: '', title: 'Data Engineer', text: TEXT_7001 }), false, 'different-key'],
  ])('%s', (_name, a, b, same, reason) => {
    const d = sameOpening(a, b);
    expect({ same: d.same, reason: d.reason }).toEqual({ same, reason });
    expect(sameOpening(b, a)).toEqual(d); // symmetric
  });
});

describe('assignCanonical', () => {
  it('gives two canonical postings for 7001 (with the aggregator copy as an alternate) and 7002', () => {
    const result = assignCanonical([agg7001, gh7002, gh7001]);
    expect(Object.fromEntries(result.map((r) => [r.id, r.canonicalId]))).toEqual({
      [gh7001.id]: null,
      [gh7002.id]: null,
      [agg7001.id]: gh7001.id,
    });
    expect(result.find((r) => r.id === agg7001.id)!.score).toBeGreaterThanOrEqual(DEFAULT_SIMILARITY_THRESHOLD);
  });

  it('makes the earliest-seen copy canonical whatever the input order', () => {
    const early = { ...agg7001, id: '90', firstSeenAt: 0 };
    const late = { ...gh7001, id: '91', firstSeenAt: 10 };
    for (const order of [[early, late], [late, early]]) {
      expect(assignCanonical(order).map((r) => [r.id, r.canonicalId])).toEqual([['90', null], ['91', '90']]);
    }
  });

  it('breaks ties of first sight by id as a number', () => {
    const a = { ...gh7001, id: '10', firstSeenAt: 5 };
    const b = { ...agg7001, id: '9', firstSeenAt: 5 };
    expect(assignCanonical([a, b]).map((r) => [r.id, r.canonicalId])).toEqual([['9', null], ['10', '9']]);
  });
});
