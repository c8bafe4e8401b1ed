/**
 * String-keyed tables for per-token lexical data (key, vocabulary id, class bits), looked up by a range of a source
 * string without slicing it.
 *
 * Why not a `Map<string, T>`: token texts would be fresh slices of each posting, and hashing a fresh string inside
 * `Map.get` costs a runtime call per token. Here the characters are hashed in JS (FNV-1a, `hashChars`; the tokenizer
 * computes the same hash while it scans a word) and the table is typed arrays: each slot holds the full 32-bit hash
 * beside the entry number and the entry's offset and length in one UTF-16 pool of characters, so a probe compares
 * numbers within one 16-byte slot and a hit compares characters in place without touching a string object or a
 * per-entry array (two memory reads per token that is usually a cache miss: the slot and the characters).
 */

/** FNV-1a offset basis and prime (32-bit). */
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

/** FNV-1a hash of the UTF-16 code units `source[start, end)`, as a signed 32-bit integer. */
export function hashChars(source: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ source.charCodeAt(i), FNV_PRIME);
  return h;
}

/** Interns distinct strings as entry numbers 0, 1, 2, ... (see the module comment). */
export class TextTable {
  /** Per slot: [hash, entry + 1 (0 = free), offset of its characters in `pool`, their count]. */
  private slots = new Int32Array(4 << 16);
  private mask = (1 << 16) - 1;
  /** Characters of every entry, back to back. */
  private pool = new Uint16Array(1 << 16);
  private poolUsed = 0;
  private count = 0;

  /** Number of entries. */
  get size(): number {
    return this.count;
  }

  /** Entry number of `source.slice(start, end)`, whose `hashChars` is `hash`, or -1 when absent. */
  find(source: string, start: number, end: number, hash: number): number {
    const { slots, mask, pool } = this;
    const length = end - start;
    let slot = (hash ^ (hash >>> 16)) & mask;
    for (;;) {
      const s = slot * 4;
      const entry = slots[s + 1] - 1;
      if (entry < 0) return -1;
      if (slots[s] === hash && slots[s + 3] === length) {
        const at = slots[s + 2] - start;
        let i = start;
        while (i < end && pool[at + i] === source.charCodeAt(i)) i++;
        if (i === end) return entry;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Adds `text` (absent, with `hashChars(text, 0, text.length) === hash`) and returns its entry number. */
  add(text: string, hash: number): number {
    if ((this.count + 1) * 2 > this.mask + 1) this.rehash((this.mask + 1) * 2);
    const entry = this.count++;
    if (this.poolUsed + text.length > this.pool.length) {
      const pool = new Uint16Array(Math.max(this.pool.length * 2, this.poolUsed + text.length));
      pool.set(this.pool.subarray(0, this.poolUsed));
      this.pool = pool;
    }
    for (let i = 0; i < text.length; i++) this.pool[this.poolUsed + i] = text.charCodeAt(i);
    this.place(hash, entry, this.poolUsed, text.length);
    this.poolUsed += text.length;
    return entry;
  }

  /** Forgets every entry (numbering restarts at 0). */
  clear(): void {
    this.slots.fill(0);
    this.poolUsed = 0;
    this.count = 0;
  }

  private place(hash: number, entry: number, offset: number, length: number): void {
    let slot = (hash ^ (hash >>> 16)) & this.mask;
    while (this.slots[slot * 4 + 1] !== 0) slot = (slot + 1) & this.mask;
    const s = slot * 4;
    this.slots[s] = hash;
    this.slots[s + 1] = entry + 1;
    this.slots[s + 2] = offset;
    this.slots[s + 3] = length;
  }

  private rehash(capacity: number): void {
    const old = this.slots;
    this.slots = new Int32Array(capacity * 4);
    this.mask = capacity - 1;
    for (let s = 0; s < old.length; s += 4) if (old[s + 1] !== 0) this.place(old[s], old[s + 1] - 1, old[s + 2], old[s + 3]);
  }
}

/** A value per distinct string, computed on first sight; cleared when it reaches `limit` entries. */
export class LexTable<T> {
  private readonly table = new TextTable();
  private values: T[] = [];

  constructor(private readonly limit = 200_000) {}

  get size(): number {
    return this.values.length;
  }

  /** The value cached for `source.slice(start, end)`, computing and caching it with `make` on a miss. */
  get(source: string, start: number, end: number, make: (text: string) => T): T {
    const hash = hashChars(source, start, end);
    const entry = this.table.find(source, start, end, hash);
    if (entry >= 0) return this.values[entry];
    const text = source.slice(start, end);
    const value = make(text);
    if (this.values.length >= this.limit) this.clear();
    this.table.add(text, hash);
    this.values.push(value);
    return value;
  }

  clear(): void {
    this.table.clear();
    this.values = [];
  }
}
