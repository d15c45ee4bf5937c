// Measures storage choices for the body store on a built site (reads <out>/site.json, renders it again):
//   npx tsx bench/chunk-study.ts OUT_DIR
// For each variant: unique chunks, their identity bytes and the bytes of their deflate pieces.
import { createHash } from "node:crypto";
import { constants, deflateRawSync } from "node:zlib";
import { chunkEnds } from "../src/pipeline/pack/chunks";
import { rerender } from "./rerender";

const { token, routes } = rerender(process.argv[2] ?? ".generated");
const enc = new TextEncoder();
const ITEM = /(?=<item>|<entry>|\{"id":"urn:)/;
/** Item starts, and both ends of the big embedded content values (so RSS and Atom can share them). */
const CONTENT =
  /(?=<item>|<entry>|\{"id":"urn:|<\/content:encoded>|<\/content>|","content_text"|","text"|","summary")|(?<=<content:encoded>|<content type="html">|"content_html":")/;

interface Variant {
  name: string;
  cutItems: boolean;
  cut?: RegExp;
  min?: number;
  max?: number;
  bits?: number;
  only?: (path: string) => boolean;
}

function run(v: Variant): void {
  const seen = new Set<string>();
  let identity = 0;
  let gz = 0;
  let refs = 0;
  const byKind = new Map<string, number>();
  for (const r of routes) {
    if (v.only && !v.only(r.path)) continue;
    const kind = r.path.includes("/archive/") ? "archive" : (r.path.split("/")[1] ?? "");
    for (const seg of r.body.split(token)) {
      const parts = v.cut ? seg.split(v.cut) : v.cutItems ? seg.split(ITEM) : [seg];
      for (const part of parts) {
        const bytes = enc.encode(part);
        let start = 0;
        for (const end of chunkEnds(bytes, v.min, v.max, v.bits)) {
          const c = bytes.subarray(start, end);
          start = end;
          refs++;
          const key = createHash("sha256").update(c).digest("base64");
          if (seen.has(key)) continue;
          seen.add(key);
          identity += c.length;
          const n = deflateRawSync(c, {
            level: 9,
            windowBits: 15,
            finishFlush: constants.Z_FULL_FLUSH,
          }).length;
          gz += n;
          byKind.set(kind, (byKind.get(kind) ?? 0) + n);
        }
      }
    }
  }
  const kinds = [...byKind].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${(n / 1e6).toFixed(2)}`);
  console.log(
    `${v.name}: ${seen.size} chunks, ${refs} refs, identity ${(identity / 1e6).toFixed(2)} MB, pieces ${(gz / 1e6).toFixed(2)} MB; first stored by ${kinds.join(", ")}`,
  );
}

const which = process.argv.slice(3);
const variants: Variant[] = [
  { name: "gear 4 KiB (today)", cutItems: false },
  { name: "gear 4 KiB, cut at items", cutItems: true },
  { name: "gear 4 KiB, cut at items, max 16 KiB", cutItems: true, max: 16384 },
  { name: "gear 4 KiB, cut at items and content values", cutItems: true, cut: CONTENT },
  {
    name: "gear 4 KiB, cut at items and content values, max 32 KiB",
    cutItems: true,
    cut: CONTENT,
    max: 32768,
  },
  {
    name: "gear 8 KiB, cut at items and content values, max 32 KiB",
    cutItems: true,
    cut: CONTENT,
    max: 32768,
    bits: 13,
  },
  {
    name: "gear 16 KiB, cut at items and content values, max 32 KiB",
    cutItems: true,
    cut: CONTENT,
    max: 32768,
    bits: 14,
  },
  {
    name: "no gear, cut at items and content values, max 32 KiB",
    cutItems: true,
    cut: CONTENT,
    max: 32768,
    bits: 31,
  },
  {
    name: "gear 16 KiB, cut at items and content values, max 64 KiB",
    cutItems: true,
    cut: CONTENT,
    max: 65536,
    bits: 14,
  },
];
for (const v of variants) if (which.length === 0 || which.some((w) => v.name.includes(w))) run(v);
