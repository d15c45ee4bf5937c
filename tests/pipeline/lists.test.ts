import { describe, expect, it } from "vitest";
import { IntList, U32List } from "../../src/pipeline/lists";

describe("U32List", () => {
  it.each<[string, (l: U32List) => void, number[]]>([
    ["empty", () => {}, []],
    [
      "pushes in order",
      (l) => {
        for (const x of [1, 2, 3]) l.push(x);
      },
      [1, 2, 3],
    ],
    ["the largest value (GAP)", (l) => l.push(0xffffffff), [0xffffffff]],
    [
      "grows past its first capacity",
      (l) => {
        for (let i = 0; i < 3000; i++) l.push(i);
      },
      Array.from({ length: 3000 }, (_, i) => i),
    ],
    [
      "set past the end fills with 0",
      (l) => {
        l.push(7);
        l.set(3, 9);
      },
      [7, 0, 0, 9],
    ],
    [
      "set inside replaces",
      (l) => {
        l.push(1);
        l.push(2);
        l.set(0, 5);
      },
      [5, 2],
    ],
  ])("%s", (_, fill, want) => {
    const l = new U32List();
    fill(l);
    expect(l.length).toBe(want.length);
    expect([...l.view()]).toEqual(want);
    if (want.length > 1) expect([...l.view(1, 2)]).toEqual(want.slice(1, 2));
  });

  it.each([-1, 2 ** 32, 1.5, Number.NaN])("refuses %s, which 32 bits cannot hold", (x) => {
    const l = new U32List();
    expect(() => l.push(x)).toThrow(/does not fit 32 bits/);
    expect(() => l.set(0, x)).toThrow(/does not fit 32 bits/);
  });
});

describe("IntList", () => {
  it("holds offsets past 32 bits and negative numbers exactly", () => {
    const l = new IntList();
    for (const x of [0, 2 ** 40 + 3, -7, Number.MAX_SAFE_INTEGER]) l.push(x);
    expect([...l.view()]).toEqual([0, 2 ** 40 + 3, -7, Number.MAX_SAFE_INTEGER]);
    expect(l.get(1)).toBe(2 ** 40 + 3);
  });

  it.each([2 ** 53, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("refuses %s, which it would round", (x) => {
    expect(() => new IntList().push(x)).toThrow(/does not fit a safe integer/);
  });
});

describe.each([
  ["U32List", () => new U32List()],
  ["IntList", () => new IntList()],
])("%s.get", (_, make) => {
  it.each([-1, 2, 0.5])("throws at %s, past what it holds", (i) => {
    const l = make();
    l.push(1);
    l.push(2);
    expect(() => l.get(i)).toThrow(/no item/);
  });
});
