import { scanTokens, tokenize, TOKEN_HYPHEN_BEFORE, TOKEN_NL_BEFORE, TOKEN_WORD } from './tokenizer.js';

describe('tokenize', () => {
  it.each<[string, string[]]>([
    ['C++. C#, F#; .NET', ['C++', '.', 'C#', ',', 'F#', ';', '.NET']],
    ['ASP.NET and Node.js / Vue.js', ['ASP.NET', 'and', 'Node.js', '/', 'Vue.js']],
    ['CI/CD, TCP/IP, PL/SQL', ['CI', '/', 'CD', ',', 'TCP', '/', 'IP', ',', 'PL', '/', 'SQL']],
    ['Objective-C', ['Objective', 'C']],
    ['AWS; iOS: k8s S3 HTML5 3D', ['AWS', ';', 'iOS', ':', 'k8s', 'S3', 'HTML5', '3D']],
    ['(Python)', ['(', 'Python', ')']],
    ['Go 1.22.', ['Go', '1.22', '.']],
    ["Python's don't O'Reilly", ['Python', "'", 's', "don't", "O'Reilly"]],
    ['front-end e-mail', ['front', 'end', 'e', 'mail']],
    ['A+B 5+ years', ['A', '+', 'B', '5+', 'years']],
    ['Ünïcödé naïve café', ['Ünïcödé', 'naïve', 'café']],
    ['end.Next', ['end.Next']],
    ['', []],
  ])('%j -> %j', (text, expected) => {
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.text)).toEqual(expected);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('marks hyphen-joined words and line breaks', () => {
    const tokens = tokenize('front-end\nGo - Rust');
    expect(tokens.map((t) => [t.text, t.hyphenBefore, t.nlBefore])).toEqual([
      ['front', false, false], ['end', true, false], ['Go', false, true], ['-', false, false], ['Rust', false, false],
    ]);
  });

  it('keeps UTF-16 offsets past astral characters', () => {
    const text = '🚀 Senior iOS Developer';
    const ios = tokenize(text).find((t) => t.text === 'iOS')!;
    expect([ios.start, ios.end]).toEqual([10, 13]);
    expect(text.slice(ios.start, ios.end)).toBe('iOS');
  });

  it('scanTokens gives the same tokens as typed arrays', () => {
    const text = 'front-end\nGo - Rust; C++ .NET Python\'s';
    const scan = scanTokens(text);
    const rows = Array.from({ length: scan.count }, (_, i) => [
      text.slice(scan.start[i], scan.end[i]), (scan.bits[i] & TOKEN_WORD) !== 0, (scan.bits[i] & TOKEN_NL_BEFORE) !== 0,
      (scan.bits[i] & TOKEN_HYPHEN_BEFORE) !== 0,
    ]);
    expect(rows).toEqual(tokenize(text).map((t) => [t.text, t.word, t.nlBefore, t.hyphenBefore]));
    expect(rows.map((r) => r[0])).toEqual(['front', 'end', 'Go', '-', 'Rust', ';', 'C++', '.NET', 'Python', "'", 's']);
  });
});
