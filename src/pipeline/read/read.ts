// Reading the corpus folder: which files are articles, which are configuration, and turning bytes into
// text. I/O lives here only; decoding is pure so the bad-input cases can be tested without files.
import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { formatOf, isPageAssets } from "./formats/index";
import { fileSizeProblem, LIMITS } from "./limits";

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
  /**
   * Entries refused while listing (too big to read, symlinks leaving the corpus, too many articles),
   * each with its `corpus/<file>` and a fix. Optional so in-memory listings can leave it out.
   */
  problems?: ListingProblem[];
}

export interface ListingProblem {
  file: string;
  line: number;
  message: string;
  fix: string;
}

const SIDECAR = /\.meta\.ya?ml$/i;
const TAXONOMY = /^taxonomy\.ya?ml$/i;
// The subscription list `npm run fetch` reads (src/fetch): configuration the build does not use.
const SOURCES = /^sources\.opml$/i;
// Documentation about the corpus is not an article.
const DOCS = /^(?:readme|license|licence)(?:\.[a-z]+)?$/i;

export function listCorpus(
  dir: string,
  displayBase: string,
  limits: { articles: number } = LIMITS,
): CorpusListing {
  const out: CorpusListing = { articles: [], sidecars: [], taxonomy: null, unknown: [], problems: [] };
  const problems = out.problems as ListingProblem[];
  const root = realpathSync(dir);
  const walk = (d: string) => {
    // Sorted so output never depends on the file system's order.
    const entries = readdirSync(d, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const e of entries) {
      if (e.name.startsWith(".")) continue; // editor and OS droppings (.DS_Store, .swp)
      const full = join(d, e.name);
      const rel = relative(dir, full).split(sep).join("/");
      const display = `${displayBase}/${rel}`;
      const isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        // A link to a file inside the corpus is followed (the file is an article under both names);
        // any other link is refused, never skipped in silence.
        let target: string;
        try {
          target = realpathSync(full);
        } catch {
          problems.push({
            file: display,
            line: 0,
            message: "is a symbolic link to nothing (its target does not exist)",
            fix: "delete the link, or point it at a file inside the corpus folder",
          });
          continue;
        }
        if (target !== root && !target.startsWith(root + sep)) {
          problems.push({
            file: display,
            line: 0,
            message: `is a symbolic link to ${target}, outside the corpus folder`,
            fix: "copy the file into the corpus folder instead of linking to it",
          });
          continue;
        }
        const st = statSync(full);
        if (st.isDirectory()) {
          // Every folder inside the corpus is read under its own name already: through the link it
          // would be read twice (or forever, for a link to a parent).
          problems.push({
            file: display,
            line: 0,
            message: `is a symbolic link to the folder ${relative(root, target).split(sep).join("/") || "."} of the corpus, which is read already under its own name`,
            fix: "delete the link",
          });
          continue;
        }
        isFile = st.isFile();
      }
      if (isDir) {
        // A browser's "Save page as" folder of images and scripts beside its page is not corpus input.
        if (
          !isPageAssets(
            e.name,
            entries.map((x) => x.name),
          )
        )
          walk(full);
        continue;
      }
      if (!isFile) {
        problems.push({
          file: display,
          line: 0,
          message: "is not a regular file (a socket, pipe or device)",
          fix: "remove it from the corpus folder",
        });
        continue;
      }
      if (DOCS.test(e.name) && !SIDECAR.test(e.name) && !TAXONOMY.test(rel)) continue;
      if (SOURCES.test(rel)) continue;
      // Checked before reading: a 30 MB paste is refused at once instead of after minutes of cleaning.
      const tooBig = fileSizeProblem(statSync(full).size);
      if (tooBig) {
        problems.push({ file: display, line: 1, ...tooBig });
        continue;
      }
      const file: CorpusFile = { display, rel, bytes: new Uint8Array(readFileSync(full)) };
      if (SIDECAR.test(e.name)) out.sidecars.push(file);
      else if (TAXONOMY.test(rel)) out.taxonomy = file;
      else if (formatOf(e.name)) out.articles.push(file);
      else out.unknown.push(file);
    }
  };
  walk(dir);
  if (out.articles.length > limits.articles) {
    problems.push({
      file: displayBase,
      line: 0,
      message: `holds ${out.articles.length} articles, over the limit of ${limits.articles} for one site`,
      fix: "split the corpus into two sites (two folders built with --corpus), or archive older captures",
    });
  }
  return out;
}

export type Decoded = { ok: true; text: string } | { ok: false; line: number; message: string; fix: string };

/**
 * Bytes -> text with LF line ends and no BOM. Empty, binary and non-UTF-8 files are refused with the line
 * where the trouble is, because guessing an encoding silently corrupts names and quotes.
 */
export function decode(bytes: Uint8Array): Decoded {
  const tooBig = fileSizeProblem(bytes.length);
  if (tooBig) return { ok: false, line: 1, ...tooBig };
  const utf16 = utf16Of(bytes);
  if (utf16) return decodeUtf16(bytes, utf16);
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
  return finish(text);
}

type Utf16 = { le: boolean; bom: boolean };

/**
 * UTF-16, as Windows tools save "Unicode" text: by its BOM, or by its NUL pattern (in text that is
 * mostly ASCII, every other byte is 0, the high bytes of little-endian pairs at odd offsets).
 */
function utf16Of(b: Uint8Array): Utf16 | null {
  if (b[0] === 0xff && b[1] === 0xfe) return { le: true, bom: true };
  if (b[0] === 0xfe && b[1] === 0xff) return { le: false, bom: true };
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 4) return null;
  let odd = 0;
  let even = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] !== 0 && b[i + 1] === 0) odd++;
    else if (b[i] === 0 && b[i + 1] !== 0) even++;
  }
  const pairs = n / 2;
  if (odd >= pairs * 0.6 && even === 0) return { le: true, bom: false };
  if (even >= pairs * 0.6 && odd === 0) return { le: false, bom: false };
  return null;
}

function decodeUtf16(bytes: Uint8Array, enc: Utf16): Decoded {
  const name = enc.le ? "UTF-16LE" : "UTF-16BE";
  const fix = `convert it to UTF-8, e.g. \`iconv -f ${name} -t UTF-8 in.txt > out.txt\``;
  let text: string;
  try {
    if (bytes.length % 2 !== 0) throw new Error("odd length");
    text = new TextDecoder(enc.le ? "utf-16le" : "utf-16be", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { ok: false, line: 1, message: `looks like ${name} text but is not valid ${name}`, fix };
  }
  const nul = text.indexOf("\0");
  if (nul >= 0) {
    const line = text.slice(0, nul).split("\n").length;
    return { ok: false, line, message: `is ${name} text holding a NUL character, so binary data`, fix };
  }
  return finish(text);
}

/** Decoded text with LF line ends, or the one message every encoding shares for an empty file. */
function finish(decoded: string): Decoded {
  const text = decoded.replace(/\r\n?/g, "\n");
  if (text.trim() === "")
    return {
      ok: false,
      line: 1,
      message: "is empty",
      fix: "paste the article's text into it, or delete the file",
    };
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
