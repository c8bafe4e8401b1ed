/**
 * String-keyed cache for per-token lexical data (key, vocabulary id, class bits).
 *
 * Why not a `Map<string, T>`: token texts are fresh slices of each posting, and hashing a fresh string inside
 * `Map.get` costs a runtime call per token; hashing the characters here in JS (FNV-1a) and comparing with `===`
 * on a hit is about twice as fast, which matters at ~500 tokens per posting. Cleared when it reaches `limit`.
 */
export class LexTable<T> {
  private slots: Int32Array;
  private keys: string[] = [];
  private values: T[] = [];

  constructor(private readonly limit = 200_000) {
    this.slots = new Int32Array(1 << 16).fill(-1);
  }

  get size(): number {
    return this.keys.length;
  }

  /**
   * The value cached for `source.slice(start, end)`, computing and caching it with `make` on a miss.
   * Hashes and compares against `source` in place: reading a long, flat source string is much cheaper than
   * reading each freshly sliced token string.
   */
  get(source: string, start: number, end: number, make: (text: string) => T): T {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ source.charCodeAt(i), 0x01000193);
    const mask = this.slots.length - 1;
    const length = end - start;
    let slot = (h ^ (h >>> 16)) & mask;
    for (;;) {
      const k = this.slots[slot];
      if (k === -1) break;
      const key = this.keys[k];
      if (key.length === length && source.startsWith(key, start)) return this.values[k];
      slot = (slot + 1) & mask;
    }
    const text = source.slice(start, end);
    const value = make(text);
    if (this.keys.length >= this.limit) this.clear();
    else if ((this.keys.length + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    this.insert(text, value, h);
    return value;
  }

  clear(): void {
    this.slots.fill(-1);
    this.keys = [];
    this.values = [];
  }

  private insert(text: string, value: T, h: number): void {
    const mask = this.slots.length - 1;
    let slot = (h ^ (h >>> 16)) & mask;
    while (this.slots[slot] !== -1) slot = (slot + 1) & mask;
    this.slots[slot] = this.keys.length;
    this.keys.push(text);
    this.values.push(value);
  }

  private rehash(capacity: number): void {
    const { keys, values } = this;
    this.slots = new Int32Array(capacity).fill(-1);
    this.keys = [];
    this.values = [];
    for (let k = 0; k < keys.length; k++) {
      let h = 0x811c9dc5;
      const text = keys[k];
      for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
      this.insert(text, values[k], h);
    }
  }
}
