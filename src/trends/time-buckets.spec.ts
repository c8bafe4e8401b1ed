import {
  bucketOfInstant, bucketsBetween, countBuckets, isoWeekKey, isValidDate, isValidTimeZone, localDate, parsePeriod, startOfLocalDay,
} from './time-buckets.js';

const iso = (t: number) => new Date(t).toISOString();

describe('bucketOfInstant', () => {
  it.each([
    // The case: Sunday evening in New York is Monday 03:30 UTC; in New York it belongs to the week of 25 March.
    ['2024-03-31T23:30:00-04:00', 'week', 'America/New_York', '2024-W13', '2024-03-25', '2024-03-25T04:00:00.000Z', '2024-04-01T04:00:00.000Z'],
    ['2024-03-31T23:30:00-04:00', 'week', 'UTC', '2024-W14', '2024-04-01', '2024-04-01T00:00:00.000Z', '2024-04-08T00:00:00.000Z'],
    // Monday 00:00 local opens the week; 23:59 on Sunday closes the one before.
    ['2024-03-25T00:00:00-04:00', 'week', 'America/New_York', '2024-W13', '2024-03-25', '2024-03-25T04:00:00.000Z', '2024-04-01T04:00:00.000Z'],
    ['2024-03-24T23:59:00-04:00', 'week', 'America/New_York', '2024-W12', '2024-03-18', '2024-03-18T04:00:00.000Z', '2024-03-25T04:00:00.000Z'],
    // A week across the spring-forward change lasts 167 hours.
    ['2024-03-10T12:00:00Z', 'week', 'America/New_York', '2024-W10', '2024-03-04', '2024-03-04T05:00:00.000Z', '2024-03-11T04:00:00.000Z'],
    // Half- and quarter-hour offsets.
    ['2024-03-24T18:40:00Z', 'week', 'Asia/Kolkata', '2024-W13', '2024-03-25', '2024-03-24T18:30:00.000Z', '2024-03-31T18:30:00.000Z'],
    ['2024-03-24T18:20:00Z', 'week', 'Asia/Kathmandu', '2024-W13', '2024-03-25', '2024-03-24T18:15:00.000Z', '2024-03-31T18:15:00.000Z'],
    ['2024-03-24T18:10:00Z', 'week', 'Asia/Kathmandu', '2024-W12', '2024-03-18', '2024-03-17T18:15:00.000Z', '2024-03-24T18:15:00.000Z'],
    // Months: 1 April 03:30 UTC is still March in New York.
    ['2024-04-01T03:30:00Z', 'month', 'America/New_York', '2024-03', '2024-03-01', '2024-03-01T05:00:00.000Z', '2024-04-01T04:00:00.000Z'],
    ['2024-04-01T03:30:00Z', 'month', 'Europe/Berlin', '2024-04', '2024-04-01', '2024-03-31T22:00:00.000Z', '2024-04-30T22:00:00.000Z'],
    // ISO week-numbering years.
    ['2021-01-01T12:00:00Z', 'week', 'UTC', '2020-W53', '2020-12-28', '2020-12-28T00:00:00.000Z', '2021-01-04T00:00:00.000Z'],
    ['2024-12-31T12:00:00Z', 'week', 'UTC', '2025-W01', '2024-12-30', '2024-12-30T00:00:00.000Z', '2025-01-06T00:00:00.000Z'],
  ] as const)('%s by %s in %s is %s', (at, interval, tz, key, start, startUtc, endUtc) => {
    const b = bucketOfInstant(Date.parse(at), interval, tz);
    expect([b.key, b.start, iso(b.startUtc), iso(b.endUtc)]).toEqual([key, start, startUtc, endUtc]);
  });
});

describe('startOfLocalDay', () => {
  it.each([
    ['2024-03-11', 'America/New_York', '2024-03-11T04:00:00.000Z'],
    ['2024-11-04', 'America/New_York', '2024-11-04T05:00:00.000Z'],
    // Midnight skipped by daylight saving: the day begins when the clocks jump (01:00 local).
    ['2024-09-08', 'America/Santiago', '2024-09-08T04:00:00.000Z'],
    ['2024-03-31', 'Asia/Beirut', '2024-03-30T22:00:00.000Z'],
    // Lord Howe Island moves its clocks by half an hour.
    ['2024-10-06', 'Australia/Lord_Howe', '2024-10-05T13:30:00.000Z'],
  ])('%s in %s begins at %s', (date, tz, expected) => {
    expect(iso(startOfLocalDay(date, tz))).toBe(expected);
  });
});

describe('calendar helpers', () => {
  it.each([
    ['2021-01-01', '2020-W53'], ['2024-12-30', '2025-W01'], ['2026-01-01', '2026-W01'], ['2024-03-31', '2024-W13'], ['2024-04-01', '2024-W14'],
  ])('ISO week of %s is %s', (date, key) => expect(isoWeekKey(date)).toBe(key));

  it('reads local dates', () => {
    expect(localDate(Date.parse('2024-04-01T03:30:00Z'), 'America/New_York')).toBe('2024-03-31');
    expect(localDate(Date.parse('2024-04-01T03:30:00Z'), 'Asia/Tokyo')).toBe('2024-04-01');
  });

  it.each([
    ['UTC', true], ['America/New_York', true], ['Asia/Kathmandu', true], ['Mars/Olympus_Mons', false], ['', false], ['EST; DROP', false],
  ])('time zone %j valid: %s', (tz, ok) => expect(isValidTimeZone(tz)).toBe(ok));

  it.each([['2024-02-29', true], ['2023-02-29', false], ['2024-13-01', false], ['2024-3-1', false], ['yesterday', false]])(
    'date %s valid: %s', (d, ok) => expect(isValidDate(d)).toBe(ok));
});

describe('bucketsBetween', () => {
  it('covers whole weeks from the Monday on or before `from`, zero-fillable', () => {
    const b = bucketsBetween('2024-03-27', '2024-04-08', 'week', 'America/New_York');
    expect(b.map((x) => [x.key, x.start, x.end])).toEqual([
      ['2024-W13', '2024-03-25', '2024-04-01'], ['2024-W14', '2024-04-01', '2024-04-08'], ['2024-W15', '2024-04-08', '2024-04-15'],
    ]);
    expect(countBuckets('2024-03-27', '2024-04-08', 'week')).toBe(3);
  });

  it('covers months, each starting at local midnight', () => {
    const b = bucketsBetween('2026-01-15', '2026-03-02', 'month', 'America/New_York');
    expect(b.map((x) => [x.key, iso(x.startUtc), iso(x.endUtc)])).toEqual([
      ['2026-01', '2026-01-01T05:00:00.000Z', '2026-02-01T05:00:00.000Z'],
      ['2026-02', '2026-02-01T05:00:00.000Z', '2026-03-01T05:00:00.000Z'],
      ['2026-03', '2026-03-01T05:00:00.000Z', '2026-04-01T04:00:00.000Z'],
    ]);
    expect(countBuckets('2026-01-15', '2026-03-02', 'month')).toBe(3);
    expect(countBuckets('2025-11-30', '2026-01-01', 'month')).toBe(3);
  });

  it('refuses from after to', () => {
    expect(() => bucketsBetween('2024-04-02', '2024-04-01', 'week', 'UTC')).toThrow(RangeError);
  });
});

describe('parsePeriod', () => {
  it.each([
    ['2024-W14', 'America/New_York', 'week', '2024-W14', '2024-04-01', '2024-W13', '2024-03-25'],
    ['2020-W53', 'UTC', 'week', '2020-W53', '2020-12-28', '2020-W52', '2020-12-21'],
    ['2025-W01', 'UTC', 'week', '2025-W01', '2024-12-30', '2024-W52', '2024-12-23'],
    ['2024-03', 'UTC', 'month', '2024-03', '2024-03-01', '2024-02', '2024-02-01'],
    ['2024-01', 'UTC', 'month', '2024-01', '2024-01-01', '2023-12', '2023-12-01'],
  ])('%s in %s', (period, tz, interval, key, start, previousKey, previousStart) => {
    const p = parsePeriod(period, tz)!;
    expect([p.interval, p.current.key, p.current.start, p.previous.key, p.previous.start]).toEqual([interval, key, start, previousKey, previousStart]);
  });

  it.each(['2021-W53', '2024-W00', '2024-W54', '2024-13', '2024-00', '2024-3', '2024W14', 'last-week'])('refuses %s', (period) => {
    expect(parsePeriod(period, 'UTC')).toBeNull();
  });
});
