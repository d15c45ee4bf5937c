// The pages and the OPML advertise feed addresses that another renderer produces: check that every
// advertised feed path is a route the feed renderer actually emits, so the two cannot drift apart.

import { describe, expect, it } from "vitest";
import { renderFeeds } from "../../../src/pipeline/render/feeds/index";
import { renderNotFound, renderPages } from "../../../src/pipeline/render/html/index";
import { renderOpml } from "../../../src/pipeline/render/opml";
import { fixtureSite, ORIGIN } from "./fixture";
import { decode, startTags, tokenize } from "./tokens";

describe("advertised feeds exist", () => {
  // The feed renderer (rightly) refuses a non-http(s) article URL; the pages only decline to link it.
  const site = fixtureSite();
  site.articles = site.articles.map((a) => (a.url?.startsWith("javascript:") ? { ...a, url: null } : a));
  const ctx = { site, origin: ORIGIN };
  const feedPaths = new Set(renderFeeds(ctx).map((r) => r.path));
  const pages = [...renderPages(ctx), renderNotFound(ctx)].filter((r) => r.kind === "html");

  it("every autodiscovery link points at a rendered feed (or the OPML)", () => {
    for (const page of pages) {
      for (const link of startTags(tokenize(page.body), "link")) {
        if (link.attrs.get("rel") !== "alternate") continue;
        const path = decode(link.attrs.get("href") ?? "").slice(ORIGIN.length);
        if (path === "/opml.xml") continue;
        expect(feedPaths.has(path), `${page.path} advertises ${path}`).toBe(true);
      }
    }
  });

  it("every OPML xmlUrl is a rendered feed", () => {
    const urls = [...renderOpml(ctx).body.matchAll(/xmlUrl="([^"]*)"/g)].map((m) => decode(m[1] ?? ""));
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(feedPaths.has(url.slice(ORIGIN.length)), url).toBe(true);
  });
});
