// Each stage of the build report has its own peak memory (sampled while it runs), not the process's
// peak so far: a later stage that peaks lower than an earlier one shows its own, lower figure.
import { describe, expect, it } from "vitest";
import { Stages } from "../../src/pipeline/stages";

const MiB = 2 ** 20;

describe("Stages: per-stage peaks", () => {
  it.each([
    {
      name: "a later, smaller stage shows its own peak",
      stages: [
        ["extract", [300, 900, 700]],
        ["render", [500, 600, 550]],
      ],
      peaks: [900, 600],
    },
    {
      name: "a stage ends on the reading its successor starts with",
      stages: [
        ["read", [200]],
        ["write", [150, 240]],
      ],
      peaks: [200, 240],
    },
  ] as { name: string; stages: [string, number[]][]; peaks: number[] }[])("$name", ({ stages, peaks }) => {
    let now = 0;
    const s = new Stages(false, () => now * MiB, 0);
    for (const [name, readings] of stages) {
      now = readings[0] as number;
      s.start(name); // samples its first reading
      for (const r of readings.slice(1)) {
        now = r;
        s.sample();
      }
    }
    now = 100; // the end of the last stage samples this: lower than its peak, so no change
    const line = s.summary(1000);
    const got = [...line.matchAll(/\(peak (\d+) MiB\)/g)].map((m) => Number(m[1]));
    expect(got).toEqual(peaks);
    expect(line).toMatch(/peak RSS 1000 MiB$/);
  });

  it("the total's peak is never below a stage's", () => {
    const s = new Stages(false, () => 800 * MiB, 0);
    s.start("extract");
    expect(s.summary(500)).toMatch(/\(peak 800 MiB\); total \d+\.\d s, peak RSS 800 MiB$/);
  });
});
