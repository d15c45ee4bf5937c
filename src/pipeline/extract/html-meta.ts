// What a saved page declares about itself, read before anything is guessed from its text: JSON-LD
// (NewsArticle/Article and kin), OpenGraph and article:* tags, <meta name="author">, <time datetime>,
// <html lang>, the canonical link. Earlier sources in each list win; values that do not parse are
// dropped with a warning rather than trusted.
import { parseGivenDate } from "../read/dates";
import type { DomDocument } from "./html-dom";
import { decodeEntities } from "./markdown";
import { collapse } from "./text";

export interface Declared {
  title?: string;
  summary?: string;
  published?: string;
  updated?: string;
  authors?: string[];
  publisher?: string;
  language?: string;
  url?: string;
  keywords?: string[];
  /** Line in the page where each field was declared, for messages. */
  lines: Partial<Record<string, number>>;
  warnings: { line: number; message: string; fix: string }[];
}

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

// JSON-LD strings are often written HTML-escaped ("&#163;71m"); meta attributes are decoded by the parser.
const text = (s: string): string => collapse(decodeEntities(s));
const isObj = (j: Json | undefined): j is Obj => typeof j === "object" && j !== null && !Array.isArray(j);
const ARTICLE_TYPE = /(?:Article|BlogPosting|Report|NewsArticle)$/;

function flatten(j: Json, out: Obj[]): void {
  if (Array.isArray(j)) for (const x of j) flatten(x, out);
  else if (isObj(j)) {
    out.push(j);
    if (j["@graph"] !== undefined) flatten(j["@graph"], out);
  }
}

function types(o: Obj): string[] {
  const t = o["@type"];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === "string");
}

/** A name out of a string, a {name} object or a list of either. */
function names(j: Json | undefined): string[] {
  if (j === undefined || j === null) return [];
  if (typeof j === "string") return text(j) ? [text(j)] : [];
  if (Array.isArray(j)) return j.flatMap(names);
  if (isObj(j)) return names(j.name);
  return [];
}

function str(j: Json | undefined): string | undefined {
  if (typeof j === "string" && text(j) !== "") return text(j);
  if (Array.isArray(j)) return str(j[0]);
  if (isObj(j)) return str(j.name ?? j["@id"] ?? j.url);
  return undefined;
}

/** `en-GB`, `en_US` -> `en`; anything that is not a language tag is ignored. */
export function primaryLanguage(v: string | undefined): string | undefined {
  const m = /^([a-z]{2,3})(?:[-_][a-z0-9]+)*$/i.exec((v ?? "").trim());
  return m?.[1]?.toLowerCase();
}

/** Declared dates come in many shapes; RFC 3339 first, then what Date.parse reads unambiguously. */
export function date(v: string | undefined): string | null {
  if (!v) return null;
  const s = v.trim().replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  const r = parseGivenDate(s);
  if (r.ok) return r.iso;
  // RFC 2822 ("Fri, 10 May 2019 12:00:00 GMT") and kin: only with a year and an explicit zone.
  if (/\b\d{4}\b/.test(s) && /(?:GMT|UTC|Z|[+-]\d{2}:?\d{2})$/i.test(s)) {
    const t = Date.parse(s);
    if (!Number.isNaN(t)) return new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z");
  }
  return null;
}

function absoluteUrl(v: string | undefined): string | undefined {
  if (!v) return undefined;
  try {
    const u = new URL(v.trim());
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : undefined;
  } catch {
    return undefined;
  }
}

function lineOf(source: string, needle: string): number {
  const i = source.indexOf(needle);
  if (i < 0) return 1;
  let n = 1;
  for (let k = source.indexOf("\n"); k >= 0 && k < i; k = source.indexOf("\n", k + 1)) n++;
  return n;
}

export function readDeclared(document: DomDocument, source: string): Declared {
  const d: Declared = { lines: {}, warnings: [] };
  const meta = (attr: string, key: string): string | undefined => {
    for (const m of Array.from(document.querySelectorAll(`meta[${attr}]`))) {
      if ((m.getAttribute(attr) ?? "").toLowerCase() !== key) continue;
      const c = collapse(m.getAttribute("content") ?? "");
      if (c) return c;
    }
    return undefined;
  };
  const metaAll = (attr: string, key: string): string[] =>
    Array.from(document.querySelectorAll(`meta[${attr}]`))
      .filter((m) => (m.getAttribute(attr) ?? "").toLowerCase() === key)
      .map((m) => collapse(m.getAttribute("content") ?? ""))
      .filter((c) => c !== "");

  let ld: Obj | undefined;
  for (const s of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    const raw = s.textContent ?? "";
    let parsed: Json;
    try {
      parsed = JSON.parse(raw) as Json;
    } catch {
      d.warnings.push({
        line: lineOf(source, raw.slice(0, 40)),
        message: "has a JSON-LD block that is not valid JSON; its metadata was ignored",
        fix: "give the fields in a <name>.meta.yaml sidecar if the build got them wrong",
      });
      continue;
    }
    const all: Obj[] = [];
    flatten(parsed, all);
    ld = all.find((o) => types(o).some((t) => ARTICLE_TYPE.test(t)));
    if (ld) break;
  }

  const set = <K extends keyof Omit<Declared, "lines" | "warnings">>(
    k: K,
    v: Declared[K] | undefined,
    needle: string,
  ) => {
    if (v === undefined || d[k] !== undefined || (Array.isArray(v) && v.length === 0)) return;
    d[k] = v;
    d.lines[k] = lineOf(source, needle);
  };
  const dated = (k: "published" | "updated", v: string | undefined, needle: string) => {
    if (!v || d[k] !== undefined) return;
    const iso = date(v);
    if (iso) set(k, iso, needle);
    else
      d.warnings.push({
        line: lineOf(source, needle),
        message: `declares ${k === "published" ? "a publication" : "an update"} date "${v}" that is not a date; it was ignored`,
        fix: `give \`${k}: YYYY-MM-DD\` in a <name>.meta.yaml sidecar`,
      });
  };

  if (ld) {
    set("title", str(ld.headline) ?? str(ld.name), "headline");
    // A page without a description often gives its standfirst as the alternative headline.
    set("summary", str(ld.description) ?? str(ld.alternativeHeadline), "description");
    dated("published", str(ld.datePublished), "datePublished");
    dated("updated", str(ld.dateModified), "dateModified");
    set("authors", names(ld.author), '"author"');
    set("publisher", names(ld.publisher)[0], '"publisher"');
    set("language", primaryLanguage(str(ld.inLanguage)), "inLanguage");
    const kw = ld.keywords;
    set(
      "keywords",
      typeof kw === "string" ? kw.split(",").map(collapse).filter(Boolean) : names(kw),
      "keywords",
    );
  }
  set("title", meta("property", "og:title"), "og:title");
  set("summary", meta("property", "og:description") ?? meta("name", "description"), "description");
  dated("published", meta("property", "article:published_time"), "article:published_time");
  dated("updated", meta("property", "article:modified_time"), "article:modified_time");
  // article:author is often a profile URL: only names count.
  const authorTags = [...metaAll("property", "article:author"), ...metaAll("name", "author")];
  set("authors", [...new Set(authorTags.filter((a) => !/^https?:/i.test(a)))], "author");
  set("publisher", meta("property", "og:site_name"), "og:site_name");
  set("keywords", metaAll("property", "article:tag"), "article:tag");
  const time = document.querySelector("time[datetime]")?.getAttribute("datetime") ?? undefined;
  if (time && date(time)) set("published", date(time) ?? undefined, "datetime=");
  set("language", primaryLanguage(document.documentElement?.getAttribute("lang") ?? undefined), "lang=");
  set("language", primaryLanguage(meta("property", "og:locale")), "og:locale");
  const canonical = Array.from(document.querySelectorAll("link[rel]")).find((l) =>
    (l.getAttribute("rel") ?? "").toLowerCase().split(/\s+/).includes("canonical"),
  );
  set("url", absoluteUrl(canonical?.getAttribute("href") ?? undefined), "canonical");
  set("url", absoluteUrl(meta("property", "og:url")), "og:url");
  if (ld) set("url", absoluteUrl(str(ld.url) ?? str(ld.mainEntityOfPage)), '"url"');
  return d;
}
