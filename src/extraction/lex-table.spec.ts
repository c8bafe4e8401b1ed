import { EdgeTable } from './edge-table.js';
import { hashChars, LexTable, TextTable } from './lex-table.js';
import { scanTokens } from './tokenizer.js';

describe('hashChars', () => {
  it('is 32-bit FNV-1a over UTF-16 code units', () => {
    // FNV-1a of "a" is 0xe40c292c (as a signed 32-bit integer).
    expect(hashChars('a', 0, 1)).toBe(0xe40c292c | 0);
    expect(hashChars('xay', 1, 2)).toBe(hashChars('a', 0, 1));
    expect(hashChars('', 0, 0)).toBe(0x811c9dc5 | 0);
  });

  it('equals the hash the tokenizer computes for each word', () => {
    const text = 'C++, .NET and Node.js; don\'t Python\'s front-end Ünïcödé 5+ years';
    const scan = scanTokens(text);
    for (let i = 0; i < scan.count; i++) {
      if ((scan.bits[i] & 1) !== 0) expect(scan.hash[i]).toBe(hashChars(text, scan.start[i], scan.end[i]));
    }
  });
});

describe('TextTable', () => {
  it('finds strings by a range of a source, numbering them in insertion order', () => {
    const table = new TextTable();
    const words = ['python', 'java', 'go', 'pythonic', 'Python'];
    words.forEach((w, k) => expect(table.add(w, hashChars(w, 0, w.length))).toBe(k));
    const source = 'I like Python, python and go; not pythons';
    const find = (s: number, e: number) => table.find(source, s, e, hashChars(source, s, e));
    expect(find(7, 13)).toBe(4); // "Python"
    expect(find(15, 21)).toBe(0); // "python"
    expect(find(26, 28)).toBe(2); // "go"
    expect(find(34, 41)).toBe(-1); // "pythons"
    expect(find(34, 40)).toBe(0); // "python" inside "pythons"
    expect(table.size).toBe(5);
  });

  it('keeps every entry across growth, and forgets them on clear', () => {
    const table = new TextTable();
    const words = Array.from({ length: 100_000 }, (_, k) => `w${k}`);
    for (const w of words) table.add(w, hashChars(w, 0, w.length));
    expect(words.every((w, k) => table.find(w, 0, w.length, hashChars(w, 0, w.length)) === k)).toBe(true);
    table.clear();
    expect(table.size).toBe(0);
    expect(table.find('w1', 0, 2, hashChars('w1', 0, 2))).toBe(-1);
  });
});

describe('LexTable', () => {
  it('computes a value once per distinct text and starts over at its limit', () => {
    const table = new LexTable<string>(3);
    const made: string[] = [];
    const make = (text: string) => {
      made.push(text);
      return text.toUpperCase();
    };
    const source = 'go java go rust java';
    expect([table.get(source, 0, 2, make), table.get(source, 3, 7, make), table.get(source, 8, 10, make)]).toEqual(['GO', 'JAVA', 'GO']);
    expect(made).toEqual(['go', 'java']);
    table.get(source, 11, 15, make);
    expect(table.size).toBe(3);
    table.get('c', 0, 1, make); // at the limit: cleared, then "c" added
    expect(table.size).toBe(1);
    expect(table.get(source, 16, 20, make)).toBe('JAVA');
    expect(made).toEqual(['go', 'java', 'rust', 'c', 'java']);
  });
});

describe('EdgeTable', () => {
  it('returns children set, -1 for pairs never set, across growth', () => {
    const edges = new EdgeTable(4);
    for (let parent = 0; parent < 2000; parent++) for (let token = 0; token < 3; token++) edges.set(parent, token * 37 + parent, parent * 3 + token + 1);
    expect(edges.size).toBe(6000);
    expect(edges.get(10, 10)).toBe(31);
    expect(edges.get(10, 47)).toBe(32);
    expect(edges.get(10, 84)).toBe(33);
    expect(edges.get(10, 11)).toBe(-1);
    expect(edges.get(10, 10 + 32)).toBe(-1); // same low 5 bits as a child's token
    expect(edges.get(5000, 0)).toBe(-1); // a node never given a child
    edges.set(10, 10, 99);
    expect(edges.get(10, 10)).toBe(99);
    expect(edges.size).toBe(6000);
  });
});
