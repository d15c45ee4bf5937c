// Near-duplicate texts: the same article reached through two doors (a wire story in two feeds, a page
// saved and pasted). Unlike stories (stories.ts), which link different write-ups of one event by
// vocabulary, this asks whether two cleaned bodies are the same text: word 5-shingles compared by
// Jaccard similarity (and containment, for a feed's excerpt of a full page). Candidates come from
// MinHash signatures bucketed by bands (LSH), so the work stays linear in the corpus; every candidate
// is then scored exactly on its shingle sets, so the decision never depends on hashing luck.
// Thresholds were measured (corpus/README.md, "One story, many sources"; `npx tsx scripts/dev/dups.ts`).

/** Word 5-grams: long enough that two independent write-ups of one event share almost none. */
export const SHINGLE = 5;
/** Same text at or above this Jaccard similarity of shingle sets... */
export const JACCARD = 0.5;
/** ...when both have at least this many shingles (about 25 words): a few lines are too little evidence. */
export const MIN_SHINGLES = 20;
/** Or: the smaller text lies at least this much inside the larger (an excerpt of it)... */
export const CONTAINMENT = 0.8;
/** ...when it has at least this many shingles (a short text is contained in too many others). */
export const MIN_CONTAINED = 40;

const HASHES = 64;
const ROWS = 2; // 32 bands of 2: a pair at Jaccard 0.5 is a candidate with probability 1 - 0.75^32
const MAX_BUCKET = 50; // a bucket this full holds shared boilerplate, not one duplicated text

/** Lowercased, accents folded, split into words; a CJK or Thai character is a word by itself. */
export function dupTokens(text: string): string[] {
  return (
    text
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      .match(
        /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]|[\p{L}\p{N}]+/gu,
      ) ?? []
  );
}

/** FNV-1a, 32 bits: fixed, so the same text gives the same shingles on every machine. */
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** fnv(words.slice(from, to).join(" ")), without building the string. */
function fnvWords(words: readonly string[], from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let k = from; k < to; k++) {
    if (k > from) {
      h ^= 32;
      h = Math.imul(h, 0x01000193);
    }
    const w = words[k] as string;
    for (let i = 0; i < w.length; i++) {
      h ^= w.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  }
  return h >>> 0;
}

export function shingles(text: string): Set<number> {
  const t = dupTokens(text);
  const out = new Set<number>();
  if (t.length > 0 && t.length < SHINGLE) out.add(fnv(t.join(" ")));
  for (let i = 0; i + SHINGLE <= t.length; i++) out.add(fnvWords(t, i, i + SHINGLE));
  return out;
}

function mix(x: number, seed: number): number {
  let h = Math.imul(x ^ seed, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const SEEDS = Array.from({ length: HASHES }, (_, i) => mix(i + 1, 0x9e3779b9));

function signature(set: Set<number>): number[] {
  const sig = new Array<number>(HASHES).fill(0xffffffff);
  for (const x of set)
    for (let i = 0; i < HASHES; i++) {
      const v = mix(x, SEEDS[i] as number);
      if (v < (sig[i] as number)) sig[i] = v;
    }
  return sig;
}

export interface Similarity {
  jaccard: number;
  containment: number;
  smaller: number;
}

export function similarity(a: Set<number>, b: Set<number>): Similarity {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  return measures(a.size, b.size, shared);
}

function measures(sizeA: number, sizeB: number, shared: number): Similarity {
  const smaller = Math.min(sizeA, sizeB);
  const union = sizeA + sizeB - shared;
  return {
    jaccard: union === 0 ? 0 : shared / union,
    containment: smaller === 0 ? 0 : shared / smaller,
    smaller,
  };
}

/** similarity() of two sets given as sorted arrays: one merge, no hashing. */
function sortedSimilarity(a: Uint32Array, b: Uint32Array): Similarity {
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return measures(a.length, b.length, shared);
}

/** Why two texts are one, or null. */
export function sameText(s: Similarity): string | null {
  if (s.smaller >= MIN_SHINGLES && s.jaccard >= JACCARD)
    return `near-duplicate text (Jaccard ${s.jaccard.toFixed(2)} >= ${JACCARD})`;
  if (s.smaller >= MIN_CONTAINED && s.containment >= CONTAINMENT)
    return `one text contains the other (${(s.containment * 100).toFixed(0)}% of the shorter one's shingles)`;
  return null;
}

export interface DupPair {
  a: number;
  b: number;
  reason: string;
}

/**
 * What nearDuplicates needs of one text: its shingles, sorted, and their MinHash signature (null for a
 * text without words). Pure over the text, so the extraction threads make it with each draft, and the
 * one-thread enrich stage never tokenises a body again.
 */
export interface TextPrint {
  shingles: Uint32Array;
  signature: Uint32Array | null;
}

export function textPrint(text: string): TextPrint {
  const set = shingles(text);
  return {
    shingles: Uint32Array.from(set).sort(),
    signature: set.size > 0 ? Uint32Array.from(signature(set)) : null,
  };
}

/** Every pair of `items` (by index, a < b, in ascending order) whose texts sameText() calls one text. */
export function nearDuplicates<T>(items: readonly T[], printOf: (item: T) => TextPrint): DupPair[] {
  const buckets = new Map<string, number[]>();
  const prints = items.map((item, i) => {
    const print = printOf(item);
    const sig = print.signature;
    if (sig !== null) {
      for (let band = 0; band < HASHES / ROWS; band++) {
        const key = `${band}:${sig.slice(band * ROWS, band * ROWS + ROWS).join(",")}`;
        const list = buckets.get(key);
        if (list) list.push(i);
        else buckets.set(key, [i]);
      }
    }
    return print.shingles;
  });
  const seen = new Set<number>();
  const pairs: DupPair[] = [];
  for (const list of buckets.values()) {
    if (list.length < 2 || list.length > MAX_BUCKET) continue;
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) {
        const a = list[x] as number;
        const b = list[y] as number;
        const key = a * items.length + b;
        if (seen.has(key)) continue;
        seen.add(key);
        const reason = sameText(sortedSimilarity(prints[a] as Uint32Array, prints[b] as Uint32Array));
        if (reason) pairs.push({ a, b, reason });
      }
  }
  return pairs.sort((p, q) => p.a - q.a || p.b - q.b);
}
