/** Id and surface-form rules shared by every part that names skills (see the taxonomy section of DESIGN.md). */

const ESCO_URI = /^https?:\/\/data\.europa\.eu\/esco\/(skill|occupation)\/([0-9a-f-]{36})$/i;

/** The UUID at the end of an ESCO skill or occupation concept URI; throws on anything else. */
export function escoIdFromUri(uri: string): string {
  const match = ESCO_URI.exec(uri.trim());
  if (!match) throw new Error(`Not an ESCO skill or occupation concept URI: ${JSON.stringify(uri)}`);
  return match[2]!.toLowerCase();
}

/** True for `http://data.europa.eu/esco/skill/<uuid>`. */
export function isEscoSkillUri(value: string): boolean {
  const match = ESCO_URI.exec(value.trim());
  return match !== null && match[1] === 'skill';
}

/** Lower case, every run of non-alphanumerics (ASCII) turned into one "-", leading/trailing "-" trimmed. */
export function slugify(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** Id of an O*NET Technology Skills example kept as its own skill: `onet-` + slug of the example name. */
export function onetSkillId(example: string): string {
  return `onet-${slugify(example)}`;
}

/** Id of a skill of our own: `sp-` + slug. */
export function curatedSkillId(name: string): string {
  return `sp-${slugify(name)}`;
}

/** `skill_alias.normalized`: lower-cased, whitespace runs collapsed to one space, trimmed. */
export function normalizeSurface(surface: string): string {
  return surface.toLowerCase().replace(/\s+/g, ' ').trim();
}
