/** readBadge / readBadges on every file in the shared data set's badges/ folder (SOURCES.md section 4), read in place. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA_DIR } from '../config/paths.js';
import type { BadgeDescription } from './badge.types.js';
import { BadgeReadError, BadgeReadErrorCode, readBadge, readBadges } from './badge-reader.js';

const BADGES_DIR = join(SHARED_DATA_DIR, 'badges');

function badgeFile(relativePath: string): unknown {
  return JSON.parse(readFileSync(join(BADGES_DIR, relativePath), 'utf8'));
}

/** The payload of a compact JWS, decoded without checking the signature (the spec example's key does not exist). */
function jwsPayload(relativePath: string): unknown {
  const payload = readFileSync(join(BADGES_DIR, relativePath), 'utf8').trim().split('.')[1];
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
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
const ROBOTICS_DESCRIPTION = 'For doing awesome things with robots that people think is pretty great.';
const LIGHTBEND_DESCRIPTION =
  'Earners of this badge understand the difference between a monolithic system, and a microservices system. ' +
  'They recognize the value of introducing isolation into their application to improve stability, maintainability, ' +
  'and scalability. They understand some of the techniques used to introduce isolation such as bulkheading, autonomy, ' +
  'and asynchronous messaging.';
const LIGHTBEND_CRITERIA =
  'Course: Complete the Reactive Architecture: Reactive Microservices course ' +
  'https://academy.lightbend.com/courses/course-v1:lightbend+LRA-ReactiveMicroservices+v1/about?utm_source=badge' +
  '&utm_medium=academy&utm_campaign=LBA-20XX-Academy-Badge-Page&utm_content=lra-reactive-microservices' +
  '&utm_term=earning-criteria\n' +
  'Other: Review approximately 6 hours of materials including videos, quizzes, and exams. \n' +
  'Assessment: Receive a passing grade in the assessed portions of the course.';
const TEXT_ANALYSIS_CRITERIA =
  'Cite strong and thorough textual evidence to support analysis of what the text says explicitly as well as ' +
  'inferences drawn from the text, including determining where the text leaves matters uncertain';

describe('readBadge on the shared badge files', () => {
  it.each<[string, () => unknown, BadgeDescription]>([
    [
      'ob2_spec_examples/assertion_hosted.json (BadgeClass by URL only)',
      () => badgeFile('ob2_spec_examples/assertion_hosted.json'),
      {
        format: 'ob2-assertion',
        name: 'robotics-badge',
        description: null,
        criteria: null,
        issuer: null,
        issuedOn: '2016-12-31T23:59:59.000Z',
        expires: '2017-06-30T23:59:59.000Z',
        skillHints: [],
      },
    ],
    [
      'ob2_spec_examples/assertion_with_embedded_badgeclass_and_issuer.json',
      () => badgeFile('ob2_spec_examples/assertion_with_embedded_badgeclass_and_issuer.json'),
      {
        format: 'ob2-assertion',
        name: 'Awesome Robotics Badge',
        description: ROBOTICS_DESCRIPTION,
        criteria: null,
        issuer: 'An Example Badge Issuer',
        issuedOn: '2016-12-31T23:59:59.000Z',
        expires: null,
        skillHints: [],
      },
    ],
    [
      'ob2_spec_examples/badgeclass_with_alignment_and_tags.json (issuer by URL, CCSS alignment kept)',
      () => badgeFile('ob2_spec_examples/badgeclass_with_alignment_and_tags.json'),
      {
        format: 'ob2-badgeclass',
        name: 'Awesome Robotics Badge',
        description: ROBOTICS_DESCRIPTION,
        criteria: null,
        issuer: 'https://example.org/organization.json',
        issuedOn: null,
        expires: null,
        skillHints: [
          { text: 'CCSS.ELA-Literacy.RST.11-12.3', source: 'alignment' },
          { text: 'Problem-Solving', source: 'alignment', framework: 'Mozilla 21st Century Skills' },
          { text: 'robots', source: 'tag' },
          { text: 'awesome', source: 'tag' },
        ],
      },
    ],
    [
      'ob2_spec_examples/signed_assertion_claims.json',
      () => badgeFile('ob2_spec_examples/signed_assertion_claims.json'),
      {
        format: 'ob2-assertion',
        name: 'robotics-badge',
        description: null,
        criteria: null,
        issuer: null,
        issuedOn: '2016-12-31T23:59:59.000Z',
        expires: null,
        skillHints: [],
      },
    ],
    [
      'ob2_spec_examples/signed_assertion.jws (payload decoded)',
      () => jwsPayload('ob2_spec_examples/signed_assertion.jws'),
      {
        format: 'ob2-assertion',
        name: 'robotics-badge',
        description: null,
        criteria: null,
        issuer: null,
        issuedOn: '2016-12-31T23:59:59.000Z',
        expires: null,
        skillHints: [],
      },
    ],
    [
      'ob3_spec_examples/basic_openbadgecredential.json',
      () => badgeFile('ob3_spec_examples/basic_openbadgecredential.json'),
      {
        format: 'ob3-credential',
        name: 'Teamwork',
        description: 'This badge recognizes the development of the capacity to collaborate within a group environment.',
        criteria: 'Team members are nominated for this badge by their peers and recognized upon review by Example Corp management.',
        issuer: 'Example Corp',
        issuedOn: '2010-01-01T00:00:00.000Z',
        expires: null,
        skillHints: [],
      },
    ],
    [
      'ob3_spec_examples/complete_openbadgecredential.json (two alignments of one name, result alignments ignored)',
      () => badgeFile('ob3_spec_examples/complete_openbadgecredential.json'),
      {
        format: 'ob3-credential',
        name: '1EdTech University Degree',
        description: '1EdTech University Degree Description',
        criteria: '# Degree Requirements\\nStudents must complete...',
        issuer: '1EdTech University',
        issuedOn: '2010-01-01T00:00:00.000Z',
        expires: '2030-01-01T00:00:00.000Z',
        skillHints: [
          { text: '1EdTech University Degree', source: 'alignment', framework: '1EdTech University Program and Course Catalog' },
          { text: 'research', source: 'tag' },
          { text: 'computer science', source: 'tag' },
        ],
      },
    ],
    [
      'ob3_spec_examples/achievement_alignment_case.json',
      () => badgeFile('ob3_spec_examples/achievement_alignment_case.json'),
      {
        format: 'ob3-credential',
        name: 'Text analysis',
        description: 'Analyze a sample text',
        criteria: TEXT_ANALYSIS_CRITERIA,
        issuer: 'Example University',
        issuedOn: '2010-01-01T00:00:00.000Z',
        expires: null,
        skillHints: [
          { text: TEXT_ANALYSIS_CRITERIA, source: 'alignment', framework: 'Alabama Course of Study: English Language Arts' },
        ],
      },
    ],
    [
      'ob3_spec_examples/achievement_alignment_ctdl.json',
      () => badgeFile('ob3_spec_examples/achievement_alignment_ctdl.json'),
      {
        format: 'ob3-credential',
        name: 'Text analysis',
        description: 'Analyze a sample text',
        criteria: TEXT_ANALYSIS_CRITERIA,
        issuer: 'Example University',
        issuedOn: '2010-01-01T00:00:00.000Z',
        expires: null,
        skillHints: [{ text: 'Requirements Analysis', source: 'alignment', framework: 'Edmonds College Course Catalog' }],
      },
    ],
    [
      'ob3_spec_examples/skill_assertion_case.json',
      () => badgeFile('ob3_spec_examples/skill_assertion_case.json'),
      {
        format: 'ob3-credential',
        name: 'Robot Programming',
        description: 'This achievement represents developing capability to develop software for robotic applications.',
        criteria:
          'Learners must present source code showing the ability for a robot to accept manual or sensor input and ' +
          'perform conditional actions in response.',
        issuer: '1EdTech University',
        issuedOn: '2022-07-01T00:00:00.000Z',
        expires: null,
        skillHints: [{ text: 'Robot Programming', source: 'alignment', framework: 'Example Robotics Framework' }],
      },
    ],
    [
      'ob3_spec_examples/skill_assertion_ctdl.json (achievement name, not the credential name)',
      () => badgeFile('ob3_spec_examples/skill_assertion_ctdl.json'),
      {
        format: 'ob3-credential',
        name: 'Linear equations and inequalities',
        description: 'This achievement represents developing capability to solve and graph linear equations and inequalities',
        criteria: 'Learners must demonstrate understanding of linear algebra and graphic representation of linear equations.',
        issuer: '1EdTech University',
        issuedOn: '2022-07-01T00:00:00.000Z',
        expires: null,
        skillHints: [
          {
            text: 'Solve and graph linear equations and inequalities',
            source: 'alignment',
            framework: 'Ivy Tech Community College of Indiana, MATH 135, FINITE MATH',
          },
        ],
      },
    ],
    [
      'credly/credly_ob2_assertion_baked_aws-mle-associate.json (Credly BadgeClass by URL only)',
      () => badgeFile('credly/credly_ob2_assertion_baked_aws-mle-associate.json'),
      {
        format: 'ob2-assertion',
        name: 'c6fc4fc3-4b4c-4f95-92e2-59c29ac0e451',
        description: null,
        criteria: null,
        issuer: null,
        issuedOn: '2025-03-27T00:00:00.000Z',
        expires: '2028-03-27T00:00:00.000Z',
        skillHints: [],
      },
    ],
    [
      'credly/credly_ob3_openbadgecredential_baked_lightbend-reactive-microservices.json (earner name ignored)',
      () => badgeFile('credly/credly_ob3_openbadgecredential_baked_lightbend-reactive-microservices.json'),
      {
        format: 'ob3-credential',
        name: 'Reactive Architecture: Reactive Microservices - Level 2',
        description: LIGHTBEND_DESCRIPTION,
        criteria: LIGHTBEND_CRITERIA,
        issuer: 'Lightbend, Inc.',
        issuedOn: '2022-08-30T00:00:00.000Z',
        expires: null,
        skillHints: [
          { text: 'Certified Reactive Architect', source: 'alignment' },
          { text: 'Reactive Architecture', source: 'tag' },
          { text: 'Reactive Manifesto', source: 'tag' },
          { text: 'Reactive Microservices', source: 'tag' },
          { text: 'Reactive Systems', source: 'tag' },
          { text: 'Technology Architecture', source: 'tag' },
        ],
      },
    ],
  ])('%s', (_file, load, expected) => {
    expect(readBadge(load())).toEqual(expected);
  });

  it('reads credly/credly_api_badge_templates_response_sandbox_2019.json as one template per data entry', () => {
    const template = (name: string): BadgeDescription => ({
      format: 'credly-template',
      name,
      description: 'test',
      criteria: 'test',
      issuer: 'Anna',
      issuedOn: null,
      expires: null,
      skillHints: [{ text: 'Ruby', source: 'credly_skill' }],
    });
    const response = badgeFile('credly/credly_api_badge_templates_response_sandbox_2019.json');
    expect(readBadges(response)).toEqual([template('Anna1'), template('Anna2')]);
    expect(readError(response)).toMatchObject({
      code: BadgeReadErrorCode.NOT_ONE_BADGE,
      message: 'expected one badge, found 2 in this container: use readBadges',
    });
  });

  it.each<[string, BadgeReadErrorCode, string]>([
    ['ob2_spec_examples/cryptographic_key.json', BadgeReadErrorCode.NOT_A_BADGE, `${NOT_A_BADGE}: it is an Open Badges CryptographicKey`],
    ['ob2_spec_examples/endorsement_of_assertion.json', BadgeReadErrorCode.NOT_A_BADGE, `${NOT_A_BADGE}: it is an Open Badges Endorsement`],
    ['ob2_spec_examples/endorsement_of_badgeclass.json', BadgeReadErrorCode.NOT_A_BADGE, `${NOT_A_BADGE}: it is an Open Badges Endorsement`],
    ['ob2_spec_examples/endorsement_of_issuer.json', BadgeReadErrorCode.NOT_A_BADGE, `${NOT_A_BADGE}: it is an Open Badges Endorsement`],
    ['ob2_spec_examples/endorsement_revoked.json', BadgeReadErrorCode.NOT_A_BADGE, `${NOT_A_BADGE}: it is an Open Badges Endorsement`],
    ['ob2_spec_examples/issuer_profile.json', BadgeReadErrorCode.NOT_A_BADGE, `${NOT_A_BADGE}: it is an Open Badges Issuer`],
    ['ob2_spec_examples/revocation_list.json', BadgeReadErrorCode.NOT_A_BADGE, `${NOT_A_BADGE}: it is an Open Badges RevocationList`],
    [
      'ob2_spec_examples/revoked_hosted_assertion.json',
      BadgeReadErrorCode.UNRECOGNISED_TYPE,
      `${NOT_A_BADGE}: a revoked hosted Assertion with no badge (revocationReason: "Turns out the student's robot was just ` +
        'three stacked children in a trenchcoat with dryer vent hose arms.")',
    ],
    ['ob2_spec_examples/signed_assertion_jws_header.json', BadgeReadErrorCode.UNRECOGNISED_TYPE, `${NOT_A_BADGE}: no recognisable type`],
    ['ob3_spec_examples/endorsement_credential.json', BadgeReadErrorCode.NOT_A_BADGE, `${NOT_A_BADGE}: it is an Open Badges EndorsementCredential`],
  ])('refuses %s, which is not a badge', (file, code, message) => {
    expect(readError(badgeFile(file))).toMatchObject({ name: 'BadgeReadError', code, message });
  });
});
