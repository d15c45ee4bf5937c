// Article bodies on disk while the build runs. An article's HTML, its text and the text tags are
// computed over are most of a build's memory, and every stage after extraction reads each of them a few
// times, one article at a time: so the build keeps them in a temporary file and each article holds only
// where its bodies are. Reading one back gives the same string as was stored (UTF-8 when the string is
// well-formed, else UTF-16 code units as they are), so nothing rendered from it can differ.
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CaptureResult } from "./capture";

// A string UTF-8 cannot carry as is (it would become U+FFFD).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export class SpillStore {
  private readonly dir: string;
  private fd: number | null;
  private size = 0;
  /** Strings stored and read back (tests: the store holds none of them itself). */
  stored = 0;
  read = 0;

  // A build that stops early (process.exit on bad input) still leaves no file behind.
  private readonly onExit = () => this.close();

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), "feed-build-spill-"));
    this.fd = openSync(join(this.dir, "bodies"), "w+");
    process.on("exit", this.onExit);
  }

  /** Stores `value` and returns how to read it back. */
  put(value: string): () => string {
    const fd = this.open();
    const wide = LONE_SURROGATE.test(value);
    const bytes = Buffer.from(value, wide ? "utf16le" : "utf8");
    const at = this.size;
    for (let done = 0; done < bytes.length; )
      done += writeSync(fd, bytes, done, bytes.length - done, at + done);
    this.size += bytes.length;
    this.stored++;
    const length = bytes.length;
    return () => {
      const fd = this.open();
      const buf = Buffer.allocUnsafe(length);
      for (let done = 0; done < length; ) {
        const n = readSync(fd, buf, done, length - done, at + done);
        if (n === 0) throw new Error("spill store: the file is shorter than what was stored");
        done += n;
      }
      this.read++;
      return buf.toString(wide ? "utf16le" : "utf8");
    };
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

/**
 * Moves `obj[key]` into `store`: the property stays where it was among the object's keys (so JSON and
 * spreads see the same object) but reads it from disk each time. Assigning it keeps the new value in
 * memory again.
 */
export function spillProperty<T extends object>(store: SpillStore, obj: T, key: keyof T & string): void {
  const value = (obj as Record<string, unknown>)[key];
  if (typeof value !== "string") return;
  const get = store.put(value);
  Object.defineProperty(obj, key, {
    get,
    set(this: T, v: unknown) {
      Object.defineProperty(this, key, { value: v, writable: true, enumerable: true, configurable: true });
    },
    enumerable: true,
    configurable: true,
  });
}

/** A capture's bodies moved into `store` (its drafts' HTML, text and tag text), as it comes in. */
export function spillResult(store: SpillStore, result: CaptureResult): CaptureResult {
  for (const d of result.drafts) {
    spillProperty(store, d.article, "contentHtml");
    spillProperty(store, d.article, "text");
    spillProperty(store, d, "tagText");
  }
  return result;
}
