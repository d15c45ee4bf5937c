// The body metric of public article-extraction benchmarks, as ../shared/eval/score.py computes it:
// precision, recall and F1 over multisets of 4-token shingles, normalised per page, then averaged.
// Tokens are `\w+` runs in Python's Unicode sense (letters, numbers, underscore; not combining marks).

const WORD = /[\p{L}\p{N}_]+/gu;

export function shingles(text: string, n = 4): Map<string, number> {
  const t = text.match(WORD) ?? [];
  const out = new Map<string, number>();
  const count = Math.max(1, t.length - n + 1);
  for (let i = 0; i < count; i++) {
    const s = t.slice(i, i + n);
    if (s.length === 0) continue;
    const k = s.join("\u0001");
    out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

export interface PageScore {
  /** Shares of the union: true positives, false positives, false negatives. */
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export function scorePage(gold: string, predicted: string): PageScore {
  const g = shingles(gold);
  const p = shingles(predicted);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [k, c] of p) {
    const gc = g.get(k) ?? 0;
    tp += Math.min(c, gc);
    fp += Math.max(0, c - gc);
  }
  for (const [k, c] of g) fn += Math.max(0, c - (p.get(k) ?? 0));
  const s = tp + fp + fn;
  const [a, b, c] = s ? [tp / s, fp / s, fn / s] : [0, 0, 0];
  const precision = a + b ? a / (a + b) : 0;
  const recall = a + c ? a / (a + c) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp: a, fp: b, fn: c, precision, recall, f1 };
}

export interface Overall {
  precision: number;
  recall: number;
  f1: number;
  pages: number;
}

/** Mean precision over pages that produced text, mean recall over pages whose gold has text. */
export function overall(pages: readonly PageScore[]): Overall {
  const ps = pages.filter((p) => p.tp + p.fp > 0).map((p) => p.tp / (p.tp + p.fp));
  const rs = pages.filter((p) => p.tp + p.fn > 0).map((p) => p.tp / (p.tp + p.fn));
  const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);
  const precision = mean(ps);
  const recall = mean(rs);
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, pages: pages.length };
}
