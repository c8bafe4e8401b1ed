/**
 * Open-addressing hash table of trie edges (parent node, token id) -> child node, in one typed array.
 * Faster than a `Map` keyed by `parent * 2^k + id` (those keys exceed 2^31 and hash as heap numbers) and
 * far smaller than one `Map` per node. Linear probing; grows at 50% load. Node and token ids are >= 0.
 * Each slot is 4 consecutive int32 (parent, token, child, unused), so a probe touches one cache line rather than
 * one in each of three parallel arrays: the trie is several MB, and lookups are random accesses into it.
 * Before probing, `get` tests a 32-bit summary of the parent's child tokens (bit `token & 31` set for each child):
 * most lookups from a posting ask a node for a token that continues no alias, and most nodes have one or a few
 * children, so the summary answers "no child" for most of them without touching the table.
 */
const STRIDE = 4;

export class EdgeTable {
  /** Slot h at [h * 4]: parent (-1 when free), token, child. */
  private slots: Int32Array;
  private mask: number;
  private count = 0;
  /** Per parent node: bit (token & 31) set when the parent has a child over some token with those low bits. */
  private summary = new Uint32Array(1 << 12);

  constructor(initialCapacity = 1 << 16) {
    let cap = 1;
    while (cap < initialCapacity) cap <<= 1;
    this.mask = cap - 1;
    this.slots = EdgeTable.emptySlots(cap);
  }

  get size(): number {
    return this.count;
  }

  /** Child of (parent, token), or -1. */
  get(parent: number, token: number): number {
    if (parent >= this.summary.length || ((this.summary[parent] >>> (token & 31)) & 1) === 0) return -1;
    const slots = this.slots;
    const mask = this.mask;
    let h = EdgeTable.hash(parent, token) & mask;
    for (;;) {
      const at = h * STRIDE;
      const p = slots[at];
      if (p === -1) return -1;
      if (p === parent && slots[at + 1] === token) return slots[at + 2];
      h = (h + 1) & mask;
    }
  }

  /** Insert or overwrite (parent, token) -> child. */
  set(parent: number, token: number, child: number): void {
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    const slots = this.slots;
    let h = EdgeTable.hash(parent, token) & this.mask;
    while (slots[h * STRIDE] !== -1 && !(slots[h * STRIDE] === parent && slots[h * STRIDE + 1] === token)) h = (h + 1) & this.mask;
    const at = h * STRIDE;
    if (slots[at] === -1) this.count++;
    if (parent >= this.summary.length) {
      const summary = new Uint32Array(Math.max(parent + 1, this.summary.length * 2));
      summary.set(this.summary);
      this.summary = summary;
    }
    this.summary[parent] |= 1 << (token & 31);
    slots[at] = parent;
    slots[at + 1] = token;
    slots[at + 2] = child;
  }

  forEach(fn: (parent: number, token: number, child: number) => void): void {
    const slots = this.slots;
    for (let h = 0; h <= this.mask; h++) {
      const at = h * STRIDE;
      if (slots[at] !== -1) fn(slots[at], slots[at + 1], slots[at + 2]);
    }
  }

  private static emptySlots(capacity: number): Int32Array {
    const slots = new Int32Array(capacity * STRIDE);
    for (let h = 0; h < capacity; h++) slots[h * STRIDE] = -1;
    return slots;
  }

  private static hash(parent: number, token: number): number {
    const x = Math.imul(parent, 0x9e3779b1) ^ Math.imul(token + 0x632be5ab, 0x85ebca6b);
    return (x ^ (x >>> 15)) >>> 0;
  }

  private grow(): void {
    const old = this.slots;
    const cap = (this.mask + 1) * 2;
    this.mask = cap - 1;
    this.slots = EdgeTable.emptySlots(cap);
    this.count = 0;
    for (let at = 0; at < old.length; at += STRIDE) if (old[at] !== -1) this.set(old[at], old[at + 1], old[at + 2]);
  }
}
