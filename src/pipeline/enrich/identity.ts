// Ids and slugs come from the file name alone, so editing an article's text or title never changes
// its URL or its feed id (readers would show it again as new).
import { createHash } from "node:crypto";
import anyAscii from "any-ascii";

// A letter or digit outside the Latin script that does not fold to ASCII by itself ("東", "ニ", "ж",
// "٣"): such runs are transliterated (any-ascii, a fixed table: the same name always gives the same
// slug). Latin letters never are, so every existing Latin name keeps its slug and its id.
const FOREIGN = /(?:(?![\p{Script=Latin}])[\p{L}\p{N}][\p{M}]*)+/gu;

function transliterate(s: string): string {
  return s.normalize("NFC").replace(FOREIGN, (run) => {
    const folded = run.normalize("NFKD").replace(/\p{M}+/gu, "");
    if (/^[A-Za-z0-9]+$/u.test(folded)) return folded; // fullwidth letters, circled digits...
    return ` ${anyAscii(run)} `;
  });
}

export function slugify(s: string): string {
  return transliterate(s)
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** `sub/000_abc.txt` -> `000-abc`. */
export function slugFromPath(rel: string): string {
  const base = rel.split("/").pop() ?? rel;
  return slugify(base.replace(/\.[^.]+$/, ""));
}

// Fixed namespace: the same slug gives the same id on every machine and every build.
const NAMESPACE = "feed-aggregator:article:";

/** RFC 4122 name-based (SHA-1, version 5 layout) UUID as a URN: valid as RSS guid, Atom id and JSON id. */
export function articleId(slug: string): string {
  const h = createHash("sha1")
    .update(NAMESPACE + slug)
    .digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString("hex");
  return `urn:uuid:${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}
