// The on-disk store of extraction results: one file per key, `<dir>/<key[0..2]>/<key>`. An entry is
// MAGIC, the sha256 of the rest, then the result as v8.serialize output compressed with brotli (fast
// quality: results are ~30 KB serialized, ~4 KB stored). v8.serialize is the structured clone a
// worker thread's result already goes through, so a result read back is exactly what a worker would
// have returned (undefined fields, key order, shared references). Writes go to a temporary file
// renamed into place, so a reader (another build, or this one after a kill) sees a whole entry or
// none; an entry that does not check out is reported as damaged and recomputed, never an error.
import { createHash, randomBytes } from "node:crypto";
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { brotliCompressSync, brotliDecompressSync, constants } from "node:zlib";

const MAGIC = Buffer.from("FXC1\0\0\0\0");
const HEAD = MAGIC.length + 32;
const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } };
const TMP = /\.(\d+)\.[0-9a-f]+\.tmp$/;

export type Lookup<T> = { found: true; value: T; bytes: number } | { found: false; damaged: boolean };

export function entryPath(dir: string, key: string): string {
  return join(dir, key.slice(0, 2), key);
}

export function encodeEntry(value: unknown): Buffer {
  const body = brotliCompressSync(serialize(value), BROTLI);
  return Buffer.concat([MAGIC, createHash("sha256").update(body).digest(), body]);
}

/** The value, or null when the bytes are not a whole, intact entry. */
export function decodeEntry(bytes: Buffer): unknown {
  if (bytes.length < HEAD || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const body = bytes.subarray(HEAD);
  const sum = createHash("sha256").update(body).digest();
  if (!sum.equals(bytes.subarray(MAGIC.length, HEAD))) return null;
  try {
    return deserialize(brotliDecompressSync(body));
  } catch {
    return null;
  }
}

/**
 * Reads `key`. A missing file is a plain miss; one that cannot be read or does not check out (or fails
 * `valid`) is a damaged miss. A hit's mtime is refreshed, so pruning removes the least recently used.
 */
export function readEntry<T>(dir: string, key: string, valid: (v: unknown) => v is T): Lookup<T> {
  const path = entryPath(dir, key);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    return { found: false, damaged: (e as NodeJS.ErrnoException).code !== "ENOENT" };
  }
  const value = decodeEntry(bytes);
  if (!valid(value)) return { found: false, damaged: true };
  try {
    const now = new Date(); // the entry's age, for pruning only: never in any output
    utimesSync(path, now, now);
  } catch {
    // Another build pruned it meanwhile: the value read is whole all the same.
  }
  return { found: true, value, bytes: bytes.length };
}

/** Writes `key` atomically; returns the bytes written. Throws on an I/O error (the caller decides). */
export function writeEntry(dir: string, key: string, value: unknown): number {
  const path = entryPath(dir, key);
  const bytes = encodeEntry(value);
  // The pid in the name lets a later prune tell a dead build's leftover from a live build's write.
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    writeFileSync(tmp, bytes);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    mkdirSync(join(dir, key.slice(0, 2)), { recursive: true });
    writeFileSync(tmp, bytes);
  }
  try {
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  return bytes.length;
}

interface Entry {
  path: string;
  key: string;
  bytes: number;
  mtimeMs: number;
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Every entry under `dir`, and the temporary files of builds no longer running (removed). */
function scan(dir: string): Entry[] {
  const out: Entry[] = [];
  let shards: string[];
  try {
    shards = readdirSync(dir).filter((s) => /^[0-9a-f]{2}$/.test(s));
  } catch {
    return out;
  }
  for (const shard of shards) {
    let names: string[];
    try {
      names = readdirSync(join(dir, shard));
    } catch {
      continue;
    }
    for (const name of names) {
      const path = join(dir, shard, name);
      const tmp = TMP.exec(name);
      if (tmp) {
        if (!alive(Number(tmp[1]))) rmSync(path, { force: true });
        continue;
      }
      try {
        const s = statSync(path);
        if (s.isFile()) out.push({ path, key: name, bytes: s.size, mtimeMs: s.mtimeMs });
      } catch {
        // Pruned by another build meanwhile.
      }
    }
  }
  return out;
}

export interface PruneResult {
  /** Entries and bytes left in the store. */
  entries: number;
  bytes: number;
  removed: number;
}

/**
 * Bounds the store: when it holds more than `budget` bytes, entries this build did not use (`keep`)
 * are removed, least recently used first, until it fits. This build's own entries are never removed,
 * so a corpus bigger than the budget keeps exactly its working set.
 */
export function prune(dir: string, keep: ReadonlySet<string>, budget: number): PruneResult {
  const all = scan(dir);
  let bytes = all.reduce((s, e) => s + e.bytes, 0);
  let entries = all.length;
  let removed = 0;
  if (bytes <= budget) return { entries, bytes, removed };
  const stale = all.filter((e) => !keep.has(e.key)).sort((a, b) => a.mtimeMs - b.mtimeMs);
  for (const e of stale) {
    if (bytes <= budget) break;
    rmSync(e.path, { force: true });
    bytes -= e.bytes;
    entries--;
    removed++;
  }
  return { entries, bytes, removed };
}
