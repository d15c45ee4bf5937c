// Article bodies on disk while the build runs. An article's HTML, its text and the text tags are
// computed over are most of a build's memory, and every stage after extraction reads each of them a few
// times, one article at a time: so the build keeps them in a temporary file and each article holds only
// where its bodies are. Reading one back gives the same string as was stored (UTF-8 when the string is
// well-formed, else UTF-16 code units as they are), so nothing rendered from it can differ.
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CaptureResult } from "./capture";
import { IntList } from "./lists";

// A string UTF-8 cannot carry as is (it would become U+FFFD).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export class SpillStore {
  private readonly dir: string;
  private fd: number | null;
  private size = 0;
  /** Strings stored and read back (tests: the store holds none of them itself). */
  stored = 0;
  read = 0;
  /** Per slot: where its bytes start, and their length (negative: stored as UTF-16). */
  private readonly at = new IntList();
  private readonly length = new IntList();
  private readonly accessorsByKey = new Map<string, PropertyDescriptor>();

  // A build that stops early (process.exit on bad input) still leaves no file behind.
  private readonly onExit = () => this.close();

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), "feed-build-spill-"));
    this.fd = openSync(join(this.dir, "bodies"), "w+");
    process.on("exit", this.onExit);
  }

  /** Stores `value` and returns how to read it back. */
  put(value: string): () => string {
    const slot = this.store(value);
    return () => this.load(slot);
  }

  /**
   * Stores `value` and returns its slot for `load`: two numbers in this store, where a reader closure
   * costs about 120 bytes more per string (`spilled` keeps a slot per article body).
   */
  store(value: string): number {
    const fd = this.open();
    const wide = LONE_SURROGATE.test(value);
    const bytes = Buffer.from(value, wide ? "utf16le" : "utf8");
    const at = this.size;
    for (let done = 0; done < bytes.length; )
      done += writeSync(fd, bytes, done, bytes.length - done, at + done);
    this.size += bytes.length;
    this.stored++;
    const slot = this.at.length;
    // UTF-16 is stored as -1 - the byte length, so the sign tells, even for an empty string.
    this.at.push(at);
    this.length.push(wide ? -bytes.length - 1 : bytes.length);
    return slot;
  }

  /** The string stored at `slot`, read back from disk. */
  load(slot: number): string {
    const fd = this.open();
    if (!(slot >= 0 && slot < this.at.length)) throw new Error(`spill store: no slot ${slot}`);
    const at = this.at.get(slot);
    const coded = this.length.get(slot);
    const wide = coded < 0;
    const length = wide ? -coded - 1 : coded;
    const buf = Buffer.allocUnsafe(length);
    for (let done = 0; done < length; ) {
      const n = readSync(fd, buf, done, length - done, at + done);
      if (n === 0) throw new Error("spill store: the file is shorter than what was stored");
      done += n;
    }
    this.read++;
    return buf.toString(wide ? "utf16le" : "utf8");
  }

  /** The accessors of a property spilled into this store: one pair per key, shared by every object. */
  accessors(key: string): PropertyDescriptor {
    let d = this.accessorsByKey.get(key);
    if (d === undefined) {
      const store = this;
      d = {
        get(this: Spilled) {
          return store.load(this[SLOTS][key] as number);
        },
        set(this: object, v: unknown) {
          Object.defineProperty(this, key, {
            value: v,
            writable: true,
            enumerable: true,
            configurable: true,
          });
        },
        enumerable: true,
        configurable: true,
      };
      this.accessorsByKey.set(key, d);
    }
    return d;
  }

  /** Bytes on disk. */
  get bytes(): number {
    return this.size;
  }

  /** Removes the file: nothing stored can be read after. */
  close(): void {
    process.off("exit", this.onExit);
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
    rmSync(this.dir, { recursive: true, force: true });
  }

  private open(): number {
    if (this.fd === null) throw new Error("spill store: read after close");
    return this.fd;
  }
}

/** Where a spilled object's strings are: slots by key, under a key that neither JSON nor a spread sees. */
const SLOTS = Symbol("spill slots");
type Spilled = { [SLOTS]: Record<string, number> };

/**
 * `obj` with `keys` moved into `store`, as a new object with the same keys in the same order (so JSON
 * and spreads see the same object): a spilled property reads its string from disk each time, and
 * assigning it keeps the new value in memory again. The object is made anew rather than changed in
 * place, and every object shares the store's accessors for a key: a data property turned into an
 * accessor sends an object to V8's dictionary mode, and per-object accessors gave each its own hidden
 * class (both about 2.5 KB per article, held to the end of the build).
 */
export function spilled<T extends object>(store: SpillStore, obj: T, keys: readonly (keyof T & string)[]): T {
  const from = obj as Record<string, unknown>;
  const out = {};
  const slots: Record<string, number> = {};
  for (const key of Object.keys(from)) {
    const value = from[key];
    if (typeof value === "string" && (keys as readonly string[]).includes(key)) {
      slots[key] = store.store(value);
      Object.defineProperty(out, key, store.accessors(key));
    } else {
      // Not `out[key] = value`: a property stored by computed key after an accessor sent the object to
      // V8's dictionary mode (about 1.5 KB more per article, held to the end). Defined, they stay fast.
      Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
    }
  }
  Object.defineProperty(out, SLOTS, { value: slots });
  return out as T;
}

/** A capture's bodies moved into `store` (its drafts' HTML, text and story terms), as it comes in. */
export function spillResult(store: SpillStore, result: CaptureResult): CaptureResult {
  const drafts = result.drafts.map((d) => {
    const draft = spilled(store, d, ["storyTerms"]);
    draft.article = spilled(store, d.article, ["contentHtml", "text"]);
    return draft;
  });
  return { ...result, drafts };
}
