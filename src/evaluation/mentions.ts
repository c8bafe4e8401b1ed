/**
 * Mentions of extracted skills in real postings, for the "non-tech" reading check (issue 4): the most frequent
 * skills and a seeded random sample of mentions, each with the sentence it sits in. Pure.
 */
import type { ExtractedSkill } from '../extraction/extraction.types.js';

export interface Mention {
  /** The posting's source kind ("chronicle", "linkedin"). */
  source: string;
  postingId: string;
  skillId: string;
  label: string;
  confidence: number;
  /** The text matched, as written. */
  surface: string;
  /** The sentence (or line) around the span, at most ~300 characters, with the span wrapped in `**`. */
  sentence: string;
}

const SENTENCE_END = /[.!?;]\s|\n/g;
const MAX_SIDE = 150;

/**
 * The sentence or line holding [start, end): from after the previous `. ! ? ;`+space or newline to the next one,
 * clipped to 150 characters each side (marked with "…"), whitespace collapsed, the span wrapped in `**`.
 */
export function sentenceAround(text: string, start: number, end: number): string {
  let from = 0;
  let to = text.length;
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(text); m !== null; m = SENTENCE_END.exec(text)) {
    const boundary = m.index + m[0].length;
    if (boundary <= start) from = boundary;
    else if (m.index >= end) {
      to = m.index + 1;
      break;
    }
  }
  const left = start - from > MAX_SIDE ? `…${text.slice(start - MAX_SIDE, start)}` : text.slice(from, start);
  const right = to - end > MAX_SIDE ? `${text.slice(end, end + MAX_SIDE)}…` : text.slice(end, to);
  const squash = (s: string) => s.replace(/\s+/g, ' ');
  return `${squash(left).trimStart()}**${squash(text.slice(start, end))}**${squash(right).trimEnd()}`;
}

/** Every span of every skill as a mention. */
export function mentionsOf(source: string, postingId: string, text: string, skills: readonly ExtractedSkill[]): Mention[] {
  return skills.flatMap((s) =>
    s.spans.map((span) => ({
      source, postingId, skillId: s.skillId, label: s.label, confidence: s.confidence, surface: span.text,
      sentence: sentenceAround(text, span.start, span.end),
    })),
  );
}

export interface SkillFrequency {
  skillId: string;
  label: string;
  /** Postings naming the skill at least once. */
  postings: number;
  mentions: number;
  /** Up to three most frequent surface forms, "form (count)". */
  topSurfaces: string[];
}

/** The `n` skills named in the most postings (ties: more mentions, then label). */
export function topSkills(mentions: readonly Mention[], n: number): SkillFrequency[] {
  const bySkill = new Map<string, { label: string; postings: Set<string>; mentions: number; surfaces: Map<string, number> }>();
  for (const m of mentions) {
    let s = bySkill.get(m.skillId);
    if (!s) bySkill.set(m.skillId, (s = { label: m.label, postings: new Set(), mentions: 0, surfaces: new Map() }));
    s.postings.add(`${m.source}\u0000${m.postingId}`);
    s.mentions += 1;
    const surface = m.surface.toLowerCase();
    s.surfaces.set(surface, (s.surfaces.get(surface) ?? 0) + 1);
  }
  return [...bySkill]
    .map(([skillId, s]) => ({
      skillId, label: s.label, postings: s.postings.size, mentions: s.mentions,
      topSurfaces: [...s.surfaces].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3).map(([f, c]) => `${f} (${c})`),
    }))
    .sort((a, b) => b.postings - a.postings || b.mentions - a.mentions || a.label.localeCompare(b.label))
    .slice(0, n);
}

/** Mulberry32: a small seeded PRNG returning floats in [0, 1), so the sample is the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `k` distinct items drawn uniformly without replacement (partial Fisher–Yates), in draw order. */
export function sample<T>(items: readonly T[], k: number, seed: number): T[] {
  const random = seededRandom(seed);
  const pool = [...items];
  const n = Math.min(k, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, n);
}
