/**
 * Readers for Credly's Web Service API JSON: an issued badge (`GET /v1/organizations/{id}/badges/{id}`, with its
 * `badge_template` inline) and a badge template (`GET /v1/organizations/{id}/badge_templates`).
 * Shape as in /work/shared/data/badges/credly/credly_api_badge_templates_response_sandbox_2019.json.
 */
import type { BadgeDescription, SkillHint } from './badge.types.js';
import { type JsonObject, isObject, isoDate, issuerName, list, text } from './badge-fields.js';
import { BadgeReadError, BadgeReadErrorCode } from './badge-read.exception.js';
import { alignmentHints, dedupeHints, namedHints } from './skill-hints.js';

/** Fields only a Credly badge template carries; one of them, with a `name`, marks an object as a template. */
const TEMPLATE_FIELDS = ['skills', 'badge_template_activities', 'alignments', 'vanity_slug'] as const;

export function isCredlyTemplate(object: JsonObject): boolean {
  return text(object['name']) !== null && TEMPLATE_FIELDS.some((field) => field in object);
}

export function isCredlyIssuedBadge(object: JsonObject): boolean {
  return isObject(object['badge_template']);
}

/** The earning criteria as text: the titles of the template's activities, one per line. */
function activityTitles(template: JsonObject): string | null {
  const titles = list(template['badge_template_activities'])
    .filter(isObject)
    .map((activity) => text(activity['title']))
    .filter((title): title is string => title !== null);
  return titles.length > 0 ? titles.join('\n') : null;
}

/** Alignments (Credly `alignments`: name/url/code/framework, or OB-style target* fields), then skills. */
function templateHints(template: JsonObject): SkillHint[] {
  return dedupeHints([...alignmentHints(template['alignments']), ...namedHints(template['skills'], 'credly_skill')]);
}

/** A Credly badge template on its own: no dates; the issuer is its `owner` (or `issuer`). */
export function readCredlyTemplate(template: JsonObject): BadgeDescription {
  const name = text(template['name']);
  if (!name) throw new BadgeReadError(BadgeReadErrorCode.MISSING_FIELD, 'Credly badge template has no name');
  return {
    format: 'credly-template',
    name,
    description: text(template['description']),
    criteria: activityTitles(template),
    issuer: issuerName(template['owner']) ?? issuerName(template['issuer']),
    issuedOn: null,
    expires: null,
    skillHints: templateHints(template),
  };
}

/**
 * A badge Credly issued: the template's name, description, criteria and skills, with the badge's own
 * `issued_at` / `expires_at` and `issuer` (falling back to the template's owner). The badge `state`
 * (pending, accepted, revoked…) is not read.
 */
export function readCredlyIssuedBadge(badge: JsonObject): BadgeDescription {
  const template = badge['badge_template'] as JsonObject;
  const fromTemplate = readCredlyTemplate(template);
  return {
    ...fromTemplate,
    format: 'credly-badge',
    issuer: issuerName(badge['issuer']) ?? fromTemplate.issuer,
    issuedOn: isoDate(badge['issued_at'], 'Credly badge issued_at'),
    expires: isoDate(badge['expires_at'], 'Credly badge expires_at'),
  };
}
