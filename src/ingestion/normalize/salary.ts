import type { PostingSalary } from '../posting.types.js';

export type SalaryPeriod = 'hour' | 'day' | 'week' | 'month' | 'year';

export interface NormalizedSalary {
  /** Lower bound in `currency` per `period`, as stated (never annualised); null when not stated. */
  min: number | null;
  max: number | null;
  /** ISO 4217 code ("USD"), or null when the source names none. */
  currency: string | null;
  period: SalaryPeriod | null;
  /** Bounds a year: hour × 2,080, day × 260, week × 52, month × 12; null when the period is unknown or the figure flagged. */
  annualMin: number | null;
  annualMax: number | null;
  /** Why the figure was not annualised although a period is known ("implausible: 5000 per hour"), else null. */
  flagged: string | null;
  /** The salary text as the source gave it, when it was text. */
  raw: string | null;
}

/** Hours (2,080 = 40 × 52), working days (260 = 5 × 52), weeks and months in a year. */
export const ANNUAL_FACTOR: Record<SalaryPeriod, number> = { hour: 2080, day: 260, week: 52, month: 12, year: 1 };

/**
 * Plausible bounds per period in major-unit currencies (USD, EUR, GBP…): outside them a figure is a typo or a
 * mislabelled period ("$5,000 per hour", "12 a year"). Currencies whose unit is worth far less get the upper bound
 * multiplied by {@link LOW_UNIT_FACTOR}.
 */
const PLAUSIBLE: Record<SalaryPeriod, [number, number]> = {
  hour: [1, 1_000], day: [10, 10_000], week: [50, 50_000], month: [100, 250_000], year: [1_000, 5_000_000],
};
const LOW_UNIT_CURRENCIES = new Set(['JPY', 'INR', 'KRW', 'IDR', 'VND', 'HUF', 'CLP', 'COP', 'PKR', 'NGN', 'KZT', 'LKR', 'ISK', 'PHP', 'RUB', 'TWD', 'THB']);
const LOW_UNIT_FACTOR = 200;

/** Currency symbols and ISO 4217 codes (upper-case, whole words: "academic" is not CAD). */
const SYMBOLS: Array<[RegExp, string]> = [
  [/US\$|\bUSD\b/, 'USD'], [/C\$|CA\$|\bCAD\b/, 'CAD'], [/A\$|AU\$|\bAUD\b/, 'AUD'], [/NZ\$|\bNZD\b/, 'NZD'], [/S\$|\bSGD\b/, 'SGD'],
  [/HK\$|\bHKD\b/, 'HKD'], [/€|\bEUR\b|\b[Ee]uros?\b/, 'EUR'], [/£|\bGBP\b/, 'GBP'], [/₹|\bINR\b|\bRs\.?(?=\s?\d)/, 'INR'], [/¥|\bJPY\b/, 'JPY'],
  [/\bCHF\b/, 'CHF'], [/\bSEK\b/, 'SEK'], [/\bNOK\b/, 'NOK'], [/\bDKK\b/, 'DKK'], [/\bPLN\b|zł/, 'PLN'], [/R\$|\bBRL\b/, 'BRL'],
  [/\bMXN\b/, 'MXN'], [/\bZAR\b/, 'ZAR'], [/\$/, 'USD'],
];

const PERIODS: Array<[RegExp, SalaryPeriod]> = [
  [/\/\s*h(ou)?r\b|\/\s*h\b|per hour|an hour|hourly|\bph\b|stundenlohn|pro stunde/i, 'hour'],
  [/\/\s*day\b|per day|a day\b|daily|day rate|pro tag/i, 'day'],
  [/\/\s*w(ee)?k\b|per week|a week\b|weekly/i, 'week'],
  [/\/\s*mo(nth)?\b|per month|a month\b|monthly|\bp\.?\s?m\b|pro monat|monatlich/i, 'month'],
  [/\/\s*y(ea)?r\b|per year|a year\b|yearly|annual(ly)?|per annum|\bp\.?\s?a\b|pro jahr|jährlich|\bOTE\b|\bTC\b/i, 'year'],
];

/** schema.org `unitText` and source vocabularies ("HOUR", "hourly", "Yearly", "per year", "annum") → period. */
export function salaryPeriod(value: string | null | undefined): SalaryPeriod | null {
  if (!value) return null;
  const v = value.trim().toLowerCase();
  if (/^(hour|hr|hourly|per hour|h)$/.test(v)) return 'hour';
  if (/^(day|daily|per day)$/.test(v)) return 'day';
  if (/^(week|weekly|per week|wk)$/.test(v)) return 'week';
  if (/^(month|monthly|per month|mo)$/.test(v)) return 'month';
  if (/^(year|yearly|annual|annually|per year|annum|yr|per annum)$/.test(v)) return 'year';
  for (const [re, period] of PERIODS) if (re.test(v)) return period;
  return null;
}

/**
 * Normalises a salary from free text ("$120k–$150k", "€50.000 - €60.000 per year", "£18/hr", "USD 90,000") or from
 * a source's structured bounds (a {@link PostingSalary}; its text fills what the bounds leave out).
 * Numbers: "k" = thousands (also on the first bound of "120-150k"); "." or "," are thousands separators when three
 * digits follow and decimal marks otherwise ("€50.000,50"). No period stated: "year" when a bound is ≥ 1,000.
 * A figure outside the plausible range of its period keeps min/max as stated, gets `flagged` and no annual bounds.
 * @returns null when there is neither a number nor text.
 */
export function salary(input: string | PostingSalary | null | undefined): NormalizedSalary | null {
  if (input === null || input === undefined) return null;
  const structured = typeof input === 'string' ? null : input;
  const raw = (typeof input === 'string' ? input : input.raw)?.replace(/\s+/g, ' ').trim() || null;
  const fromText = raw ? parseText(raw) : null;
  // Text the source wrote wins over bounds a format derived from it; bounds without text are the source's own.
  const textBounds = fromText && (fromText.min !== null || fromText.max !== null);
  let min = textBounds ? fromText.min : numberOrNull(structured?.min);
  let max = textBounds ? fromText.max : numberOrNull(structured?.max);
  if (min === null && max === null && !raw) return null;
  if (min !== null && max !== null && min > max) [min, max] = [max, min];
  const currency = (textBounds ? fromText.currency : null) || structured?.currency?.toUpperCase() || fromText?.currency || null;
  let period = (textBounds ? fromText.period : null) ?? salaryPeriod(structured?.period) ?? fromText?.period ?? null;
  if (!period && [min, max].some((n) => n !== null && n >= 1_000)) period = 'year';
  const flagged = period ? implausible(min, max, period, currency) : null;
  const factor = period && !flagged ? ANNUAL_FACTOR[period] : null;
  return {
    min, max, currency, period,
    annualMin: factor !== null && min !== null ? round2(min * factor) : null,
    annualMax: factor !== null && max !== null ? round2(max * factor) : null,
    flagged, raw,
  };
}

function implausible(min: number | null, max: number | null, period: SalaryPeriod, currency: string | null): string | null {
  const [lo, hi] = PLAUSIBLE[period];
  const upper = currency && LOW_UNIT_CURRENCIES.has(currency) ? hi * LOW_UNIT_FACTOR : hi;
  for (const n of [min, max]) if (n !== null && (n < lo || n > upper)) return `implausible: ${n} per ${period}`;
  return null;
}

function parseText(text: string): { min: number | null; max: number | null; currency: string | null; period: SalaryPeriod | null } {
  const numbers: Array<{ value: number; k: boolean }> = [];
  // A number: digits with separators, an optional "k"; "401(k)", "9-month appointment", "174-day year", "9%" are not pay.
  for (const m of text.matchAll(/(\d[\d.,' ]*\d|\d)\s*(k|K|thousand)?(?![\d(%])(?!\s*-?\s*(?:months?|days?|weeks?|years?|yrs?|hours?|hrs?)\b)/g)) {
    const value = parseNumber(m[1].replace(/ (?=\d{3}\b)/g, '').trim());
    if (value === null || value <= 0) continue;
    numbers.push({ value: m[2] ? value * 1000 : value, k: Boolean(m[2]) });
    if (numbers.length === 2) break;
  }
  // "55-70k", "$109-115,000": a first bound below 1,000 shares the thousands of the second when that makes a range.
  if (numbers.length === 2 && numbers[0].value < 1000 && numbers[1].value >= 1000) {
    const scaled = numbers[0].value * 1000;
    if (scaled <= numbers[1].value && scaled * 3 >= numbers[1].value) numbers[0].value = scaled;
  }
  let currency: string | null = null;
  for (const [re, code] of SYMBOLS) if (re.test(text)) { currency = code; break; }
  let period: SalaryPeriod | null = null;
  for (const [re, p] of PERIODS) if (re.test(text)) { period = p; break; }
  return { min: numbers[0]?.value ?? null, max: numbers[1]?.value ?? numbers[0]?.value ?? null, currency, period };
}

/** "50.000" → 50000, "50,000.50" → 50000.5, "50.000,50" → 50000.5, "18.50" → 18.5, "1'200" → 1200. */
function parseNumber(token: string): number | null {
  let t = token.replace(/'/g, '');
  const lastDot = t.lastIndexOf('.');
  const lastComma = t.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ',';
    const thousands = decimal === '.' ? ',' : '.';
    t = t.split(thousands).join('').replace(decimal, '.');
  } else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? '.' : ',';
    const groups = t.split(sep);
    const thousands = groups.length > 2 || (groups.length === 2 && groups[1].length === 3);
    t = thousands ? groups.join('') : groups.join('.');
  }
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

function numberOrNull(v: unknown): number | null {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : null;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
