import { legacyPostedAt, postedDate, type PostedDate } from './posted-date.js';

const fetchedAt = '2026-03-10T15:30:00.000Z';
const day = (postedDate: string, basis: PostedDate['basis']): PostedDate => ({ postedAt: null, postedDate, precision: 'day', basis });
const instant = (postedAt: string, basis: PostedDate['basis']): PostedDate => ({ postedAt, postedDate: null, precision: 'instant', basis });

describe('postedDate', () => {
  it.each<[unknown, { sourceTimeZone?: string }, PostedDate | null]>([
    // explicit instants
    ['2026-03-07T09:00:00+01:00', {}, instant('2026-03-07T08:00:00.000Z', 'explicit')],
    ['2026-03-07T09:00:00Z', { sourceTimeZone: 'America/New_York' }, instant('2026-03-07T09:00:00.000Z', 'explicit')],
    ['2026-03-07T09:00:00.123-0500', {}, instant('2026-03-07T14:00:00.000Z', 'explicit')],
    [1772874000, {}, instant('2026-03-07T09:00:00.000Z', 'explicit')],
    ['1772874000000.0', {}, instant('2026-03-07T09:00:00.000Z', 'explicit')],
    [new Date('2026-03-07T09:00:00Z'), {}, instant('2026-03-07T09:00:00.000Z', 'explicit')],
    // naive date-times in the source's zone (UTC without one)
    ['2026-03-07 09:00', { sourceTimeZone: 'Europe/Berlin' }, instant('2026-03-07T08:00:00.000Z', 'naive-local')],
    ['2026-07-07T09:00:00', { sourceTimeZone: 'Europe/Berlin' }, instant('2026-07-07T07:00:00.000Z', 'naive-local')],
    ['2026-03-07 09:00', { sourceTimeZone: 'America/New_York' }, instant('2026-03-07T14:00:00.000Z', 'naive-local')],
    ['2026-03-07 09:00', {}, instant('2026-03-07T09:00:00.000Z', 'naive-local')],
    // dates stay calendar dates, whatever the zone
    ['2026-03-07', { sourceTimeZone: 'Pacific/Auckland' }, day('2026-03-07', 'explicit')],
    ['March 7, 2026', {}, day('2026-03-07', 'explicit')],
    ['7 Mar 2026', {}, day('2026-03-07', 'explicit')],
    ['2026-03', {}, { postedAt: null, postedDate: '2026-03-01', precision: 'month', basis: 'explicit' }],
    // relative text, from the fetch time
    ['3 days ago', {}, day('2026-03-07', 'relative')],
    ['Posted 3 days ago', {}, day('2026-03-07', 'relative')],
    ['30+ days ago', {}, day('2026-02-08', 'relative')],
    ['yesterday', {}, day('2026-03-09', 'relative')],
    ['today', {}, day('2026-03-10', 'relative')],
    ['Just posted', {}, day('2026-03-10', 'relative')],
    ['2 weeks ago', {}, day('2026-02-24', 'relative')],
    ['an hour ago', {}, instant('2026-03-10T14:30:00.000Z', 'relative')],
    ['45 minutes ago', {}, instant('2026-03-10T14:45:00.000Z', 'relative')],
    ['a month ago', {}, { postedAt: null, postedDate: '2026-02-01', precision: 'month', basis: 'relative' }],
    // the day of relative text is the source's day: 15:30 UTC is already the 11th in Auckland
    ['today', { sourceTimeZone: 'Pacific/Auckland' }, day('2026-03-11', 'relative')],
    // not understood
    ['', {}, null],
    ['2026-02-30', {}, null],
    ['sometime soon', {}, null],
    [null, {}, null],
  ])('%j %j', (raw, ctx, expected) => {
    expect(postedDate(raw, { fetchedAt, ...ctx })).toEqual(expected);
  });

  it('gives null for relative text without a fetch time', () => {
    expect(postedDate('3 days ago', {})).toBeNull();
  });

  it('throws on an unknown time zone', () => {
    expect(() => postedDate('2026-03-07 09:00', { sourceTimeZone: 'Mars/Olympus' })).toThrow(RangeError);
  });
});

describe('legacyPostedAt', () => {
  it.each<[PostedDate | null, ReturnType<typeof legacyPostedAt>]>([
    [instant('2026-03-07T08:00:00.000Z', 'explicit'), { postedAt: '2026-03-07T08:00:00.000Z', postedPrecision: 'day' }],
    [day('2026-03-07', 'relative'), { postedAt: '2026-03-07T00:00:00.000Z', postedPrecision: 'day' }],
    [{ postedAt: null, postedDate: '2017-02-01', precision: 'month', basis: 'explicit' }, { postedAt: '2017-02-01T00:00:00.000Z', postedPrecision: 'month' }],
    [null, { postedAt: null, postedPrecision: null }],
  ])('%j', (d, expected) => expect(legacyPostedAt(d)).toEqual(expected));
});
