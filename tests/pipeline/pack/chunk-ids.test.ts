import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { KEY_BYTES } from "../../../src/pipeline/pack/analyse";
import { ChunkIds } from "../../../src/pipeline/pack/chunk-ids";

const sha = (s: string) => new Uint8Array(createHash("sha256").update(s).digest());
/** A key that shares its first bytes (where the probe starts) with every other of its kind. */
const samePrefix = (i: number) => {
  const k = sha(`x${i}`);
  k.set([1, 2, 3, 4], 0);
  return k;
};

describe("ChunkIds", () => {
  it.each<[string, (i: number) => Uint8Array, number]>([
    ["a few keys", (i) => sha(String(i)), 10],
    ["past the first capacity, many times over", (i) => sha(String(i)), 20_000],
    ["keys whose probes all start at one slot", samePrefix, 300],
  ])("%s: ids in order, found again, nothing else found", (_, key, n) => {
    const ids = new ChunkIds();
    for (let i = 0; i < n; i++) {
      expect(ids.get(key(i), 0)).toBe(-1);
      expect(ids.add(key(i), 0)).toBe(i);
    }
    expect(ids.size).toBe(n);
    for (let i = 0; i < n; i++) expect(ids.get(key(i), 0)).toBe(i);
    expect(ids.get(sha("absent"), 0)).toBe(-1);
  });

  it("reads a key where it sits in a larger buffer", () => {
    const ids = new ChunkIds();
    const buf = new Uint8Array(3 * KEY_BYTES);
    buf.set(sha("a"), KEY_BYTES);
    buf.set(sha("b"), 2 * KEY_BYTES);
    expect(ids.add(buf, KEY_BYTES)).toBe(0);
    expect(ids.add(buf, 2 * KEY_BYTES)).toBe(1);
    expect(ids.get(sha("a"), 0)).toBe(0);
    expect(ids.get(sha("b"), 0)).toBe(1);
    // A key differing only in its last byte is another key.
    const near = sha("a");
    near[KEY_BYTES - 1] = (near[KEY_BYTES - 1] as number) ^ 1;
    expect(ids.get(near, 0)).toBe(-1);
  });
});
