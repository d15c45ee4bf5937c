// The eval's body metric must equal ../shared/eval/score.py's (figures are compared with published ones).
import { describe, expect, it } from "vitest";
import { overall, scorePage } from "../../../scripts/eval/score";

describe("shingle score", () => {
  it.each([
    { gold: "a b c d e", pred: "a b c d e", p: 1, r: 1 },
    { gold: "a b c d e", pred: "", p: 0, r: 0 },
    { gold: "a b c d e", pred: "a b c d e f g h", p: 2 / 5, r: 1 },
    { gold: "a b c d e f g h", pred: "a b c d", p: 1, r: 1 / 5 },
    // Python's \w: letters and digits of any script, not punctuation.
    { gold: "Материалы по теме, 2019 — да", pred: "Материалы по теме 2019 да!", p: 1, r: 1 },
    // Fewer than four tokens: one short shingle, as score.py makes it.
    { gold: "one two", pred: "one two", p: 1, r: 1 },
  ])("$gold | $pred", ({ gold, pred, p, r }) => {
    const s = scorePage(gold, pred);
    expect(s.precision).toBeCloseTo(p, 10);
    expect(s.recall).toBeCloseTo(r, 10);
  });

  it("averages precision over pages with output and recall over pages with gold", () => {
    const o = overall([scorePage("a b c d", "a b c d"), scorePage("a b c d", "")]);
    expect(o.precision).toBe(1);
    expect(o.recall).toBe(0.5);
    expect(o.f1).toBeCloseTo(2 / 3, 10);
  });
});
