// Growing lists of numbers in typed arrays. The build keeps millions of small numbers to the end (chunk
// refs, where each held body and spilled string is): as a number[] each costs 8 bytes plus the array,
// and as object fields far more.

class TypedList<A extends Uint32Array | Float64Array> {
  protected data: A;
  length = 0;

  constructor(
    private readonly make: (n: number) => A,
    private readonly fits: (x: number) => boolean,
    private readonly what: string,
  ) {
    this.data = make(1024);
  }

  push(x: number): void {
    // A typed array would wrap or round a value it cannot hold, silently.
    if (!this.fits(x)) throw new Error(`${x} does not fit ${this.what}`);
    if (this.length === this.data.length) {
      const grown = this.make(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = x;
  }

  /** Sets item `i`, growing the list to `i + 1` items if it is shorter (the items between are 0). */
  set(i: number, x: number): void {
    while (this.length < i) this.push(0);
    if (this.length === i) this.push(x);
    else if (!this.fits(x)) throw new Error(`${x} does not fit ${this.what}`);
    else this.data[i] = x;
  }

  /** Item `i`; throws past the end, where a typed array would give undefined. */
  get(i: number): number {
    if (!(Number.isInteger(i) && i >= 0 && i < this.length))
      throw new Error(`internal: no item ${i} of ${this.length}`);
    return this.data[i] as number;
  }

  /** A view of items `from` to `to` (not a copy: valid until the next push). */
  view(from = 0, to = this.length): A {
    return this.data.subarray(from, to) as A;
  }
}

/** Unsigned 32-bit numbers: 4 bytes each. The route table stores these as 32 bits too. */
export class U32List extends TypedList<Uint32Array> {
  constructor() {
    super(
      (n) => new Uint32Array(n),
      (x) => x >>> 0 === x,
      "32 bits",
    );
  }
}

/** Whole numbers of any size a double holds exactly (file offsets past 4 GiB): 8 bytes each. */
export class IntList extends TypedList<Float64Array> {
  constructor() {
    super((n) => new Float64Array(n), Number.isSafeInteger, "a safe integer");
  }
}
