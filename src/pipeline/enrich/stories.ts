// Stories: captures of the same news from different sources. Different sites rewrite a story in their
// own words, so exact near-duplicate fingerprints (shingles) miss them; what they keep is vocabulary:
// the same names, places and terms. Method (documented in corpus/README.md):
//   1. tokens of the cleaned title + text: lowercased, accents folded, stopwords and short tokens dropped;
//   2. TF-IDF vectors (tf = 1 + ln count, idf = ln((N + 1) / (df + 1)) + 1), L2-normalised, keeping the
//      VEC_TERMS heaviest of the terms at least two articles share (only those can add to a cosine);
//   3. candidates: articles sharing at least MIN_SHARED of their TOP_TERMS heaviest terms, through an
//      inverted index whose lists stop at MAX_POSTING articles (a term that common names a beat, not a
//      story), keeping each article's CANDIDATES best; this keeps the work linear in corpus size;
//   4. cosine >= THRESHOLD links two articles, and a story is a connected component of links;
//   5. on a corpus that covers one beat, weak links chain unrelated articles into one huge component, so a
//      component larger than MAX_STORY is split again with a threshold raised by STEP, until it fits;
//   6. each article's related list is the rest of its story, most similar first, at most MAX_RELATED.

export const THRESHOLD = 0.15;
export const STEP = 0.05;
export const MAX_STORY = 20;
export const MAX_RELATED = 10;
export const TOP_TERMS = 48;
export const MIN_SHARED = 2;
const VEC_TERMS = 200;
const MAX_POSTING = 100;
const CANDIDATES = 40;

const STOP = new Set(
  (
    "the and for are but not you all any can had her was one our out his has have him its into more most " +
    "other some such than that then there these they this those through too very what when where which while " +
    "who whom why will with would could should about above after again against also been before being below " +
    "between both does doing down during each from further here how just like made make many may might much " +
    "must now off once only over own same she said says say their them themselves under until upon were your " +
    "yours even still yet every because since though however within without whether among around " +
    "les des une est pour par dans sur avec qui que pas plus ont ses aux ete sont elle ils mais comme tout " +
    "leur leurs cette ces son sa nous vous etait entre aussi apres avant sans sous chez dont fait faire " +
    "der die das und den dem des ein eine einer ist nicht mit von auf fur sich auch als wie bei nach zum zur " +
    "los las del por para con una sus como mas pero sobre entre tambien"
  ).split(" "),
);

export function storyTokens(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length >= 3 && !STOP.has(t) && !/^\d+$/.test(t));
}

/**
 * A text's story terms, as vectorise reads them: its distinct storyTokens in first-seen order, each
 * followed by its count, space-separated ("llama 3 meta 1"; a token never holds a space). Made by the
 * extraction threads with each draft, so the one-thread enrich stage never tokenises a text again, and
 * a string so that it waits on disk with the article's other texts (spill.ts).
 */
export function storyTerms(text: string): string {
  const counts = new Map<string, number>();
  for (const t of storyTokens(text)) counts.set(t, (counts.get(t) ?? 0) + 1);
  let out = "";
  for (const [t, k] of counts) out += out === "" ? `${t} ${k}` : ` ${t} ${k}`;
  return out;
}

export interface StoryInput {
  id: string;
  /**
   * Sort key: the earliest names the story. The build passes when the article entered the corpus (its
   * captured date, else its date), so an article that joins a story later never renames it, whatever its
   * publication date: only a split or a merge changes a story's id.
   */
  date: string;
  /** storyTerms() of the article's title, dek and body. */
  terms: string;
}

export interface StoryResult {
  story: string;
  related: string[];
  /** Similarity to each related article, same order (for the build report). */
  scores: number[];
}

/** Sparse vector: term ids ascending, with their weights. */
interface Vec {
  ids: Int32Array;
  weights: Float64Array;
  /** Term ids by weight, heaviest first (ties by id), for the candidate index. */
  top: number[];
}

function cosine(a: Vec, b: Vec): number {
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i] ?? 0;
    const y = b.ids[j] ?? 0;
    if (x === y) s += (a.weights[i++] ?? 0) * (b.weights[j++] ?? 0);
    else if (x < y) i++;
    else j++;
  }
  return s;
}

function vectorise(inputs: readonly StoryInput[]): Vec[] {
  const n = inputs.length;
  const dict = new Map<string, number>();
  // Each article's terms are read once and kept as two typed arrays in first-seen order (what a Map
  // would iterate): a Map per article held for the whole corpus costs several times its text.
  const counts = inputs.map(({ terms }) => {
    const parts = terms === "" ? [] : terms.split(" ");
    const ids = new Int32Array(parts.length / 2);
    const ks = new Int32Array(parts.length / 2);
    for (let j = 0; j < ids.length; j++) {
      const t = parts[2 * j] as string;
      let id = dict.get(t);
      if (id === undefined) {
        id = dict.size;
        dict.set(t, id);
      }
      ids[j] = id;
      ks[j] = Number(parts[2 * j + 1]);
    }
    return { ids, ks };
  });
  const df = new Int32Array(dict.size);
  for (const c of counts) for (const id of c.ids) df[id] = (df[id] ?? 0) + 1;
  return counts.map(({ ids, ks }) => {
    const weighted = Array.from(
      ids,
      (id, j) =>
        [id, (1 + Math.log(ks[j] as number)) * (Math.log((n + 1) / ((df[id] ?? 0) + 1)) + 1)] as const,
    );
    // The norm covers every term, but only terms another article also has can add to a dot product, so
    // the vector keeps just those (the heaviest VEC_TERMS): cosines stay exact while memory stays bounded.
    const norm = Math.sqrt(weighted.reduce((s, [, w]) => s + w * w, 0)) || 1;
    const kept = weighted.filter(([id]) => (df[id] ?? 0) >= 2);
    kept.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    kept.length = Math.min(kept.length, VEC_TERMS);
    const byId = [...kept].sort((a, b) => a[0] - b[0]);
    return {
      ids: Int32Array.from(byId, ([id]) => id),
      weights: Float64Array.from(byId, ([, w]) => w / norm),
      top: kept.slice(0, TOP_TERMS).map(([id]) => id),
    };
  });
}

interface Link {
  a: number;
  b: number;
  score: number;
}

/** Links between candidate pairs with cosine >= THRESHOLD (a < b, deterministic order). */
function findLinks(vecs: readonly Vec[]): Link[] {
  const postings = new Map<number, number[]>();
  vecs.forEach((v, i) => {
    for (const t of v.top) {
      const p = postings.get(t);
      if (p) p.push(i);
      else postings.set(t, [i]);
    }
  });
  const links: Link[] = [];
  const shared = new Map<number, number>();
  for (let i = 0; i < vecs.length; i++) {
    const v = vecs[i] as Vec;
    shared.clear();
    for (const t of v.top) {
      const p = postings.get(t) ?? [];
      if (p.length > MAX_POSTING) continue;
      for (const j of p) if (j > i) shared.set(j, (shared.get(j) ?? 0) + 1);
    }
    const best = [...shared]
      .filter(([, k]) => k >= MIN_SHARED)
      .sort((x, y) => y[1] - x[1] || x[0] - y[0])
      .slice(0, CANDIDATES);
    for (const [j] of best) {
      const score = cosine(v, vecs[j] as Vec);
      if (score >= THRESHOLD) links.push({ a: i, b: j, score });
    }
  }
  return links;
}

/** Connected components of `members` over links scoring >= `threshold`; oversized ones split stricter. */
function components(members: readonly number[], links: readonly Link[], threshold: number): number[][] {
  const parent = new Map<number, number>(members.map((m) => [m, m]));
  const find = (x: number): number => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r) ?? r;
    while (parent.get(x) !== r) {
      const next = parent.get(x) ?? r;
      parent.set(x, r);
      x = next;
    }
    return r;
  };
  const strong = links.filter((l) => l.score >= threshold);
  for (const l of strong) parent.set(find(l.a), find(l.b));
  const groups = new Map<number, number[]>();
  for (const m of members) {
    const r = find(m);
    const g = groups.get(r);
    if (g) g.push(m);
    else groups.set(r, [m]);
  }
  const out: number[][] = [];
  for (const g of groups.values()) {
    if (g.length <= MAX_STORY || threshold >= 1) {
      out.push(g);
      continue;
    }
    const inside = new Set(g);
    out.push(
      ...components(
        g,
        strong.filter((l) => inside.has(l.a) && inside.has(l.b)),
        threshold + STEP,
      ),
    );
  }
  return out;
}

export function groupStories(inputs: readonly StoryInput[]): Map<string, StoryResult> {
  const vecs = vectorise(inputs);
  const links = findLinks(vecs);
  const score = new Map<string, number>(links.map((l) => [`${l.a},${l.b}`, l.score]));
  const out = new Map<string, StoryResult>();
  for (const group of components(
    inputs.map((_, i) => i),
    links,
    THRESHOLD,
  )) {
    const ordered = [...group].sort((a, b) => {
      const da = inputs[a]?.date ?? "";
      const db = inputs[b]?.date ?? "";
      return da < db ? -1 : da > db ? 1 : (inputs[a]?.id ?? "") < (inputs[b]?.id ?? "") ? -1 : 1;
    });
    const story = inputs[ordered[0] ?? 0]?.id ?? "";
    for (const i of group) {
      const others = group
        .filter((j) => j !== i)
        .map((j) => ({
          id: inputs[j]?.id ?? "",
          s: score.get(i < j ? `${i},${j}` : `${j},${i}`) ?? cosine(vecs[i] as Vec, vecs[j] as Vec),
        }))
        .sort((a, b) => b.s - a.s || (a.id < b.id ? -1 : 1))
        .slice(0, MAX_RELATED);
      out.set(inputs[i]?.id ?? "", {
        story,
        related: others.map((o) => o.id),
        scores: others.map((o) => Math.round(o.s * 1000) / 1000),
      });
    }
  }
  return out;
}
