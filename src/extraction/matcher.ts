/**
 * Longest-match search of the alias trie over a tokenized text.
 *
 * From every unmasked word token the trie is walked token by token; at the start of a hyphen chain
 * ("e-mail", "front-end") the walk also tries the chain joined into one key ("email", "frontend"). Each start
 * keeps its longest match that has a locally valid alias, and matches are then chosen longest-first, so a
 * shorter match overlapping a longer one is dropped ("C" inside "Objective-C", "Excel" in "Microsoft Excel").
 *
 * Local validity: case-sensitive and ambiguous aliases must match their exact form ("Go", not "go" or "GO")
 * and must not be glued to a neighbouring word by "-", "&", ".", "'", "+", "#", "@" or "_" ("go-to-market",
 * "R&D", "C-suite" do not contain Go, R or C). A slash is a list separator, so "C/C++" still names C.
 */
import type { AliasIndex, CompiledAlias } from './alias-index.js';
import { normalizeToken } from './normalize.js';
import type { Token } from './tokenizer.js';

export interface Match {
  /** First token index. */
  start: number;
  /** Token index just past the match. */
  end: number;
  /** Aliases ending here that passed the case and glue checks (possibly of several skills). */
  aliases: CompiledAlias[];
}

/** Per-text lookups shared by the walk; `ids[i]` is the token's vocabulary id or -1. */
export interface MatchInput {
  tokens: readonly Token[];
  ids: Int32Array;
  masked: Uint8Array;
}

const GLUE = new Set(['&', '.', "'", '\u2019', '+', '#', '@', '_', '-']);

function isPossessive(tokens: readonly Token[], apostrophe: number): boolean {
  const s = tokens[apostrophe + 1];
  return (s.text === 's' || s.text === 'S') && (apostrophe + 2 >= tokens.length || tokens[apostrophe + 2].start > s.end);
}

/** True when tokens [start, end) are glued to a word on either side (see module comment). */
export function isGlued(tokens: readonly Token[], start: number, end: number): boolean {
  if (tokens[start].hyphenBefore) return true;
  if (start >= 2) {
    const p = tokens[start - 1];
    if (!p.word && GLUE.has(p.text) && p.end === tokens[start].start && tokens[start - 2].word && tokens[start - 2].end === p.start) return true;
  }
  if (end < tokens.length) {
    const q = tokens[end];
    if (q.hyphenBefore) return true;
    if (!q.word && GLUE.has(q.text) && q.start === tokens[end - 1].end && end + 1 < tokens.length
      && tokens[end + 1].word && tokens[end + 1].start === q.end
      && !((q.text === "'" || q.text === '\u2019') && isPossessive(tokens, end))) return true;
  }
  return false;
}

function validAliases(list: readonly CompiledAlias[], exactOf: () => string, tokens: readonly Token[], start: number, end: number): CompiledAlias[] {
  let glued: boolean | undefined;
  let exact: string | undefined;
  const out: CompiledAlias[] = [];
  for (const a of list) {
    if (a.caseSensitive || a.ambiguous) {
      if (a.exact !== (exact ??= exactOf())) {
        // A product name written in lower case ("javascript java linux"): counts only with corroboration (it is
        // treated as ambiguous: a technology beside it, "in java", a version).
        if (a.ambiguous || !a.techLike || exact.length < 3 || exact !== a.exact.toLowerCase()) continue;
        glued ??= isGlued(tokens, start, end);
        if (!glued) out.push({ ...a, ambiguous: true, caseFolded: true });
        continue;
      }
      glued ??= isGlued(tokens, start, end);
      if (glued) continue;
    }
    out.push(a);
  }
  return out;
}

/** Joined-chain lookups: for a token starting a hyphen chain, the chain's vocabulary id and end index. */
function hyphenChains(index: AliasIndex, tokens: readonly Token[]): Map<number, { id: number; end: number; text: string }> {
  const chains = new Map<number, { id: number; end: number; text: string }>();
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (!tokens[i + 1].hyphenBefore || tokens[i].hyphenBefore) continue;
    let j = i + 1;
    let text = tokens[i].text;
    while (j < tokens.length && tokens[j].hyphenBefore) text += tokens[j++].text;
    const id = index.tokenId(normalizeToken(text));
    if (id >= 0) chains.set(i, { id, end: j, text });
  }
  return chains;
}

/** All accepted matches, non-overlapping, sorted by start. */
export function findMatches(index: AliasIndex, input: MatchInput): Match[] {
  const { tokens, ids, masked } = input;
  const n = tokens.length;
  const chains = hyphenChains(index, tokens);
  const candidates: Match[] = [];
  const parts: string[] = [];
  let start = 0;
  let best: Match | null = null;
  const joinParts = (): string => parts.join(' ');

  // Depth-first walk; `parts` holds the exact text of each step so far (a joined chain is one part).
  const walk = (node: number, j: number): void => {
    if (j >= n || masked[j] === 1) return;
    if (ids[j] >= 0) step(index.child(node, ids[j]), j + 1, tokens[j].text);
    if (chains.size > 0) {
      const chain = chains.get(j);
      if (chain !== undefined) step(index.child(node, chain.id), chain.end, chain.text);
    }
  };
  const step = (next: number, end: number, text: string): void => {
    if (next < 0) return;
    parts.push(text);
    const list = index.terminals[next];
    if (list !== undefined && tokens[end - 1].word && (best === null || end > best.end)) {
      const aliases = validAliases(list, joinParts, tokens, start, end);
      if (aliases.length > 0) best = { start, end, aliases };
    }
    if (index.hasChildren(next)) walk(next, end);
    parts.pop();
  };

  for (let i = 0; i < n; i++) {
    // Cheapest tests first: most tokens are in no alias, which the typed `ids` array tells without a token read.
    if ((ids[i] < 0 && (chains.size === 0 || !chains.has(i))) || masked[i] === 1 || !tokens[i].word) continue;
    start = i;
    best = null;
    walk(0, i);
    if (best !== null) candidates.push(best);
  }
  if (candidates.length <= 1) return candidates;
  candidates.sort((a, b) => (b.end - b.start) - (a.end - a.start)
    || (tokens[b.end - 1].end - tokens[b.start].start) - (tokens[a.end - 1].end - tokens[a.start].start)
    || a.start - b.start);
  const covered = new Uint8Array(n);
  const accepted: Match[] = [];
  for (const m of candidates) {
    let free = true;
    for (let k = m.start; k < m.end && free; k++) free = covered[k] === 0;
    if (!free) continue;
    covered.fill(1, m.start, m.end);
    accepted.push(m);
  }
  return accepted.sort((a, b) => a.start - b.start);
}
