// Stories: captures of the same news from different sources. Different sites rewrite a story in their
// own words, so exact near-duplicate fingerprints (shingles) miss them; what they keep is vocabulary:
// the same names, places and terms. Method (documented in corpus/README.md):
//   1. tokens of the cleaned title + text: lowercased, accents folded, stopwords and short tokens dropped;
//   2. TF-IDF vectors (tf = 1 + ln count, idf = ln((N + 1) / (df + 1)) + 1), L2-normalised;
//   3. candidates: articles sharing at least MIN_SHARED of their TOP_TERMS heaviest terms (an inverted
//      index over top terms keeps this near-linear; terms in more than MAX_POSTING articles are skipped);
//   4. cosine similarity >= THRESHOLD links two articles; stories are the connected components;
//   5. each article's related list is the rest of its story, most similar first.

export const THRESHOLD = 0.15;
export const TOP_TERMS = 48;
export const MIN_SHARED = 2;
const MAX_POSTING = 500;

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

export interface StoryInput {
  id: string;
  /** Sort key: earlier articles name the story. */
  date: string;
  text: string;
}

export interface StoryResult {
  story: string;
  related: string[];
  /** Similarity to each related article, same order (for the build report). */
  scores: number[];
}

type Vec = Map<string, number>;

function cosine(a: Vec, b: Vec): number {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [t, w] of small) {
    const v = big.get(t);
    if (v !== undefined) s += w * v;
  }
  return s;
}

/** L2-normalised TF-IDF vectors, IDF computed over the given texts. */
function vectorise(texts: readonly string[]): Vec[] {
  const n = texts.length;
  const counts = texts.map((text) => {
    const c = new Map<string, number>();
    for (const t of storyTokens(text)) c.set(t, (c.get(t) ?? 0) + 1);
    return c;
  });
  const df = new Map<string, number>();
  for (const c of counts) for (const t of c.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  return counts.map((c) => {
    const v: Vec = new Map();
    let norm = 0;
    for (const [t, k] of c) {
      const w = (1 + Math.log(k)) * (Math.log((n + 1) / ((df.get(t) ?? 0) + 1)) + 1);
      v.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [t, w] of v) v.set(t, w / norm);
    return v;
  });
}

export function groupStories(inputs: readonly StoryInput[]): Map<string, StoryResult> {
  const n = inputs.length;
  const vecs = vectorise(inputs.map((d) => d.text));

  // Deterministic top terms: weight desc, then term.
  const top = vecs.map((v) =>
    [...v.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, TOP_TERMS)
      .map(([t]) => t),
  );
  const postings = new Map<string, number[]>();
  top.forEach((terms, i) => {
    for (const t of terms) {
      const p = postings.get(t);
      if (p) p.push(i);
      else postings.set(t, [i]);
    }
  });

  const parent = inputs.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] ?? r;
    while (parent[i] !== r) {
      const next = parent[i] ?? r;
      parent[i] = r;
      i = next;
    }
    return r;
  };
  const pairScore = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const shared = new Map<number, number>();
    for (const t of top[i] ?? []) {
      const p = postings.get(t) ?? [];
      if (p.length > MAX_POSTING) continue;
      for (const j of p) if (j > i) shared.set(j, (shared.get(j) ?? 0) + 1);
    }
    for (const [j, k] of shared) {
      if (k < MIN_SHARED) continue;
      const s = cosine(vecs[i] ?? new Map(), vecs[j] ?? new Map());
      pairScore.set(`${i},${j}`, s);
      if (s >= THRESHOLD) parent[find(i)] = find(j);
    }
  }

  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    const m = members.get(r);
    if (m) m.push(i);
    else members.set(r, [i]);
  }
  const out = new Map<string, StoryResult>();
  for (const group of members.values()) {
    const ordered = [...group].sort((a, b) => {
      const da = inputs[a]?.date ?? "";
      const db = inputs[b]?.date ?? "";
      return da < db ? -1 : da > db ? 1 : (inputs[a]?.id ?? "") < (inputs[b]?.id ?? "") ? -1 : 1;
    });
    const story = inputs[ordered[0] ?? 0]?.id ?? "";
    for (const i of group) {
      const others = group
        .filter((j) => j !== i)
        .map((j) => {
          const key = i < j ? `${i},${j}` : `${j},${i}`;
          const s = pairScore.get(key) ?? cosine(vecs[i] ?? new Map(), vecs[j] ?? new Map());
          return { id: inputs[j]?.id ?? "", s };
        })
        .sort((a, b) => b.s - a.s || (a.id < b.id ? -1 : 1));
      out.set(inputs[i]?.id ?? "", {
        story,
        related: others.map((o) => o.id),
        scores: others.map((o) => Math.round(o.s * 1000) / 1000),
      });
    }
  }
  return out;
}

/** Pairwise similarities of a small set, for calibrating THRESHOLD in tests. */
export function similarityMatrix(texts: readonly string[]): number[][] {
  const vecs = vectorise(texts);
  return vecs.map((a) => vecs.map((b) => Math.round(cosine(a, b) * 1000) / 1000));
}
