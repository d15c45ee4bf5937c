// One total order everywhere (issue: articles with the same date came out in different orders in the
// API and in the feeds and pages): the site's order is the API's, by instant then id.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../../../src/pipeline/config";
import { apiOrder } from "../../../src/pipeline/render/api";
import { assembleSite } from "../../../src/pipeline/site";

const enc = (s: string) => new TextEncoder().encode(s);
const capture = (published: string, n: number) =>
  `---\npublished: ${published}\n---\nHeadline number ${n} about the lab\n\nThe lab published its ${n}th report on Tuesday, and researchers explained what it found.\n`;

describe("article order", () => {
  // Same instant written three ways, and file names whose order differs from their ids' order.
  const names = ["zeta", "alpha", "mid", "beta", "omega"];
  const dates = [
    "2026-03-01T10:00:00Z",
    "2026-03-01T11:00:00+01:00",
    "2026-03-01T10:00:00.000Z",
    "2026-03-02",
    "2026-02-28",
  ];
  const listing = {
    articles: names.map((n, i) => ({
      rel: `${n}.txt`,
      display: `corpus/${n}.txt`,
      bytes: enc(capture(dates[i] ?? "", i)),
    })),
    sidecars: [],
    taxonomy: {
      rel: "taxonomy.yaml",
      display: "corpus/taxonomy.yaml",
      bytes: readFileSync("corpus/taxonomy.yaml"),
    },
    unknown: [],
  };
  const r = assembleSite(listing, DEFAULT_SETTINGS);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const site = r.value.site;

  it("is the API's order: newest instant first, then id", () => {
    expect(site.articles.map((a) => a.id)).toEqual(apiOrder(site.articles).map((a) => a.id));
    const tied = site.articles.filter((a) => Date.parse(a.date) === Date.parse("2026-03-01T10:00:00Z"));
    expect(tied.length).toBe(3);
    expect(tied.map((a) => a.id)).toEqual([...tied.map((a) => a.id)].sort());
  });

  it("does not depend on the order files are listed in", () => {
    const again = assembleSite({ ...listing, articles: [...listing.articles].reverse() }, DEFAULT_SETTINGS);
    if (!again.ok) throw new Error("build failed");
    expect(again.value.site.articles.map((a) => a.id)).toEqual(site.articles.map((a) => a.id));
  });
});
