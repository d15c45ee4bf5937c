// Reading the corpus folder: which files are articles, which are configuration, and turning bytes into
// text. I/O lives here only; decoding is pure so the bad-input cases can be tested without files.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { formatOf, isPageAssets } from "./formats/index";

export interface CorpusFile {
  /** Path as shown to users, relative to the project (e.g. `corpus/a.txt`). */
  display: string;
  /** Path relative to the corpus folder, with `/` separators. */
  rel: string;
  bytes: Uint8Array;
}

export interface CorpusListing {
  articles: CorpusFile[];
  sidecars: CorpusFile[];
  taxonomy: CorpusFile | null;
  /** Files that are neither articles nor known configuration. */
  unknown: CorpusFile[];
}

const SIDECAR = /\.meta\.ya?ml$/i;
const TAXONOMY = /^taxonomy\.ya?ml$/i;
// Documentation about the corpus is not an article.
const DOCS = /^(?:readme|license|licence)(?:\.[a-z]+)?$/i;

export function listCorpus(dir: string, displayBase: string): CorpusListing {
  const out: CorpusListing = { articles: [], sidecars: [], taxonomy: null, unknown: [] };
  const walk = (d: string) => {
    // Sorted so output never depends on the file system's order.
    const entries = readdirSync(d, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const e of entries) {
      if (e.name.startsWith(".")) continue; // editor and OS droppings (.DS_Store, .swp)
      const full = join(d, e.name);
      if (e.isDirectory()) {
        if (
          !isPageAssets(
            e.name,
            entries.map((x) => x.name),
          )
        )
          walk(full);
        continue;
      }
      if (!e.isFile()) continue;
      const rel = relative(dir, full).split(sep).join("/");
      const file: CorpusFile = {
        display: `${displayBase}/${rel}`,
        rel,
        bytes: new Uint8Array(readFileSync(full)),
      };
      if (SIDECAR.test(e.name)) out.sidecars.push(file);
      else if (TAXONOMY.test(rel)) out.taxonomy = file;
      else if (DOCS.test(e.name)) continue;
      else if (formatOf(e.name)) out.articles.push(file);
      else out.unknown.push(file);
    }
  };
  walk(dir);
  return out;
}

export type Decoded = { ok: true; text: string } | { ok: false; line: number; message: string; fix: string };

/**
 * Bytes -> text with LF line ends and no BOM. Empty, binary and non-UTF-8 files are refused with the line
 * where the trouble is, because guessing an encoding silently corrupts names and quotes.
 */
export function decode(bytes: Uint8Array): Decoded {
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const nul = bytes.indexOf(0, start);
  if (nul >= 0) {
    return {
      ok: false,
      line: lineAt(bytes, nul),
      message: "is a binary file (it contains NUL bytes), not text",
      fix: "save the article as plain UTF-8 text (.txt) or Markdown (.md)",
    };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(start));
  } catch {
    const bad = firstInvalidUtf8(bytes, start);
    return {
      ok: false,
      line: lineAt(bytes, bad),
      message: `is not valid UTF-8 (byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, "0")} at offset ${bad})`,
      fix: "re-save the file as UTF-8, e.g. `iconv -f windows-1252 -t utf-8 in.txt > out.txt`",
    };
  }
  text = text.replace(/\r\n?/g, "\n");
  if (text.trim() === "") {
    return {
      ok: false,
      line: 1,
      message: "is empty",
      fix: "paste the article's text into it, or delete the file",
    };
  }
  return { ok: true, text };
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function firstInvalidUtf8(b: Uint8Array, start: number): number {
  let i = start;
  while (i < b.length) {
    const c = b[i] ?? 0;
    const n =
      c < 0x80
        ? 0
        : c >= 0xc2 && c <= 0xdf
          ? 1
          : c >= 0xe0 && c <= 0xef
            ? 2
            : c >= 0xf0 && c <= 0xf4
              ? 3
              : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return Math.min(i, b.length - 1);
}
