// The store on its own: what goes in comes out exactly (v8 serialization: what a worker's result goes
// through anyway), anything else in an entry's place is a damaged miss, writes leave no temporary file,
// and pruning keeps this build's entries and removes the least recently used others past the budget.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  decodeEntry,
  encodeEntry,
  entryPath,
  prune,
  readEntry,
  writeEntry,
} from "../../../src/pipeline/cache/store";

const any = (v: unknown): v is unknown => v !== null;
const key = (n: number) => n.toString(16).padStart(64, "0");
const fresh = () => mkdtempSync(join(tmpdir(), "cache-store-"));

describe("cache entries", () => {
  it("give back the value exactly: undefined fields, key order, Maps, typed arrays, shared references", () => {
    const shared = { tag: "llama" };
    const value = {
      b: undefined,
      a: [1, "é…", null],
      m: new Map([["x", 1]]),
      bytes: new Uint8Array([1, 2, 3]),
      one: shared,
      two: shared,
    };
    const back = decodeEntry(encodeEntry(value)) as typeof value;
    expect(back).toEqual(value);
    expect(Object.keys(back)).toEqual(Object.keys(value));
    expect("b" in back).toBe(true);
    expect(back.one).toBe(back.two);
  });

  const good = encodeEntry({ drafts: [], text: "x".repeat(500) });
  const flipped = Buffer.from(good);
  flipped[flipped.length - 3] = (flipped[flipped.length - 3] as number) ^ 0xff;
  const cases: [string, Buffer][] = [
    ["empty", Buffer.alloc(0)],
    ["truncated", good.subarray(0, good.length - 7)],
    ["one byte flipped", flipped],
    ["another format", Buffer.from(`{"drafts":[]}`)],
    ["only the header", good.subarray(0, 40)],
  ];
  for (const [name, bytes] of cases) {
    it(`are damaged when ${name}`, () => {
      expect(decodeEntry(bytes)).toBeNull();
      const dir = fresh();
      mkdirSync(join(dir, "00"));
      writeFileSync(entryPath(dir, key(1)), bytes);
      expect(readEntry(dir, key(1), any)).toEqual({ found: false, damaged: true });
    });
  }

  it("are a plain miss when absent, damaged when unreadable or of the wrong shape", () => {
    const dir = fresh();
    expect(readEntry(dir, key(1), any)).toEqual({ found: false, damaged: false });
    mkdirSync(entryPath(dir, key(2)), { recursive: true }); // a folder where the file should be
    expect(readEntry(dir, key(2), any)).toEqual({ found: false, damaged: true });
    writeEntry(dir, key(3), { not: "a result" });
    const isResult = (v: unknown): v is { drafts: unknown[] } =>
      Array.isArray((v as { drafts?: unknown }).drafts);
    expect(readEntry(dir, key(3), isResult)).toEqual({ found: false, damaged: true });
  });

  it("are written whole, with no temporary file left, and replaced whole", () => {
    const dir = fresh();
    writeEntry(dir, key(1), { v: 1 });
    writeEntry(dir, key(1), { v: 2 });
    expect(readdirSync(join(dir, "00"))).toEqual([key(1)]);
    expect(readEntry(dir, key(1), any)).toMatchObject({ found: true, value: { v: 2 } });
  });
});

describe("pruning", () => {
  /** Entries 1..n of about `size` bytes each, entry i last used at second i. */
  function store(n: number, size: number): string {
    const dir = fresh();
    for (let i = 1; i <= n; i++) {
      writeEntry(dir, key(i), {
        pad: Buffer.from(Array.from({ length: size }, (_, j) => (j * 7919 + i) % 251)),
      });
      utimesSync(entryPath(dir, key(i)), i, i);
    }
    return dir;
  }
  const left = (dir: string) =>
    readdirSync(dir)
      .filter((s) => s.length === 2)
      .flatMap((s) => readdirSync(join(dir, s)))
      .sort();
  const sizeOf = (dir: string, n: number) => readFileSync(entryPath(dir, key(n))).length;

  it("does nothing under the budget", () => {
    const dir = store(4, 2000);
    expect(prune(dir, new Set(), 1e9)).toMatchObject({ entries: 4, removed: 0 });
    expect(left(dir)).toHaveLength(4);
  });

  it("removes unused entries, least recently used first, until the store fits", () => {
    const dir = store(6, 2000);
    const each = sizeOf(dir, 1);
    // Entry 1 is the oldest but used by this build: kept. 2 and 3 go; 4, 5, 6 fit with it.
    const r = prune(dir, new Set([key(1)]), 4 * each + each / 2);
    expect(r).toMatchObject({ entries: 4, removed: 2 });
    expect(left(dir)).toEqual([key(1), key(4), key(5), key(6)]);
  });

  it("never removes this build's own entries, even past the budget", () => {
    const dir = store(3, 2000);
    const r = prune(dir, new Set([key(1), key(2), key(3)]), 1);
    expect(r.removed).toBe(0);
    expect(left(dir)).toHaveLength(3);
  });

  it("removes the temporary files of builds that are gone, not those of running ones", () => {
    const dir = store(1, 10);
    const dead = 2 ** 22 + 12345; // above Linux's pid limit: no such process
    writeFileSync(`${entryPath(dir, key(1))}.${dead}.abcdef.tmp`, "half");
    writeFileSync(`${entryPath(dir, key(1))}.${process.pid}.abcdef.tmp`, "being written");
    prune(dir, new Set(), 1e9);
    expect(readdirSync(join(dir, "00")).sort()).toEqual([key(1), `${key(1)}.${process.pid}.abcdef.tmp`]);
  });
});
