// Issue 9 items 2 and 3, at build level: build the seed corpus, add an article published long before
// the others (it "arrives late"), build again, and compare every route. Whenever a response's bytes
// change its Last-Modified must move forward (a client sending only If-Modified-Since must see the new
// article), and an archive page marked complete must not change at all.
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../../../src/pipeline/config";
import { type CorpusListing, listCorpus } from "../../../src/pipeline/read/read";
import { renderApi } from "../../../src/pipeline/render/api";
import { FROZEN_CACHE_CONTROL, renderFeeds } from "../../../src/pipeline/render/feeds/index";
import { renderNotFound, renderPages } from "../../../src/pipeline/render/html/index";
import { renderOpml } from "../../../src/pipeline/render/opml";
import type { RenderContext, RenderedRoute } from "../../../src/pipeline/render/types";
import { assembleSite } from "../../../src/pipeline/site";
import type { Site } from "../../../src/shared/types";

const ORIGIN = "https://feeds.example.org";
const SEEDS = listCorpus("corpus", "corpus");
const enc = (s: string) => new TextEncoder().encode(s);

/** A capture published a year before the seeds, that entered the corpus on `captured`. */
function late(name: string, captured: string): CorpusListing["articles"][number] {
  const text = `---\npublished: 2025-01-15\ncaptured: ${captured}\ntags: [llama]\n---\nAn old Llama story found late\n\nMeta released the first Llama weights to researchers, and the lab explained its reasons in a long post. Yann LeCun said world models matter more.\n`;
  return { rel: name, display: `corpus/${name}`, bytes: enc(text) };
}

function build(
  listing: CorpusListing,
  itemsPerFeed: number,
): { site: Site; routes: Map<string, RenderedRoute> } {
  const r = assembleSite(listing, { ...DEFAULT_SETTINGS, itemsPerFeed });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const ctx: RenderContext = { site: r.value.site, origin: ORIGIN };
  const all = [...renderFeeds(ctx), ...renderPages(ctx), renderOpml(ctx), ...renderApi(ctx).routes];
  all.push(renderNotFound(ctx));
  return { site: r.value.site, routes: new Map(all.map((x) => [x.path, x])) };
}

const seconds = (rfc3339: string) => Math.floor(Date.parse(rfc3339) / 1000);

// Per page 1: four frozen archive pages in the site feed; per page 2: one; per page 50: none.
const CASES: [string, number, string][] = [
  ["captured a day after the seeds, 1 per page", 1, "2026-11-23"],
  ["captured the same day as the seeds, 1 per page", 1, "2026-11-22"],
  ["captured a day after the seeds, 2 per page", 2, "2026-11-23"],
  ["captured the same day as the seeds, 50 per page", 50, "2026-11-22"],
];

describe.each(CASES)("a back-dated article %s", (_name, per, captured) => {
  const before = build(SEEDS, per);
  const withLate = { ...SEEDS, articles: [...SEEDS.articles, late("999_late.txt", captured)] };
  const after = build(withLate, per);
  const lateId = after.site.articles.find((a) => a.file === "corpus/999_late.txt")?.id;

  it("is dated before every seed (so it is back-dated) and is in the subscription feeds", () => {
    expect(after.site.articles.at(-1)?.file).toBe("corpus/999_late.txt");
    for (const path of ["/feed.json", "/tags/llama/feed.json"]) {
      const ids = JSON.parse(after.routes.get(path)?.body ?? "{}").items.map((i: { id: string }) => i.id);
      expect(ids, path).toContain(lateId);
    }
  });

  it("every response whose bytes changed has a later Last-Modified", () => {
    const stuck: string[] = [];
    for (const [path, old] of before.routes) {
      const now = after.routes.get(path);
      if (now === undefined || now.body === old.body) continue;
      if (seconds(now.lastModified) <= seconds(old.lastModified))
        stuck.push(`${path}: ${old.lastModified} -> ${now.lastModified}`);
    }
    expect(stuck).toEqual([]);
  });

  it("no Last-Modified moves backwards, and the site's date moves forward", () => {
    for (const [path, old] of before.routes) {
      const now = after.routes.get(path);
      if (now) expect(seconds(now.lastModified), path).toBeGreaterThanOrEqual(seconds(old.lastModified));
    }
    expect(seconds(after.site.updated)).toBeGreaterThan(seconds(before.site.updated));
  });

  it("every archive page marked complete is byte-identical", () => {
    const frozen = [...before.routes.values()].filter((r) => r.cacheControl === FROZEN_CACHE_CONTROL);
    if (per === 1) expect(frozen.length).toBeGreaterThan(0);
    for (const old of frozen) {
      const now = after.routes.get(old.path);
      expect(now?.body, old.path).toBe(old.body);
      expect(now?.lastModified, old.path).toBe(old.lastModified);
      expect(now?.cacheControl, old.path).toBe(FROZEN_CACHE_CONTROL);
    }
  });
});

it("the same corpus builds the same dates", () => {
  const a = build(SEEDS, 2);
  const b = build(SEEDS, 2);
  for (const [path, r] of a.routes) expect(b.routes.get(path)?.lastModified, path).toBe(r.lastModified);
});
