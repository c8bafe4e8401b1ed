/**
 * Open-addressing hash table of trie edges (parent node, token id) -> child node, in typed arrays.
 * Faster than a `Map` keyed by `parent * 2^k + id` (those keys exceed 2^31 and hash as heap numbers) and
 * far smaller than one `Map` per node. Linear probing; grows at 50% load. Node and token ids are >= 0.
 */
export class EdgeTable {
  private parents: Int32Array;
  private tokens: Int32Array;
  private children: Int32Array;
  private mask: number;
  private count = 0;

  constructor(initialCapacity = 1 << 16) {
    let cap = 1;
    while (cap < initialCapacity) cap <<= 1;
    this.mask = cap - 1;
    this.parents = new Int32Array(cap).fill(-1);
    this.tokens = new Int32Array(cap);
    this.children = new Int32Array(cap);
  }

  get size(): number {
    return this.count;
  }

  /** Child of (parent, token), or -1. */
  get(parent: number, token: number): number {
    let h = EdgeTable.hash(parent, token) & this.mask;
    for (;;) {
      const p = this.parents[h];
      if (p === -1) return -1;
      if (p === parent && this.tokens[h] === token) return this.children[h];
      h = (h + 1) & this.mask;
    }
  }

  /** Insert or overwrite (parent, token) -> child. */
  set(parent: number, token: number, child: number): void {
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    let h = EdgeTable.hash(parent, token) & this.mask;
    while (this.parents[h] !== -1 && !(this.parents[h] === parent && this.tokens[h] === token)) h = (h + 1) & this.mask;
    if (this.parents[h] === -1) this.count++;
    this.parents[h] = parent;
    this.tokens[h] = token;
    this.children[h] = child;
  }

  forEach(fn: (parent: number, token: number, child: number) => void): void {
    for (let h = 0; h <= this.mask; h++) if (this.parents[h] !== -1) fn(this.parents[h], this.tokens[h], this.children[h]);
  }

  private static hash(parent: number, token: number): number {
    const x = Math.imul(parent, 0x9e3779b1) ^ Math.imul(token + 0x632be5ab, 0x85ebca6b);
    return (x ^ (x >>> 15)) >>> 0;
  }

  private grow(): void {
    const { parents, tokens, children } = this;
    const cap = (this.mask + 1) * 2;
    this.mask = cap - 1;
    this.parents = new Int32Array(cap).fill(-1);
    this.tokens = new Int32Array(cap);
    this.children = new Int32Array(cap);
    this.count = 0;
    for (let h = 0; h < parents.length; h++) if (parents[h] !== -1) this.set(parents[h], tokens[h], children[h]);
  }
}
