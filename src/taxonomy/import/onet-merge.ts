/**
 * Which O*NET Technology Skills examples are the same thing as an ESCO skill. Pure functions over plain data.
 *
 * An example is merged into an ESCO skill (it becomes an 'onet_example' alias of it and its occupation links point at
 * the ESCO id) when
 *  - curated: `data/taxonomy/onet-esco-links.json` links it, or
 *  - automatic: its name equals (case-insensitively) the preferredLabel of exactly one ESCO skill and no other skill's
 *    altLabel ("PostgreSQL", "C++"), or, with no preferredLabel match, the altLabel of exactly one ESCO skill whose
 *    preferredLabel is that name plus a parenthesised qualifier ("Python" → "Python (computer programming)").
 * Other altLabel matches are not merged automatically: ESCO lists products as altLabels of broader skills
 * ("Linux" of "operating systems", "Git" of "tools for software configuration management").
 */
import type { OnetTechnologySkill } from './onet.reader.js';
import { normalizeSurface, onetSkillId } from './taxonomy-ids.js';

/** What automatic merging needs to know about ESCO skills. */
export interface EscoLabelIndex {
  /** Normalised preferredLabel → skill ids. */
  byPreferred: Map<string, Set<string>>;
  /** Normalised altLabel → skill ids (hidden labels excluded). */
  byAlt: Map<string, Set<string>>;
  /** Skill id → normalised preferredLabel. */
  preferredOf: Map<string, string>;
}

export function emptyEscoLabelIndex(): EscoLabelIndex {
  return { byPreferred: new Map(), byAlt: new Map(), preferredOf: new Map() };
}

export function addToEscoLabelIndex(index: EscoLabelIndex, id: string, preferredLabel: string, altLabels: Iterable<string>): void {
  const add = (map: Map<string, Set<string>>, label: string) => {
    const key = normalizeSurface(label);
    let ids = map.get(key);
    if (!ids) map.set(key, (ids = new Set()));
    ids.add(id);
  };
  index.preferredOf.set(id, normalizeSurface(preferredLabel));
  add(index.byPreferred, preferredLabel);
  for (const label of altLabels) add(index.byAlt, label);
}

/** The one ESCO skill an example is automatically merged into, or undefined (see the module comment). */
export function autoMergeTarget(example: string, index: EscoLabelIndex): string | undefined {
  const name = normalizeSurface(example);
  const preferred = index.byPreferred.get(name) ?? new Set<string>();
  const all = new Set([...preferred, ...(index.byAlt.get(name) ?? [])]);
  if (all.size !== 1) return undefined;
  const [id] = all as Set<string> & { size: 1 };
  if (preferred.size === 1) return id;
  return index.preferredOf.get(id!)?.startsWith(`${name} (`) ? id : undefined;
}

/** One distinct example name of Technology_Skills.txt, over all its occupation rows. */
export interface OnetExample {
  name: string;
  commodityCode: string | null;
  commodityTitle: string | null;
  /** True when Y in any occupation row. */
  hotTechnology: boolean;
  inDemand: boolean;
  rows: number;
}

export function aggregateExamples(rows: Iterable<OnetTechnologySkill>): Map<string, OnetExample> {
  const examples = new Map<string, OnetExample>();
  for (const row of rows) {
    const seen = examples.get(row.example);
    if (!seen) {
      examples.set(row.example, {
        name: row.example, commodityCode: row.commodityCode, commodityTitle: row.commodityTitle,
        hotTechnology: row.hotTechnology, inDemand: row.inDemand, rows: 1,
      });
    } else {
      seen.hotTechnology ||= row.hotTechnology;
      seen.inDemand ||= row.inDemand;
      seen.rows += 1;
    }
  }
  return examples;
}

export type MergeHow = 'curated' | 'auto' | 'own';

export interface MergeDecision {
  example: OnetExample;
  skillId: string;
  how: MergeHow;
}

/**
 * The skill each example belongs to. `knownEscoIds` are the ESCO skills that exist (a curated link to anything else
 * is reported in `warnings` and ignored). Examples with the same `onet-` slug ("C", "C#" and "C++" when not merged)
 * share one skill.
 */
export function decideMerges(
  examples: Iterable<OnetExample>,
  curatedLinks: Map<string, string>,
  noAutoMerge: Set<string>,
  index: EscoLabelIndex,
  knownEscoIds: (id: string) => boolean,
): { decisions: MergeDecision[]; warnings: string[] } {
  const decisions: MergeDecision[] = [];
  const warnings: string[] = [];
  for (const example of examples) {
    const linked = curatedLinks.get(example.name);
    if (linked !== undefined) {
      if (knownEscoIds(linked)) {
        decisions.push({ example, skillId: linked, how: 'curated' });
        continue;
      }
      warnings.push(`onet-esco-links.json: ESCO skill ${linked} for O*NET example "${example.name}" is not in the taxonomy; kept as an O*NET skill`);
    }
    const auto = noAutoMerge.has(normalizeSurface(example.name)) ? undefined : autoMergeTarget(example.name, index);
    decisions.push(auto ? { example, skillId: auto, how: 'auto' } : { example, skillId: onetSkillId(example.name), how: 'own' });
  }
  const names = new Set(decisions.map((d) => d.example.name));
  for (const link of curatedLinks.keys()) {
    if (!names.has(link)) warnings.push(`onet-esco-links.json: "${link}" is not an example in Technology_Skills.txt`);
  }
  return { decisions, warnings };
}
