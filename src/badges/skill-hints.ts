/** Turning a badge's alignments, Credly skills and tags into skill hints. */
import type { SkillHint, SkillHintSource } from './badge.types.js';
import { isObject, list, text } from './badge-fields.js';

/** Strongest first: an alignment names a framework entry, a Credly skill is curated, a tag is free text. */
const SOURCE_RANK: Record<SkillHintSource, number> = { alignment: 0, credly_skill: 1, tag: 2, extracted: 3 };

/** An ESCO skill concept URI (also found inside an ESCO portal link, percent-encoded or not). */
const ESCO_SKILL_URI = /https?:\/\/data\.europa\.eu\/esco\/skill\/([A-Za-z0-9][A-Za-z0-9.-]*)/;

/** An O*NET-SOC code such as "15-1252.00" (SOC code plus the two-digit O*NET extension). */
const ONET_SOC_CODE = /(?<![\d.-])(\d{2}-\d{4}\.\d{2})(?![\d])/;

function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The ESCO skill URI in any of the values, in ESCO's canonical `http://` form, or undefined. */
export function escoSkillUri(...values: (string | null)[]): string | undefined {
  for (const value of values) {
    const match = value ? ESCO_SKILL_URI.exec(decoded(value)) : null;
    if (match) return `http://data.europa.eu/esco/skill/${match[1]}`;
  }
  return undefined;
}

/** The first O*NET-SOC code (e.g. "15-1252.00") in any of the values, or undefined. */
export function onetSocCode(...values: (string | null)[]): string | undefined {
  for (const value of values) {
    const match = value ? ONET_SOC_CODE.exec(value) : null;
    if (match) return match[1];
  }
  return undefined;
}

/**
 * One hint per alignment. Reads the Open Badges 2.0/3.0 AlignmentObject (`targetName`, `targetUrl`, `targetCode`,
 * `targetFramework`) and the older Open Badges 1.x / Credly shape (`name`, `url`, `code`, `framework`).
 * Every alignment with a name becomes a hint, skill or not (a CCSS standard, a degree); the mapping step decides.
 */
export function alignmentHints(alignments: unknown): SkillHint[] {
  const hints: SkillHint[] = [];
  for (const alignment of list(alignments).filter(isObject)) {
    const url = text(alignment['targetUrl']) ?? text(alignment['url']);
    const code = text(alignment['targetCode']) ?? text(alignment['code']);
    const name = text(alignment['targetName']) ?? text(alignment['name']) ?? code;
    if (!name) continue;
    const hint: SkillHint = { text: name, source: 'alignment' };
    const escoUri = escoSkillUri(url, code);
    if (escoUri) hint.escoUri = escoUri;
    const onetSoc = onetSocCode(code, url);
    if (onetSoc) hint.onetSoc = onetSoc;
    const framework = text(alignment['targetFramework']) ?? text(alignment['framework']);
    if (framework) hint.framework = framework;
    hints.push(hint);
  }
  return hints;
}

/** Hints from names given as strings or as objects with a `name` (Credly skills: ["Ruby"] or [{ name: "Ruby" }]). */
export function namedHints(values: unknown, source: SkillHintSource): SkillHint[] {
  return list(values)
    .map((value) => (isObject(value) ? text(value['name']) : text(value)))
    .filter((name): name is string => name !== null)
    .map((name) => ({ text: name, source }));
}

function dedupeKey(hint: SkillHint): string {
  return hint.text.toLowerCase().replace(/\s+/g, ' ');
}

/**
 * One hint per text (case- and whitespace-insensitive), keeping the strongest source
 * (alignment > credly_skill > tag > extracted) and, among equals, the first.
 * The kept hint borrows `escoUri`, `onetSoc` and `framework` from a dropped duplicate when it has none.
 * Ordered strongest source first, then in the badge's own order.
 */
export function dedupeHints(hints: SkillHint[]): SkillHint[] {
  const ranked = hints
    .map((hint, index) => ({ hint, index }))
    .sort((a, b) => SOURCE_RANK[a.hint.source] - SOURCE_RANK[b.hint.source] || a.index - b.index);
  const kept = new Map<string, SkillHint>();
  for (const { hint } of ranked) {
    const key = dedupeKey(hint);
    const existing = kept.get(key);
    if (!existing) {
      kept.set(key, { ...hint });
      continue;
    }
    if (existing.escoUri === undefined && hint.escoUri !== undefined) existing.escoUri = hint.escoUri;
    if (existing.onetSoc === undefined && hint.onetSoc !== undefined) existing.onetSoc = hint.onetSoc;
    if (existing.framework === undefined && hint.framework !== undefined) existing.framework = hint.framework;
  }
  return [...kept.values()];
}
