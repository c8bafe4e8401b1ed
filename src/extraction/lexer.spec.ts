import { AliasIndex } from './alias-index.js';
import type { AliasEntry } from './extraction.types.js';
import { lexText } from './lexer.js';
import { findMatches } from './matcher.js';
import { tokenize } from './tokenizer.js';

function alias(skillId: string, surface: string): AliasEntry {
  return { skillId, label: surface, surface, kind: 'curated', caseSensitive: false, ambiguous: false };
}

function compile(aliases: AliasEntry[]): AliasIndex {
  const index = new AliasIndex();
  for (const a of aliases) index.add(a);
  index.finish();
  return index;
}

const index = compile([
  alias('python', 'Python'), alias('ml', 'machine learning'), alias('email-marketing', 'e-mail marketing'),
  alias('frontend', 'front-end development'), alias('cpp', 'C++'),
]);

const TEXT = 'Python and machine-learning; E-mail marketing\nfront-end development in C++ (mail jobs@python.org).';

describe('lexText', () => {
  const lexed = lexText(TEXT, index);
  const words = lexed.tokens.map((t) => t.text);

  it('gives the same tokens, keys, ids and bits as tokenize + AliasIndex.lex', () => {
    const tokens = tokenize(TEXT);
    expect(lexed.tokens).toEqual(tokens);
    expect(lexed.keys).toEqual(tokens.map((t) => index.lex(TEXT, t).key));
    expect([...lexed.ids]).toEqual(tokens.map((t) => index.lex(TEXT, t).id));
    expect([...lexed.flags]).toEqual(tokens.map((t) => index.lex(TEXT, t).flags));
    expect(lexed.keys.slice(0, 4)).toEqual(['python', 'and', 'machine', 'learning']);
  });

  it('lists the words that start an alias and the words that start a hyphen chain', () => {
    // "Python", "machine", "E" (of "e mail marketing"), "front", "C++" start aliases; "python.org" is one token and
    // starts none. Chains: "machine-learning", "E-mail", "front-end".
    expect([...lexed.starts].map((i) => words[i])).toEqual(['Python', 'machine', 'E', 'front', 'C++']);
    expect([...lexed.chainStarts].map((i) => words[i])).toEqual(['machine', 'E', 'front']);
  });

  it('masks the tokens of URLs and e-mail addresses', () => {
    expect(lexed.tokens.filter((_, i) => lexed.masked[i] === 1).map((t) => t.text)).toEqual(['jobs', '@', 'python.org']);
  });

  it('answers the same for a text lexed again (cached entries)', () => {
    const again = lexText(TEXT, index);
    expect(again.tokens).toEqual(lexed.tokens);
    expect(again.keys).toEqual(lexed.keys);
    expect([...again.ids]).toEqual([...lexed.ids]);
    expect([...again.starts]).toEqual([...lexed.starts]);
  });

  it('feeds the matcher the same matches as the token-only input', () => {
    const spans = (m: { start: number; end: number }[]) => m.map((x) => words.slice(x.start, x.end).join(' '));
    const fromLexed = findMatches(index, lexed);
    const fromTokens = findMatches(index, { tokens: lexed.tokens, ids: lexed.ids, masked: lexed.masked });
    expect(spans(fromLexed)).toEqual(['Python', 'machine learning', 'E mail marketing', 'front end development', 'C++']);
    expect(fromTokens).toEqual(fromLexed);
  });

  it('handles empty and punctuation-only text', () => {
    expect(lexText('', index).tokens).toEqual([]);
    const dots = lexText('... !', index);
    expect(dots.keys).toEqual(['.', '.', '.', '!']);
    expect(dots.starts.length + dots.chainStarts.length).toBe(0);
  });
});
