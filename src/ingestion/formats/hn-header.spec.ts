import { parseHnHeader, roleFromBody } from './hn-header.js';

describe('parseHnHeader', () => {
  it.each([
    ['Apple | Senior Software Engineer - Transparency | Cupertino, California, US | ONSITE (3 days/week in office)',
      { company: 'Apple', title: 'Senior Software Engineer - Transparency', location: 'Cupertino, California, US | ONSITE (3 days/week in office)', remote: false, employmentType: null }],
    ['FUTO | Austin, TX | Remote | Full Time',
      { company: 'FUTO', title: null, location: 'Austin, TX | Remote', remote: true, employmentType: 'full-time' }],
    ['SpanishDict.com | VP of Engineering, iOS/Android Developer | Arlington, VA | Onsite | Full-time',
      { company: 'SpanishDict.com', title: 'VP of Engineering, iOS/Android Developer', location: 'Arlington, VA | Onsite', remote: false, employmentType: 'full-time' }],
    ['Wolf Games — Director of Engineering, Creative Automation — Remote (US/Canada) — Contract',
      { company: 'Wolf Games', title: 'Director of Engineering, Creative Automation', location: 'Remote (US/Canada)', remote: true, employmentType: 'contract' }],
    ['Founding Engineer @ Conductor (San Francisco, ONSITE)',
      { company: 'Conductor', title: 'Founding Engineer', location: 'San Francisco, ONSITE', remote: false, employmentType: null }],
    ["Microsoft Research is hiring Senior MLE's in Cambridge, MA (ONSITE).",
      { company: 'Microsoft Research', title: "Senior MLE's", location: 'Cambridge, MA | ONSITE', remote: false, employmentType: null }],
    ['Kyber (YC W23) | Enterprise Account Executive | New York, NY | $220K - $260K',
      { company: 'Kyber', title: 'Enterprise Account Executive', location: 'New York, NY', remote: null, employmentType: null }],
    ['Flip (https://flip.lease) | Backend Engineer | New York, NY',
      { company: 'Flip', title: 'Backend Engineer', location: 'New York, NY', remote: null, employmentType: null }],
    ['Softmax | Software Engineer https://softmax.com/careers | Remote',
      { company: 'Softmax', title: 'Software Engineer', location: 'Remote', remote: true, employmentType: null }],
    ['Data Scientists & Growth Analysts | MarketInvoice | London, UK',
      { company: 'MarketInvoice', title: 'Data Scientists & Growth Analysts', location: 'London, UK', remote: null, employmentType: null }],
    ['Software Engineer | Zenysis (YC W16) | SF, NYC | Onsite, Fulltime',
      { company: 'Zenysis', title: 'Software Engineer', location: 'SF, NYC | Onsite, Fulltime', remote: false, employmentType: null }],
    ['Please do not build this.', { company: null, title: null, location: null, remote: null, employmentType: null }],
  ])('%s', (line, expected) => expect(parseHnHeader(line)).toEqual(expected));
});

describe('roleFromBody', () => {
  it.each([
    [['We are a small team.', 'DevOps Engineer - Apply: https://x.example'], 'DevOps Engineer'],
    [['Roles: Backend Engineer, Designer'], 'Backend Engineer, Designer'],
    [['We are hiring engineers everywhere.'], null],
  ])('%j → %j', (lines, expected) => expect(roleFromBody(lines)).toBe(expected));
});
