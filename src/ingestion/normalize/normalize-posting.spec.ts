import type { NormalizedPosting } from '../posting.types.js';
import { parseLocation } from '../text/location.js';
import { normalizePosting } from './normalize-posting.js';

const base = (over: Partial<NormalizedPosting> = {}): NormalizedPosting => ({
  sourceKey: 'test', sourceKind: 'test', externalId: '1', title: 'Data Analyst', company: 'Acme',
  location: parseLocation('Berlin, Germany'), postedAt: null, postedPrecision: null, url: null,
  descriptionText: 'Analyse data with SQL.', language: 'en', employmentType: null, salary: null, ...over,
});

describe('normalizePosting', () => {
  it.each<[string, Partial<NormalizedPosting>, Partial<NormalizedPosting>]>([
    ['relative text counts from the fetch time and stays a date',
      { postedText: '3 days ago', fetchedAt: '2026-03-10T15:30:00.000Z' },
      { postedAt: '2026-03-07T00:00:00.000Z', postedPrecision: 'day', postedDate: '2026-03-07', postedBasis: 'relative' }],
    ['a naive date-time is read in the source time zone',
      { postedText: '2026-03-07 09:00', sourceTimeZone: 'America/New_York' },
      { postedAt: '2026-03-07T14:00:00.000Z', postedPrecision: 'day', postedDate: null, postedBasis: 'naive-local' }],
    ['an instant stays an instant',
      { postedAt: '2026-03-07T09:15:00.000Z', postedPrecision: 'day' },
      { postedAt: '2026-03-07T09:15:00.000Z', postedDate: null, postedBasis: 'explicit' }],
    ['a date at 00:00 UTC is a calendar date',
      { postedAt: '2026-03-07T00:00:00.000Z', postedPrecision: 'day' },
      { postedAt: '2026-03-07T00:00:00.000Z', postedDate: '2026-03-07', postedBasis: 'explicit' }],
    ['a month stays a month',
      { postedAt: '2017-02-01T00:00:00.000Z', postedPrecision: 'month' },
      { postedAt: '2017-02-01T00:00:00.000Z', postedPrecision: 'month', postedDate: '2017-02-01', postedBasis: 'explicit' }],
    ['no date', {}, { postedAt: null, postedPrecision: null, postedDate: null, postedBasis: null }],
  ])('%s', (_label, over, expected) => expect(normalizePosting(base(over))).toMatchObject(expected));

  it('makes a hybrid posting hybrid with remote false, whatever the remote flag', () => {
    const p = normalizePosting(base({ location: parseLocation('Hybrid - Berlin', { remote: true }) }));
    expect([p.workMode, p.location.remote, p.location.city]).toEqual(['hybrid', false, 'Berlin']);
  });

  it('uses a workplace-type field and keeps remote true only for remote', () => {
    expect(normalizePosting(base({ workModeText: 'Remote' }))).toMatchObject({ workMode: 'remote', location: { remote: true } });
    expect(normalizePosting(base({ workModeText: 'On-site' }))).toMatchObject({ workMode: 'onsite', location: { remote: false } });
    expect(normalizePosting(base())).toMatchObject({ workMode: null, location: { remote: null } });
  });

  it('annualises the salary and keeps the text', () => {
    expect(normalizePosting(base({ salary: { min: null, max: null, currency: null, period: null, raw: '£18/hr' } })).salary).toEqual({
      min: 18, max: 18, currency: 'GBP', period: 'hour', annualMin: 37440, annualMax: 37440, flagged: null, raw: '£18/hr',
    });
  });

  it('is idempotent', () => {
    const once = normalizePosting(base({
      postedText: '2 weeks ago', fetchedAt: '2026-03-10T15:30:00.000Z', location: parseLocation('Remote (US)'),
      salary: { min: 5000, max: null, currency: 'USD', period: 'hour', raw: null },
    }));
    expect(normalizePosting(once)).toEqual(once);
    expect(normalizePosting({ ...once, postedText: undefined, fetchedAt: undefined })).toEqual({ ...once, postedText: undefined, fetchedAt: undefined });
  });
});
