// A growing list of unsigned 32-bit numbers. The packer keeps millions of chunk refs and per-chunk
// numbers to the end (over 2 million refs at 10,000 articles): as a number[] each costs 8 bytes, here 4.

export class U32List {
  private data = new Uint32Array(1024);
  length = 0;

  push(x: number): void {
    // A Uint32Array would wrap a larger value silently; the route table stores these as 32 bits too.
    if (x >>> 0 !== x) throw new Error(`emit: ${x} does not fit 32 bits`);
    if (this.length === this.data.length) {
      const grown = new Uint32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = x;
  }

  /** Sets item `i`, growing the list to `i + 1` items if it is shorter (the items between are 0). */
  set(i: number, x: number): void {
    while (this.length <= i) this.push(0);
    if (x >>> 0 !== x) throw new Error(`emit: ${x} does not fit 32 bits`);
    this.data[i] = x;
  }

  /** A view of items `from` to `to` (not a copy: valid until the next push). */
  view(from = 0, to = this.length): Uint32Array {
    return this.data.subarray(from, to);
  }
}
