import { labelForm, type TitleSegment, titleSegments } from './title-normalize.js';

/**
 * Classifies job-posting titles to an ESCO occupation and an O*NET-SOC occupation (pure, in memory).
 *
 * Compiled once from the occupation labels (ESCO preferredLabel/altLabels/hiddenLabels, O*NET titles, short titles
 * and alternate titles). A title is normalised ({@link titleSegments}); each of its parts is compared with every
 * label sharing its head noun ("analyst", "engineer", "professor"): the score weighs how much of the label the title
 * covers (recall) and how much of the title part the label explains (precision), tokens weighted by rarity (IDF) over
 * all labels. Near-ties between occupations lower the confidence; below `minConfidence` the answer is null (unknown),
 * never a wild guess. No crosswalk links the two schemes: each is classified on its own.
 */

export type OccupationScheme = 'esco' | 'onet';
export type LabelKind = 'preferred' | 'alt' | 'hidden' | 'alternate_title' | 'short_title' | 'reported_title';

/** One label of an occupation, as stored in `occupation` / `occupation_alias`. */
export interface OccupationLabel {
  occupationId: string;
  scheme: OccupationScheme;
  /** The occupation's preferred label (ESCO preferredLabel, O*NET title). */
  occupationLabel: string;
  label: string;
  kind: LabelKind;
}

/** A classification of one scheme: occupation id (ESCO UUID or O*NET-SOC code), its label, confidence in [0, 1]. */
export interface OccupationMatch {
  id: string;
  label: string;
  confidence: number;
  /** The occupation label or alias the title matched best (the evidence). */
  matchedLabel: string;
}

export interface TitleClassification {
  esco: OccupationMatch | null;
  onet: OccupationMatch | null;
}

export interface ClassifierOptions {
  /** Matches below this confidence (0..1) are reported as unknown (null). Default 0.5. */
  minConfidence?: number;
}

interface CompiledLabel {
  occupation: number;
  text: string;
  tokens: string[];
  weight: number;
  kindFactor: number;
}

interface HeadBucket {
  /** Labels that are the head alone ("nurse", "engineer"). */
  bare: CompiledLabel[];
  /** Labels by each of their non-head tokens. */
  byToken: Map<string, CompiledLabel[]>;
  /** Distinct occupations with a label of this head. */
  occupations: number;
}

interface CompiledOccupation {
  id: string;
  scheme: OccupationScheme;
  label: string;
  /** Tokens of the preferred label: a tie-break between occupations sharing one alternate title (none for "All Other"). */
  labelTokens: string[];
}

/** Label words that barely narrow an occupation ("general veterinarian"): a fixed low weight instead of their IDF. */
const WEAK = new Map([['general', 0.4], ['specialised', 0.4], ['specialized', 0.4], ['other', 0.2], ['worker', 0.6]]);

const KIND_FACTOR: Record<LabelKind, number> = {
  preferred: 1, short_title: 0.98, alt: 0.97, alternate_title: 0.95, reported_title: 0.95, hidden: 0.9,
};
/** Credit for a label token found in another part of the title than the head's ("Assistant Professor, Nursing"). */
const CONTEXT_CREDIT = 0.8;
/** Score of the best head-bearing part after the first: titles name the role first. */
const LATER_SEGMENT_FACTOR = 0.92;
/** Weight of the preferred-label overlap in breaking ties between occupations sharing a label. */
const LABEL_OVERLAP_BONUS = 0.12;
/** Scores within this distance of the best count as a near-tie. */
const TIE_WINDOW = 0.06;
/** A one-word title part whose head has more occupations than this loses confidence (by the square root of the ratio). */
const GENERIC_HEAD_OCCUPATIONS = 8;
/** A label whose head carries this share of its weight is a candidate for a title holding only the head. */
const NEARLY_BARE = 0.75;
/** Preferred-label overlaps within this distance of the winner's leave a near-tie unresolved. */
const TIE_OVERLAP = 0.34;
/** Confidence is divided by 1 + this per unresolved near-tie. */
const TIE_PENALTY = 0.3;

export class TitleClassifier {
  private constructor(
    private readonly occupations: CompiledOccupation[],
    private readonly heads: Map<OccupationScheme, Map<string, HeadBucket>>,
    private readonly idf: Map<string, number>,
    private readonly unknownWeight: number,
    private readonly minConfidence: number,
  ) {}

  /** Compiles the labels into head-noun buckets and token weights. Labels with no head (empty after normalising) are skipped. */
  static compile(labels: Iterable<OccupationLabel>, options: ClassifierOptions = {}): TitleClassifier {
    const occupations: CompiledOccupation[] = [];
    const occIndex = new Map<string, number>();
    const forms: Array<{ occ: number; scheme: OccupationScheme; text: string; tokens: string[]; heads: string[]; kind: LabelKind }> = [];
    const seen = new Set<string>();
    for (const l of labels) {
      let occ = occIndex.get(l.occupationId);
      if (occ === undefined) {
        occ = occupations.length;
        occIndex.set(l.occupationId, occ);
        const residual = /\ball other\b/i.test(l.occupationLabel);
        occupations.push({ id: l.occupationId, scheme: l.scheme, label: l.occupationLabel, labelTokens: residual ? [] : labelForm(l.occupationLabel).tokens });
      }
      const form = labelForm(l.label);
      if (form.heads.length === 0) continue;
      const key = `${occ}|${[...form.tokens].sort().join(' ')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      forms.push({ occ, scheme: l.scheme, text: l.label, ...form, kind: l.kind });
    }
    const df = new Map<string, number>();
    const distinct = new Set<string>();
    for (const f of forms) {
      const key = [...f.tokens].sort().join(' ');
      if (distinct.has(key)) continue;
      distinct.add(key);
      for (const t of f.tokens) df.set(t, (df.get(t) ?? 0) + 1);
    }
    const n = Math.max(distinct.size, 1);
    const idf = new Map<string, number>();
    for (const [t, d] of df) idf.set(t, WEAK.get(t) ?? Math.log(1 + n / d));
    // A word no label has (a product, a team, a place) counts as a fairly rare one: it is left unexplained.
    const unknownWeight = 0.7 * Math.log(1 + n);
    const heads = new Map<OccupationScheme, Map<string, HeadBucket>>([['esco', new Map()], ['onet', new Map()]]);
    const bucketOccupations = new Set<string>();
    for (const f of forms) {
      const compiled: CompiledLabel = {
        occupation: f.occ, text: f.text, tokens: f.tokens, kindFactor: KIND_FACTOR[f.kind] ?? 0.9,
        weight: f.tokens.reduce((s, t) => s + (idf.get(t) ?? unknownWeight), 0),
      };
      for (const head of f.heads) {
        const byHead = heads.get(f.scheme)!;
        let bucket = byHead.get(head);
        if (!bucket) byHead.set(head, (bucket = { bare: [], byToken: new Map(), occupations: 0 }));
        if (!bucketOccupations.has(`${head}|${f.occ}`)) {
          bucketOccupations.add(`${head}|${f.occ}`);
          bucket.occupations += 1;
        }
        const others = f.tokens.filter((t) => t !== head);
        // Reached from the head alone: labels that are the head, or little more ("general veterinarian").
        if (others.length === 0 || (idf.get(head) ?? unknownWeight) >= NEARLY_BARE * compiled.weight) bucket.bare.push(compiled);
        for (const t of others) {
          const list = bucket.byToken.get(t);
          if (list) list.push(compiled);
          else bucket.byToken.set(t, [compiled]);
        }
      }
    }
    return new TitleClassifier(occupations, heads, idf, unknownWeight, options.minConfidence ?? 0.5);
  }

  /** The ESCO occupation and the O*NET-SOC occupation of a job title; null for a scheme when nothing fits well enough. */
  classify(title: string): TitleClassification {
    const segments = titleSegments(title).slice(0, 5);
    if (segments.length === 0) return { esco: null, onet: null };
    return { esco: this.best('esco', segments), onet: this.best('onet', segments) };
  }

  private weight(t: string): number {
    return this.idf.get(t) ?? this.unknownWeight;
  }

  private best(scheme: OccupationScheme, segments: TitleSegment[]): OccupationMatch | null {
    const all = new Set(segments.flatMap((s) => s.tokens));
    const scores = new Map<number, { score: number; label: CompiledLabel }>();
    segments.forEach((segment, index) => {
      const bucket = this.heads.get(scheme)!.get(segment.head!);
      if (!bucket) return;
      const own = new Set(segment.tokens);
      const ownWeight = segment.tokens.reduce((s, t) => s + this.weight(t), 0);
      const candidates = new Set<CompiledLabel>(bucket.bare);
      for (const t of all) for (const c of bucket.byToken.get(t) ?? []) candidates.add(c);
      const factor = index === 0 ? 1 : LATER_SEGMENT_FACTOR;
      // A bare head ("Engineer", "Teacher") shared by many occupations says little about which one.
      const generic = Math.min(1, Math.sqrt(GENERIC_HEAD_OCCUPATIONS / bucket.occupations));
      for (const c of candidates) {
        let inOwn = 0;
        let inContext = 0;
        for (const t of c.tokens) {
          if (own.has(t)) inOwn += this.weight(t);
          else if (all.has(t)) inContext += this.weight(t);
        }
        const recall = (inOwn + CONTEXT_CREDIT * inContext) / c.weight;
        const precision = Math.min(1, inOwn / ownWeight);
        const score = recall * recall * precision * c.kindFactor * factor * (c.tokens.length === 1 ? generic : 1);
        if (score > (scores.get(c.occupation)?.score ?? 0)) scores.set(c.occupation, { score, label: c });
      }
    });
    if (scores.size === 0) return null;
    // Occupations sharing the best label are told apart by how much of their own preferred label the title holds.
    const ranked = [...scores].map(([occ, { score: raw, label }]) => {
      const overlap = this.overlap(this.occupations[occ].labelTokens, all);
      return { occ, raw, label, overlap, s: raw + LABEL_OVERLAP_BONUS * overlap };
    });
    ranked.sort((a, b) => b.s - a.s || this.occupations[a.occ].id.localeCompare(this.occupations[b.occ].id));
    const top = ranked[0];
    // A near-tie: about as good a label match, and a preferred label about as close to the title.
    const nearTies = ranked.slice(1).filter((r) => r.raw >= top.raw - TIE_WINDOW && r.overlap >= top.overlap - TIE_OVERLAP).length;
    const confidence = round(Math.min(1, top.raw) / (1 + TIE_PENALTY * nearTies));
    if (confidence < this.minConfidence) return null;
    const occ = this.occupations[top.occ];
    return { id: occ.id, label: occ.label, confidence, matchedLabel: top.label.text };
  }

  /** Weighted share of a preferred label's tokens present in the title. */
  private overlap(labelTokens: string[], title: Set<string>): number {
    let total = 0;
    let hit = 0;
    for (const t of labelTokens) {
      const w = this.weight(t);
      total += w;
      if (title.has(t)) hit += w;
    }
    return total === 0 ? 0 : hit / total;
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
