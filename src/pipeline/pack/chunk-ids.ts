// Chunk ids by key (a chunk's SHA-256, analyse.ts), in typed arrays: an open-addressing table over the
// keys stored end to end. A Map of 32-byte strings cost about 75 bytes per unique chunk, held to the
// end of the build, and there are about 27 unique chunks per article; here it is 40 to 80 (with the
// room the arrays grow into).
import { KEY_BYTES } from "./analyse";

export class ChunkIds {
  /** Id i's key at [i * KEY_BYTES, (i + 1) * KEY_BYTES). */
  private keys = new Uint8Array(KEY_BYTES * 1024);
  /** Per slot, id + 1 (0: empty); never more than half full. */
  private slots = new Uint32Array(2048);
  size = 0;

  /** The id of the key at `key[at, at + KEY_BYTES)`, or -1 when it has none. */
  get(key: Uint8Array, at: number): number {
    const mask = this.slots.length - 1;
    for (let s = start(key, at) & mask; ; s = (s + 1) & mask) {
      const held = this.slots[s] as number;
      if (held === 0) return -1;
      if (this.equal(held - 1, key, at)) return held - 1;
    }
  }

  /** Gives the key at `key[at, at + KEY_BYTES)`, which has none, the next id. */
  add(key: Uint8Array, at: number): number {
    const id = this.size++;
    if (this.keys.length < this.size * KEY_BYTES) {
      const grown = new Uint8Array(this.keys.length * 2);
      grown.set(this.keys);
      this.keys = grown;
    }
    this.keys.set(key.subarray(at, at + KEY_BYTES), id * KEY_BYTES);
    if (this.size * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(id);
    return id;
  }

  private equal(id: number, key: Uint8Array, at: number): boolean {
    const from = id * KEY_BYTES;
    for (let i = 0; i < KEY_BYTES; i++) if (this.keys[from + i] !== key[at + i]) return false;
    return true;
  }

  private place(id: number): void {
    const mask = this.slots.length - 1;
    let s = start(this.keys, id * KEY_BYTES) & mask;
    while (this.slots[s] !== 0) s = (s + 1) & mask;
    this.slots[s] = id + 1;
  }

  private rehash(size: number): void {
    this.slots = new Uint32Array(size);
    for (let id = 0; id < this.size; id++) this.place(id);
  }
}

/** Where a key's probe starts: its first four bytes, already uniform (a SHA-256). */
function start(key: Uint8Array, at: number): number {
  const b = (k: number) => key[at + k] as number;
  return b(0) | (b(1) << 8) | (b(2) << 16) | (b(3) << 24);
}
