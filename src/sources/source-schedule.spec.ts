import { cronProblem, nextRunAt, timezoneProblem } from './source-schedule.js';
import { runStatus } from './source.types.js';

describe('cronProblem', () => {
  it.each([
    ['0 * * * *', null],
    ['0 */2 * * *', null],
    ['* * * * * *', null],
    ['0 9 * * MON-FRI', null],
    ['61 * * * *', /61/],
    ['0 * *', /5 fields/],
    ['0 0 0 0 0 0 0', /5 fields/],
    ['0 0 31 2 *', /day of month/i],
    ['every hour', /5 fields/],
  ])('%s', (cron, problem) => {
    const got = cronProblem(cron);
    if (problem === null) expect(got).toBeNull();
    else expect(got).toMatch(problem);
  });
});

describe('timezoneProblem', () => {
  it.each([
    ['UTC', false],
    ['Europe/Berlin', false],
    ['America/Argentina/Buenos_Aires', false],
    ['Etc/GMT+5', false],
    ['Mars/Olympus', true],
    ['', true],
    ['Europe/Berlin; DROP', true],
  ])('%s', (zone, bad) => {
    expect(timezoneProblem(zone) !== null).toBe(bad);
  });
});

describe('nextRunAt', () => {
  it.each([
    // 09:00 in Berlin: CET (UTC+1) in winter, CEST (UTC+2) in summer.
    ['0 9 * * *', 'Europe/Berlin', '2026-11-29T10:00:00Z', '2026-11-30T08:00:00.000Z'],
    ['0 9 * * *', 'Europe/Berlin', '2026-07-01T06:00:00Z', '2026-07-01T07:00:00.000Z'],
    // The night Berlin moves to summer time (29 March 2026): 09:00 CEST is 07:00Z.
    ['0 9 * * *', 'Europe/Berlin', '2026-03-28T09:00:00Z', '2026-03-29T07:00:00.000Z'],
    ['0 */2 * * *', 'UTC', '2026-11-29T10:58:00Z', '2026-11-29T12:00:00.000Z'],
    ['30 8 * * 1', 'America/New_York', '2026-11-29T12:00:00Z', '2026-11-30T13:30:00.000Z'],
  ])('%s in %s after %s is %s', (cron, zone, from, expected) => {
    expect(nextRunAt(cron, zone, new Date(from)).toISOString()).toBe(expected);
  });
});

describe('runStatus', () => {
  it.each([
    [3, 0, 'complete'],
    [0, 0, 'complete'],
    [2, 1, 'partial'],
    [0, 1, 'failed'],
  ] as const)('%i pages read, %i lost: %s', (read, lost, status) => {
    expect(runStatus(read, lost)).toBe(status);
  });
});
