// The matchers a taxonomy compiles to. Patterns are user input, so they run on RE2 (re2js): matching is
// linear in the text whatever the pattern, where the native engine backtracks exponentially on
// `(a+)+$`. Aliases and `not` phrases are literals we escape ourselves into native regexps whose only
// quantifier sits between two literal words, so they are linear too and keep their lookbehind.
import { RE2JS } from "re2js";

/** One place a matcher hit: [start, end) in UTF-16 code units. */
export type Span = readonly [number, number];

export interface Matcher {
  /** Source as the user wrote it, for messages. */
  source: string;
  /** Every non-empty match, left to right, never overlapping. */
  spans(text: string): Span[];
}

const SEP = "[\\s\\u00a0]+";
const HYPHEN = "[-\\u2010\\u2011]";
const escapeRe = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Whole-word literal: letters or digits may not touch either end. */
function literal(phrase: string, flags: string, joiner: string): RegExp {
  const words = phrase
    .trim()
    .split(/\s+/u)
    // A word made only of hyphens would overlap the joiner and make the scan quadratic in dash runs.
    .map((w) => w.replace(/^-+|-+$/gu, ""))
    .filter((w) => w !== "")
    .map((w) => escapeRe(w).replace(/-/gu, HYPHEN));
  return new RegExp(`(?<![\\p{L}\\p{N}])${words.join(joiner)}(?![\\p{L}\\p{N}])`, flags);
}

function nativeSpans(re: RegExp, text: string): Span[] {
  const out: Span[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const end = m.index + m[0].length;
    // An empty match would leave lastIndex where it is and loop forever: step over it uncounted.
    if (end === m.index) re.lastIndex = m.index + 1;
    else out.push([m.index, end]);
  }
  return out;
}

/** An acronym ("AMI", "FAIR", "NASA") is matched with its case, so "ami" and "fair" stay words. */
export function isAcronym(alias: string): boolean {
  return !/\p{Ll}/u.test(alias) && (alias.match(/\p{Lu}/gu)?.length ?? 0) >= 2;
}

const aliasCache = new Map<string, RegExp>();

/** Alias: whole words, whitespace- and hyphen-tolerant between words, case-insensitive unless asked. */
export function aliasMatcher(alias: string, caseSensitive: boolean): Matcher {
  const sensitive = caseSensitive || isAcronym(alias);
  const key = `${sensitive ? "s" : "i"}:${alias}`;
  let re = aliasCache.get(key);
  if (!re) {
    re = literal(alias, sensitive ? "gu" : "giu", "[\\s\\u00a0-]+");
    aliasCache.set(key, re);
  }
  const r = re;
  return { source: alias, spans: (text) => nativeSpans(r, text) };
}

/** `not` phrase: exactly as written (case included), whole words, any run of spaces between words. */
export function phraseMatcher(phrase: string): Matcher {
  const re = literal(phrase, "gu", SEP);
  return { source: phrase, spans: (text) => nativeSpans(re, text) };
}

/**
 * The longest run of plain characters every match must contain, or "" when none is certain. Used as a
 * prefilter only (a text without it cannot match), so a run is cut at anything doubtful: a quantifier
 * (which also drops the character it applies to), a group, a class, an escape that is not punctuation.
 */
export function requiredLiteral(source: string): string {
  if (/\(\?[a-zA-Z]/u.test(source)) return ""; // flags such as (?i) change what a literal matches
  let best = "";
  let run = "";
  let depth = 0;
  const cut = () => {
    if (run.length > best.length) best = run;
    run = "";
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string;
    if (c === "\\") {
      const n = source[i + 1] ?? "";
      i++;
      if (depth === 0 && /[.*+?^${}()|[\]\\/-]/u.test(n)) {
        run += n;
        continue;
      }
      cut();
      // Skip the escape's argument too: \p{Greek} \pL \x{41} \x41 \012.
      if (n === "p" || n === "P" || n === "x") {
        if (source[i + 1] === "{") i = Math.max(i, source.indexOf("}", i));
        else i += n === "x" ? 2 : 1;
      } else if (/\d/u.test(n)) while (/\d/u.test(source[i + 1] ?? "")) i++;
      continue;
    }
    if (c === "[") {
      cut();
      // Skip the class: a `]` right after `[` or `[^` is a member, escapes hide the next character.
      let j = i + 1;
      if (source[j] === "^") j++;
      if (source[j] === "]") j++;
      for (; j < source.length && source[j] !== "]"; j++) if (source[j] === "\\") j++;
      i = j;
      continue;
    }
    if (c === "(") {
      cut();
      depth++;
      continue;
    }
    if (c === ")") {
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (c === "|" && depth === 0) return "";
    if (depth > 0) continue;
    if ("*+?{".includes(c)) {
      run = run.slice(0, -1);
      cut();
      continue;
    }
    if (".^$".includes(c)) {
      cut();
      continue;
    }
    run += c;
  }
  cut();
  return best;
}

/** RE2's `\b` is ASCII: a word character is a letter, digit or underscore (NaN, off the text, is not). */
function isWord(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function topLevelAlternation(source: string): boolean {
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (c === "[") {
      let j = i + 1;
      if (source[j] === "^") j++;
      if (source[j] === "]") j++;
      for (; j < source.length && source[j] !== "]"; j++) if (source[j] === "\\") j++;
      i = j;
    } else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) return true;
  }
  return false;
}

export type Compiled = { ok: true; matcher: Matcher } | { ok: false; message: string; fix: string };

// Strings on which a pattern that can match the empty string shows it (at a start, between letters,
// at a word boundary, at a line end).
const EMPTY_PROBES = ["", " ", "aa", "A a. 1\n"];

/** A taxonomy pattern -> an RE2 matcher, or why it is refused. */
export function compilePattern(source: string): Compiled {
  if (/\(\?<?[=!]/u.test(source)) {
    return {
      ok: false,
      message: "uses a lookahead or lookbehind ((?=, (?!, (?<=, (?<!), which linear-time matching cannot run",
      fix: "match the word alone and list its false friends under `not:` (phrases) or `not_patterns:`",
    };
  }
  if (/\\[1-9]|\\k</u.test(source)) {
    return {
      ok: false,
      message: "uses a backreference (\\1, \\k<name>), which linear-time matching cannot run",
      fix: "write the alternatives out, e.g. `(?:aa|bb)` instead of `(a|b)\\1`",
    };
  }
  let re: RE2JS;
  try {
    re = RE2JS.compile(source);
  } catch (e) {
    return {
      ok: false,
      message: `is not a valid regular expression: ${(e as Error).message}`,
      fix: "fix the pattern (RE2 syntax: the JavaScript syntax without lookaround or backreferences)",
    };
  }
  for (const probe of EMPTY_PROBES) {
    const m = re.matcher(probe);
    for (let from = 0; from <= probe.length && m.find(from); from = m.end() + 1) {
      if (m.end() === m.start()) {
        return {
          ok: false,
          message: "can match the empty string, so it would match everywhere",
          fix: "make it require at least one character, e.g. `x+` instead of `x*`",
        };
      }
    }
  }
  const needle = requiredLiteral(source);
  // RE2 jumps to a literal prefix with indexOf but scans a leading `\b` character by character (ten
  // times slower on prose). The same matches come from the rest of the pattern with the boundary
  // checked by hand, as long as `\b` governs every branch (no alternation at the top level).
  let scan = re;
  let boundary = false;
  if (source.startsWith("\\b") && !topLevelAlternation(source)) {
    try {
      scan = RE2JS.compile(source.slice(2));
      boundary = true;
    } catch {
      // keep the pattern whole
    }
  }
  return {
    ok: true,
    matcher: {
      source,
      spans(text) {
        const out: Span[] = [];
        // RE2 in JavaScript scans about 100 times slower than V8's engine; most tags are absent from
        // most articles, and a text without the pattern's literal core cannot match.
        if (needle && !text.includes(needle)) return out;
        const m = scan.matcher(text);
        let from = 0;
        while (from <= text.length && m.find(from)) {
          const [s, e] = [m.start(), m.end()];
          if (boundary && isWord(text.charCodeAt(s - 1)) === isWord(text.charCodeAt(s))) from = s + 1;
          // Refused above when probes show it, but never trusted: an empty match is stepped over.
          else if (e === s) from = e + 1;
          else {
            out.push([s, e]);
            from = e;
          }
        }
        return out;
      },
    },
  };
}
