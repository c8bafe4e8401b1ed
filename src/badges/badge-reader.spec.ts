/** readBadge / readBadges on hand-written badges (Credly API, OB 3.0 with ESCO and O*NET alignments) and bad input. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA_DIR } from '../config/paths.js';
import type { BadgeDescription } from './badge.types.js';
import { BadgeReadError, BadgeReadErrorCode, readBadge, readBadges } from './badge-reader.js';

const BADGES_DIR = join(SHARED_DATA_DIR, 'badges');

function badgeFile(relativePath: string): unknown {
  return JSON.parse(readFileSync(join(BADGES_DIR, relativePath), 'utf8'));
}

function readError(input: unknown, read: (input: unknown) => unknown = readBadge): BadgeReadError {
  try {
    read(input);
  } catch (error) {
    if (error instanceof BadgeReadError) return error;
    throw error;
  }
  throw new Error('expected a BadgeReadError');
}

const NOT_A_BADGE = 'not an Open Badges Assertion, BadgeClass, OpenBadgeCredential or Credly badge';

const POSTGRES_ESCO = 'http://data.europa.eu/esco/skill/a8d07b5a-c1a1-42c6-9d53-db9c7a2ca996';

/** A Credly issued badge as `GET /v1/organizations/{id}/badges/{id}` returns it (trimmed to the fields read). */
const credlyIssuedBadge = {
  data: {
    id: '0c1d3f5e-2a4b-4c6d-8e9f-a1b2c3d4e5f6',
    issued_at: '2024-05-02T09:15:00.000-04:00',
    expires_at: '2027-05-02',
    state: 'accepted',
    badge_template: {
      id: '5a6b7c8d-1e2f-4a3b-9c8d-7e6f5a4b3c2d',
      name: 'Cloud Native Developer',
      description: 'Earners build and deploy containerised services.',
      skills: ['JS', 'k8s', 'Postgres'],
      badge_template_activities: [{ title: 'Pass the practical exam', activity_type: 'Assessment' }],
      owner: { type: 'Organization', name: 'Template Owner Org' },
    },
    issuer: {
      summary: 'issued by Example Cloud Academy',
      entities: [{ label: 'Issued by', primary: true, entity: { type: 'Organization', name: 'Example Cloud Academy' } }],
    },
  },
};

/** An Open Badges 3.0 AchievementCredential in VC 1.1 form, aligned to ESCO and O*NET. */
const escoAlignedCredential = {
  '@context': ['https://www.w3.org/2018/credentials/v1', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  type: ['VerifiableCredential', 'AchievementCredential'],
  issuer: 'did:web:academy.example.org',
  issuanceDate: '2023-03-01T12:00:00Z',
  expirationDate: '2026-03-01T12:00:00Z',
  credentialSubject: {
    type: ['AchievementSubject'],
    achievement: {
      type: ['Achievement'],
      achievementType: 'Competency',
      name: 'Relational databases',
      description: 'Designs schemas and writes queries.',
      criteria: { narrative: 'Pass the SQL lab.' },
      alignment: [
        { type: ['Alignment'], targetName: 'PostgreSQL', targetUrl: POSTGRES_ESCO, targetType: 'ceasn:Competency', targetFramework: 'ESCO' },
        {
          type: ['Alignment'],
          targetName: 'Software Developers',
          targetCode: '15-1252.00',
          targetUrl: 'https://www.onetonline.org/link/summary/15-1252.00',
          targetFramework: 'O*NET-SOC',
        },
      ],
      tag: ['postgresql', 'SQL'],
    },
  },
};

describe('readBadge on hand-written badges', () => {
  it('reads a Credly issued badge wrapped in { data }, with skills as strings', () => {
    expect(readBadge(credlyIssuedBadge)).toEqual<BadgeDescription>({
      format: 'credly-badge',
      name: 'Cloud Native Developer',
      description: 'Earners build and deploy containerised services.',
      criteria: 'Pass the practical exam',
      issuer: 'Example Cloud Academy',
      issuedOn: '2024-05-02T13:15:00.000Z',
      expires: '2027-05-02T00:00:00.000Z',
      skillHints: [
        { text: 'JS', source: 'credly_skill' },
        { text: 'k8s', source: 'credly_skill' },
        { text: 'Postgres', source: 'credly_skill' },
      ],
    });
  });

  it('reads a Credly badge template with skills as { name } objects, issuer from its owner', () => {
    const template = { ...credlyIssuedBadge.data.badge_template, skills: [{ id: '1', name: 'Docker' }, { id: '2', name: 'docker' }] };
    expect(readBadge(template)).toEqual<BadgeDescription>({
      format: 'credly-template',
      name: 'Cloud Native Developer',
      description: 'Earners build and deploy containerised services.',
      criteria: 'Pass the practical exam',
      issuer: 'Template Owner Org',
      issuedOn: null,
      expires: null,
      skillHints: [{ text: 'Docker', source: 'credly_skill' }],
    });
  });

  it('reads an OB 3.0 credential (VC 1.1 dates, issuer as a DID) with ESCO and O*NET alignments', () => {
    expect(readBadge(escoAlignedCredential)).toEqual<BadgeDescription>({
      format: 'ob3-credential',
      name: 'Relational databases',
      description: 'Designs schemas and writes queries.',
      criteria: 'Pass the SQL lab.',
      issuer: 'did:web:academy.example.org',
      issuedOn: '2023-03-01T12:00:00.000Z',
      expires: '2026-03-01T12:00:00.000Z',
      skillHints: [
        { text: 'PostgreSQL', source: 'alignment', escoUri: POSTGRES_ESCO, framework: 'ESCO' },
        { text: 'Software Developers', source: 'alignment', onetSoc: '15-1252.00', framework: 'O*NET-SOC' },
        { text: 'SQL', source: 'tag' },
      ],
    });
  });

  it('reads a bare OB 3.0 Achievement, issuer from its creator', () => {
    const achievement = {
      ...escoAlignedCredential.credentialSubject.achievement,
      creator: { type: ['Profile'], name: 'Example Skills Body' },
    };
    expect(readBadge(achievement)).toMatchObject({
      format: 'ob3-achievement',
      name: 'Relational databases',
      issuer: 'Example Skills Body',
      issuedOn: null,
      expires: null,
    });
  });

  it('expands a VerifiablePresentation into its credentials, and readBadge takes a one-credential presentation', () => {
    const lightbend = badgeFile('credly/credly_ob3_openbadgecredential_baked_lightbend-reactive-microservices.json');
    const presentation = { type: ['VerifiablePresentation'], verifiableCredential: [escoAlignedCredential, lightbend] };
    expect(readBadges(presentation).map((b) => b.name)).toEqual([
      'Relational databases',
      'Reactive Architecture: Reactive Microservices - Level 2',
    ]);
    expect(readBadge({ type: 'VerifiablePresentation', verifiableCredential: escoAlignedCredential }).name).toBe('Relational databases');
    expect(readError(presentation).code).toBe(BadgeReadErrorCode.NOT_ONE_BADGE);
  });

  it('expands a JSON array of mixed forms', () => {
    expect(readBadges([credlyIssuedBadge, escoAlignedCredential]).map((b) => b.format)).toEqual(['credly-badge', 'ob3-credential']);
  });
});

describe('readBadge on malformed input', () => {
  it.each<[string, unknown, BadgeReadErrorCode, string]>([
    [
      'a string',
      '{"type":"Assertion"}',
      BadgeReadErrorCode.NOT_AN_OBJECT,
      `${NOT_A_BADGE}: expected a parsed JSON object, got a string (parse the JSON, or decode the signed badge, first)`,
    ],
    ['null', null, BadgeReadErrorCode.NOT_AN_OBJECT, `${NOT_A_BADGE}: expected a parsed JSON object, got null`],
    ['a number', 42, BadgeReadErrorCode.NOT_AN_OBJECT, `${NOT_A_BADGE}: expected a parsed JSON object, got a number`],
    ['an empty object', {}, BadgeReadErrorCode.UNRECOGNISED_TYPE, `${NOT_A_BADGE}: no recognisable type`],
    ['an unknown type', { type: 'Course', name: 'x' }, BadgeReadErrorCode.UNRECOGNISED_TYPE, `${NOT_A_BADGE}: type "Course" is not supported`],
    [
      'an Assertion with no badge',
      { '@context': 'https://w3id.org/openbadges/v2', type: 'Assertion', issuedOn: '2016-12-31T23:59:59Z' },
      BadgeReadErrorCode.MISSING_FIELD,
      'Open Badges Assertion has no badge: expected a BadgeClass object or its URL in "badge"',
    ],
    [
      'an Assertion with an unparseable issuedOn',
      { type: 'Assertion', badge: 'https://example.org/b.json', issuedOn: 'last Tuesday' },
      BadgeReadErrorCode.INVALID_FIELD,
      'Assertion issuedOn is not an ISO 8601 date: "last Tuesday"',
    ],
    ['a BadgeClass with no name', { type: 'BadgeClass', description: 'x' }, BadgeReadErrorCode.MISSING_FIELD, 'Open Badges BadgeClass has no name'],
    [
      'an OpenBadgeCredential with no achievement',
      { type: ['VerifiableCredential', 'OpenBadgeCredential'], credentialSubject: { id: 'did:example:1' } },
      BadgeReadErrorCode.MISSING_FIELD,
      'VerifiableCredential, OpenBadgeCredential has no credentialSubject.achievement object',
    ],
    ['an empty array', [], BadgeReadErrorCode.NOT_ONE_BADGE, 'expected one badge, found 0 in this array: use readBadges'],
  ])('refuses %s', (_case, input, code, message) => {
    const error = readError(input);
    expect(error).toBeInstanceOf(BadgeReadError);
    expect(error).toMatchObject({ code, message });
  });

  it('names the presentation member that is not a badge', () => {
    const presentation = { type: ['VerifiablePresentation'], verifiableCredential: [escoAlignedCredential, 'eyJhbGciOi.x.y'] };
    expect(readError(presentation, readBadges).message).toBe(
      `verifiableCredential[1]: ${NOT_A_BADGE}: expected a parsed JSON object, got a string (parse the JSON, or decode the signed badge, first)`,
    );
  });
});
