// Conditional GET per RFC 9110 §13.2.2: If-None-Match (weak comparison) decides when present; only when
// it is absent does If-Modified-Since count. Evaluated before any body work.
import { parseHttpDate } from "./http-date";

/** Opaque tags (the quoted part) of an If-None-Match list; "*" -> "*"; malformed -> null. */
export function parseIfNoneMatch(value: string): string[] | "*" | null {
  const v = value.trim();
  if (v === "*") return "*";
  if (v.length > 8192) return null;
  const tags: string[] = [];
  let i = 0;
  while (i < v.length) {
    while (i < v.length && (v[i] === " " || v[i] === "\t" || v[i] === ",")) i++;
    if (i >= v.length) break;
    if (v.startsWith("W/", i)) i += 2;
    if (v[i] !== '"') return null;
    const end = v.indexOf('"', i + 1);
    if (end < 0) return null;
    const opaque = v.slice(i + 1, end);
    // etagc = %x21 / %x23-7E / obs-text
    for (let k = 0; k < opaque.length; k++) {
      const c = opaque.charCodeAt(k);
      if (c < 0x21 || c === 0x22 || c === 0x7f) return null;
    }
    tags.push(opaque);
    i = end + 1;
    while (i < v.length && (v[i] === " " || v[i] === "\t")) i++;
    if (i < v.length && v[i] !== ",") return null;
  }
  return tags;
}

/** The opaque part of one of our (strong, quoted) ETags. */
function opaqueOf(etag: string): string {
  const e = etag.startsWith("W/") ? etag.slice(2) : etag;
  return e.startsWith('"') && e.endsWith('"') ? e.slice(1, -1) : e;
}

/**
 * True when a GET/HEAD should be answered 304. `lastModifiedMs` is the representation's
 * Last-Modified; `now` only resolves obsolete two-digit years (called only for an If-Modified-Since).
 */
export function notModified(
  headers: Headers,
  etag: string,
  lastModifiedMs: number,
  now: () => number = Date.now,
): boolean {
  const inm = headers.get("if-none-match");
  // The usual case, a client sending back the one ETag it was given: no list to parse.
  if (inm === etag) return true;
  if (inm !== null) {
    const tags = parseIfNoneMatch(inm);
    if (tags === "*") return true;
    if (tags === null) return false;
    const ours = opaqueOf(etag);
    return tags.includes(ours);
  }
  const ims = headers.get("if-modified-since");
  if (ims === null || Number.isNaN(lastModifiedMs)) return false;
  const since = parseHttpDate(ims, now());
  return since !== null && lastModifiedMs <= since;
}
