import { workMode, type WorkMode, type WorkModeFlags, type WorkModeText } from './work-mode.js';

describe('workMode', () => {
  it.each<[string, WorkModeText, WorkModeFlags, WorkMode | null]>([
    ['"Remote (US)" location', { short: ['Remote (US)'] }, {}, 'remote'],
    ['"100% remote" in the text', { description: 'We are a 100% remote team. This is a 100% remote position.' }, {}, 'remote'],
    ['"fully remote"', { description: 'The role is fully remote within Germany.' }, {}, 'remote'],
    ['"on-site" location', { short: ['On-site - Austin, TX'] }, {}, 'onsite'],
    ['"this role is on-site"', { description: 'This role is on-site in our Munich lab.' }, {}, 'onsite'],
    ['"in office 3 days a week" is hybrid', { description: 'You will be in office 3 days a week in London.' }, {}, 'hybrid'],
    ['"3 days per week in the office" is hybrid', { description: 'We work 3 days per week in the office.' }, {}, 'hybrid'],
    ['hybrid beats a remote flag', { short: ['Berlin (Hybrid)'] }, { remote: true }, 'hybrid'],
    ['hybrid in the text beats remote in a field', { short: ['Remote'], description: 'This is a hybrid role based in Paris.' }, {}, 'hybrid'],
    ['a work-from-anywhere month is a perk', { short: ['Berlin'], description: 'Benefits: work from anywhere for a month each year, 30 days off.' }, {}, null],
    ['a perk with an on-site flag stays on-site', { description: 'Perks: work from anywhere for 4 weeks a year.' }, { remote: false }, 'onsite'],
    ['a perk in a field does not make it remote', { short: ['Hamburg, work from anywhere 4 weeks a year'] }, {}, null],
    ['"hybrid cloud" is not a work mode', { short: ['Boston, MA'], description: 'Experience with hybrid cloud infrastructure.' }, {}, null],
    ['"this role is hybrid"', { description: 'This role is hybrid, based in Lisbon.' }, { remote: true }, 'hybrid'],
    ['"at least 2 days per week" in the office', { description: 'You work in the office at least 2 days per week.' }, {}, 'hybrid'],
    ['a "Hybrid Cloud Architect" title is no work mode', { short: ['Hybrid Cloud Architect', 'Boston, MA'] }, {}, null],
    ['teaching in a hybrid environment is no work mode', { description: 'Certificate to teach in an on-line or hybrid environment.' }, {}, null],
    ['the flag alone', { short: ['Anytown'] }, { remote: true }, 'remote'],
    ['remote or on-site decides nothing', { short: ['Remote or on-site (Berlin)'] }, {}, null],
    ['nothing said', { short: ['Data Analyst', 'Chicago, IL'], description: 'Analyse data.' }, {}, null],
  ])('%s', (_label, text, flags, expected) => expect(workMode(text, flags)).toBe(expected));
});
