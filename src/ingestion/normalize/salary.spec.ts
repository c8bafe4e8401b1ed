import { salary, type NormalizedSalary } from './salary.js';

const s = (over: Partial<NormalizedSalary>): NormalizedSalary => ({
  min: null, max: null, currency: null, period: null, annualMin: null, annualMax: null, flagged: null, raw: null, ...over,
});

describe('salary', () => {
  it.each<[Parameters<typeof salary>[0], NormalizedSalary | null]>([
    ['$120k–$150k', s({ min: 120000, max: 150000, currency: 'USD', period: 'year', annualMin: 120000, annualMax: 150000, raw: '$120k–$150k' })],
    ['€50.000 - €60.000 per year', s({ min: 50000, max: 60000, currency: 'EUR', period: 'year', annualMin: 50000, annualMax: 60000, raw: '€50.000 - €60.000 per year' })],
    ['£18/hr', s({ min: 18, max: 18, currency: 'GBP', period: 'hour', annualMin: 37440, annualMax: 37440, raw: '£18/hr' })],
    ['USD 90,000', s({ min: 90000, max: 90000, currency: 'USD', period: 'year', annualMin: 90000, annualMax: 90000, raw: 'USD 90,000' })],
    ['120-150k CHF', s({ min: 120000, max: 150000, currency: 'CHF', period: 'year', annualMin: 120000, annualMax: 150000, raw: '120-150k CHF' })],
    ['$18.50 - $22 per hour', s({ min: 18.5, max: 22, currency: 'USD', period: 'hour', annualMin: 38480, annualMax: 45760, raw: '$18.50 - $22 per hour' })],
    ['€4.500,00 monthly', s({ min: 4500, max: 4500, currency: 'EUR', period: 'month', annualMin: 54000, annualMax: 54000, raw: '€4.500,00 monthly' })],
    ['$600 per day', s({ min: 600, max: 600, currency: 'USD', period: 'day', annualMin: 156000, annualMax: 156000, raw: '$600 per day' })],
    ['$1,200/week', s({ min: 1200, max: 1200, currency: 'USD', period: 'week', annualMin: 62400, annualMax: 62400, raw: '$1,200/week' })],
    ['Competitive', s({ raw: 'Competitive' })],
    // implausible: kept as stated, flagged, not annualised
    ['$5,000 per hour', s({ min: 5000, max: 5000, currency: 'USD', period: 'hour', flagged: 'implausible: 5000 per hour', raw: '$5,000 per hour' })],
    [{ min: 12, max: null, currency: 'USD', period: 'year', raw: null }, s({ min: 12, currency: 'USD', period: 'year', flagged: 'implausible: 12 per year' })],
    // structured bounds, period vocabularies
    [{ min: 80000, max: 100000, currency: 'usd', period: 'YEAR', raw: null }, s({ min: 80000, max: 100000, currency: 'USD', period: 'year', annualMin: 80000, annualMax: 100000 })],
    [{ min: 40, max: 30, currency: 'EUR', period: 'HOUR', raw: null }, s({ min: 30, max: 40, currency: 'EUR', period: 'hour', annualMin: 62400, annualMax: 83200 })],
    [{ min: 6_000_000, max: 8_000_000, currency: 'JPY', period: 'year', raw: null }, s({ min: 6e6, max: 8e6, currency: 'JPY', period: 'year', annualMin: 6e6, annualMax: 8e6 })],
    [{ min: null, max: null, currency: null, period: null, raw: '$45,000 - $50,000' }, s({ min: 45000, max: 50000, currency: 'USD', period: 'year', annualMin: 45000, annualMax: 50000, raw: '$45,000 - $50,000' })],
    // real Chronicle wording
    ['55-70k, negotiable', s({ min: 55000, max: 70000, period: 'year', annualMin: 55000, annualMax: 70000, raw: '55-70k, negotiable' })],
    ['Minimum of $109-115,000 oer year', s({ min: 109000, max: 115000, currency: 'USD', period: 'year', annualMin: 109000, annualMax: 115000, raw: 'Minimum of $109-115,000 oer year' })],
    ['$90,000 annually (9-month appointment)', s({ min: 90000, max: 90000, currency: 'USD', period: 'year', annualMin: 90000, annualMax: 90000, raw: '$90,000 annually (9-month appointment)' })],
    ['$83,237 to $88,264 per 174-day academic year', s({ min: 83237, max: 88264, currency: 'USD', period: 'year', annualMin: 83237, annualMax: 88264, raw: '$83,237 to $88,264 per 174-day academic year' })],
    ['$80,000 - $135, 000', s({ min: 80000, max: 135000, currency: 'USD', period: 'year', annualMin: 80000, annualMax: 135000, raw: '$80,000 - $135, 000' })],
    ['$225-$275K', s({ min: 225000, max: 275000, currency: 'USD', period: 'year', annualMin: 225000, annualMax: 275000, raw: '$225-$275K' })],
    // text wins over bounds a format derived from it
    [{ min: 55, max: 70000, currency: null, period: 'year', raw: '55-70k' }, s({ min: 55000, max: 70000, period: 'year', annualMin: 55000, annualMax: 70000, raw: '55-70k' })],
    ['', null],
    [null, null],
  ])('%j', (input, expected) => expect(salary(input)).toEqual(expected));
});
