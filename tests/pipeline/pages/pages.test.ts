import { afterEach, describe, expect, it, vi } from "vitest";
import { renderNotFound, renderPages } from "../../../src/pipeline/render/html/index";
import type { RenderContext, RenderedRoute } from "../../../src/pipeline/render/types";
import { escapeHtml } from "../../../src/shared/escape";
import type { Site } from "../../../src/shared/types";
import { ARTICLES, fixtureSite, HOSTILE_TITLE, ORIGIN, TAGS } from "./fixture";
import { checkNesting, decode, startTags, textContent, tokenize } from "./tokens";

function ctxFor(site: Site = fixtureSite()): RenderContext {
  return { site, origin: ORIGIN };
}

function render(site?: Site): {
  pages: RenderedRoute[];
  notFound: RenderedRoute;
  byPath: Map<string, RenderedRoute>;
} {
  const ctx = ctxFor(site);
  const pages = renderPages(ctx);
  const notFound = renderNotFound(ctx);
  return { pages, notFound, byPath: new Map(pages.map((r) => [r.path, r])) };
}

const { pages, notFound, byPath } = render();
const htmlRoutes = [...pages.filter((r) => r.kind === "html"), notFound];

function get(path: string): RenderedRoute {
  const r = byPath.get(path);
  if (r === undefined) throw new Error(`no route ${path}; have ${[...byPath.keys()].join(" ")}`);
  return r;
}

function alternates(body: string): { type: string; href: string; title: string }[] {
  return startTags(tokenize(body), "link")
    .filter((l) => l.attrs.get("rel") === "alternate")
    .map((l) => ({
      type: l.attrs.get("type") ?? "",
      href: decode(l.attrs.get("href") ?? ""),
      title: l.attrs.get("title") ?? "",
    }));
}

const MAIN_FEEDS = [
  { type: "application/rss+xml", href: `${ORIGIN}/feed.xml` },
  { type: "application/atom+xml", href: `${ORIGIN}/atom.xml` },
  { type: "application/feed+json", href: `${ORIGIN}/feed.json` },
];

describe("route set", () => {
  it("renders home pages, tags index, every tag, every article and the assets, each path once", () => {
    const expected = [
      "/",
      "/page/2",
      "/page/3",
      "/tags",
      ...TAGS.map((t) => `/tags/${t.slug}`),
      ...ARTICLES.map((a) => `/articles/${a.slug}`),
      "/assets/site.css",
      "/robots.txt",
      "/assets/icon.svg",
      "/assets/icon.png",
      "/favicon.ico",
    ];
    // "llama" has 3 articles (one page at 3 per page) and "meta" 3: no tag needs a second page here.
    expect(pages.map((r) => r.path).sort()).toEqual([...expected].sort());
  });

  it.each(htmlRoutes.map((r) => [r.path, r] as const))("%s is HTML with the exact content type", (_, r) => {
    expect(r.type).toBe("text/html; charset=utf-8");
    expect(r.kind).toBe("html");
  });

  it("serves robots.txt, and the stylesheet as a cached text/css asset", () => {
    const robots = get("/robots.txt");
    expect(robots.type).toBe("text/plain; charset=utf-8");
    expect(robots.body).toMatch(/^User-agent: \*\nAllow: \/\nDisallow: \/api\/\n$/);
    const css = get("/assets/site.css");
    expect(css).toMatchObject({
      kind: "asset",
      type: "text/css; charset=utf-8",
      cacheControl: "public, max-age=3600",
    });
    expect(css.body).toContain("prefers-color-scheme: dark");
    expect(css.body).toContain(":focus-visible");
    expect(css.body).not.toMatch(/@import|url\(|https?:\/\//);
  });

  it("404 page has path /404 and status 404", () => {
    expect(notFound.path).toBe("/404");
    expect(notFound.status).toBe(404);
  });
});

describe.each(htmlRoutes.map((r) => [r.path, r] as const))("page %s", (_, route) => {
  const tokens = tokenize(route.body);

  it("is well nested, declares the site language and links the stylesheet", () => {
    expect(route.body.startsWith("<!doctype html>\n")).toBe(true);
    checkNesting(tokens);
    expect(startTags(tokens, "html")[0]?.attrs.get("lang")).toBe("en");
    const sheets = startTags(tokens, "link").filter((l) => l.attrs.get("rel") === "stylesheet");
    expect(sheets.map((l) => l.attrs.get("href"))).toEqual(["/assets/site.css"]);
    expect(startTags(tokens, "meta").some((m) => m.attrs.get("charset") === "utf-8")).toBe(true);
    expect(startTags(tokens, "title")).toHaveLength(1);
  });

  it("advertises the three main feeds with titles", () => {
    const alts = alternates(route.body);
    for (const feed of MAIN_FEEDS) {
      const found = alts.find((a) => a.href === feed.href);
      expect(found?.type).toBe(feed.type);
      expect(found?.title).not.toBe("");
    }
  });

  it("has no script, no inline style, no event handler and loads nothing from another host", () => {
    const names = new Set(startTags(tokens).map((t) => t.name));
    for (const banned of ["script", "iframe", "object", "embed", "style", "img", "form", "base"]) {
      expect(names.has(banned), banned).toBe(false);
    }
    for (const tag of startTags(tokens)) {
      for (const key of tag.attrs.keys()) {
        expect(key.startsWith("on") || key === "style", `${key} on <${tag.name}>`).toBe(false);
      }
      // Subresources must be same-origin; only <a> (navigation) and metadata may point elsewhere.
      if (tag.name === "link") {
        const href = decode(tag.attrs.get("href") ?? "");
        expect(href.startsWith("/") || href.startsWith(`${ORIGIN}/`), href).toBe(true);
      }
      if (tag.name === "a") expect(tag.attrs.get("href") ?? "").toMatch(/^(\/|#|https?:\/\/)/);
    }
    expect(route.body).not.toMatch(/<\?xml-stylesheet|xsl/i);
  });

  it("has a skip link to the main landmark", () => {
    const skip = startTags(tokens, "a")[0];
    expect(skip?.attrs.get("href")).toBe("#main");
    expect(startTags(tokens, "main")[0]?.attrs.get("id")).toBe("main");
  });

  it("names the site in its title and, except the 404, has an absolute canonical URL", () => {
    const canonical = startTags(tokens, "link").find((l) => l.attrs.get("rel") === "canonical");
    if (route.status === 404) expect(canonical).toBeUndefined();
    else expect(canonical?.attrs.get("href")).toBe(`${ORIGIN}${route.path}`);
    expect(route.body).toContain(`${escapeHtml(`Feeds & "Friends" <Test>`)}</title>`);
  });
});

describe("articles in listings", () => {
  const homePages = ["/", "/page/2", "/page/3"].map(get);

  it("lists every article exactly once across the home pages, newest first, escaped", () => {
    const hrefs = homePages.flatMap((p) =>
      startTags(tokenize(p.body), "a")
        .map((a) => a.attrs.get("href") ?? "")
        .filter((h) => h.startsWith("/articles/")),
    );
    expect(hrefs).toEqual(ARTICLES.map((a) => `/articles/${a.slug}`));
    const all = homePages.map((p) => p.body).join("");
    for (const a of ARTICLES) expect(all).toContain(escapeHtml(a.title));
  });

  it("holds at most itemsPerFeed entries per page and links the other pages", () => {
    for (const p of homePages) {
      const entries = startTags(tokenize(p.body), "li").filter((l) => l.attrs.get("class") === "entry");
      expect(entries.length).toBeLessThanOrEqual(3);
      const links = startTags(tokenize(p.body), "a").map((a) => a.attrs.get("href"));
      for (const other of ["/", "/page/2", "/page/3"]) expect(links).toContain(other);
    }
    expect(get("/page/2").link).toContain(`<${ORIGIN}/>; rel="prev"`);
    expect(get("/page/2").link).toContain(`<${ORIGIN}/page/3>; rel="next"`);
  });

  it("never lets a title, summary or name from the data become markup", () => {
    const home = get("/");
    expect(home.body).not.toContain("<script>alert");
    expect(home.body).not.toContain("<b>escape</b>");
    expect(home.body).toContain(
      "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; Tom &amp; Jerry&#39;s",
    );
    expect(textContent(tokenize(home.body))).toContain(HOSTILE_TITLE);
    expect(home.body).toContain(escapeHtml(`A summary with <script>alert(2)</script> & "quotes"`));
    expect(home.body).toContain(`<bdi>Evil &amp; &lt;Sons&gt;</bdi>`);
  });

  it("links the publisher to the original only for http(s) addresses", () => {
    const hrefs = startTags(tokenize(get("/").body + get("/page/2").body), "a").map(
      (a) => a.attrs.get("href") ?? "",
    );
    expect(hrefs.some((h) => h.toLowerCase().startsWith("javascript:"))).toBe(false);
    expect(hrefs).toContain("https://journal.example.fr/lecun");
  });

  it("shows a capture date as such, and the host name when no publisher is known", () => {
    const body = get("/page/2").body;
    expect(textContent(tokenize(body))).toContain("Captured 12 Nov 2026 · publication date unknown");
    expect(body).toContain('<time datetime="2026-11-12T00:00:00Z">12 Nov 2026</time>');
    expect(body).toContain(">blog.example.org</bdi>");
  });

  it("marks articles in another language with their own lang", () => {
    const body = get("/").body;
    expect(body).toMatch(/<h2 class="entry-title" dir="auto" lang="fr"><a href="\/articles\/francais">/);
    expect(body).toMatch(/<h2 class="entry-title" dir="auto" lang="he"><a href="\/articles\/rtl-emoji">/);
    expect(body).toMatch(/<h2 class="entry-title" dir="auto"><a href="\/articles\/hostile">/);
  });

  it("links each article's tags by slug with the escaped name", () => {
    const body = get("/").body;
    expect(body).toContain(`<a href="/tags/meta">Meta &lt;Platforms&gt; &amp; &quot;Co&quot;</a>`);
  });

  it("dates every listing page by the newest change among all its articles (each counts and pages them all)", () => {
    for (const path of ["/", "/page/2", "/page/3"]) {
      expect(get(path).lastModified, path).toBe("2026-11-21T10:00:00Z"); // the hostile article's update
    }
  });
});

describe("subscribe box and autodiscovery", () => {
  it.each(["/", "/404"])("%s lists every main feed and the OPML with an explanation", (path) => {
    const body = path === "/404" ? notFound.body : get(path).body;
    const tokens = tokenize(body);
    const box = body.slice(body.indexOf('<section class="subscribe"'));
    for (const p of ["/feed.xml", "/atom.xml", "/feed.json", "/opml.xml"]) {
      expect(box).toContain(`href="${p}"`);
      expect(box).toContain(`<code class="feed-url">${ORIGIN}${p}</code>`);
    }
    expect(startTags(tokens, "span").filter((s) => s.attrs.get("class") === "feed-explain")).toHaveLength(4);
  });

  it.each(TAGS.map((t) => [t.slug, t] as const))(
    "tag page %s advertises its own feeds before the main ones",
    (slug) => {
      const alts = alternates(get(`/tags/${slug}`).body).map((a) => a.href);
      const own = [
        `${ORIGIN}/tags/${slug}/feed.xml`,
        `${ORIGIN}/tags/${slug}/atom.xml`,
        `${ORIGIN}/tags/${slug}/feed.json`,
      ];
      expect(alts.slice(0, 3)).toEqual(own);
      for (const f of MAIN_FEEDS) expect(alts).toContain(f.href);
      const box = get(`/tags/${slug}`).body;
      for (const p of own) expect(box).toContain(`href="${p.slice(ORIGIN.length)}"`);
    },
  );
});

describe("tag pages", () => {
  it.each(TAGS.map((t) => [t.slug, t] as const))(
    "%s shows name, description and exactly its articles",
    (slug, tag) => {
      const body = get(`/tags/${slug}`).body;
      expect(body).toContain(`<h1 dir="auto">${escapeHtml(tag.name)}</h1>`);
      expect(body).toContain(escapeHtml(tag.description));
      const listed = startTags(tokenize(body), "a")
        .map((a) => a.attrs.get("href") ?? "")
        .filter((h) => h.startsWith("/articles/"));
      expect(listed).toEqual(ARTICLES.filter((a) => a.tags.includes(slug)).map((a) => `/articles/${a.slug}`));
    },
  );

  it("renders a tag with no articles, dated by the site", () => {
    const r = get("/tags/empty");
    expect(r.body).toContain("No articles here yet.");
    expect(r.lastModified).toBe("2026-11-20T09:30:00Z");
  });

  it("pages tag listings like the home page", () => {
    const { byPath: small } = render(fixtureSite({ itemsPerFeed: 2 }));
    expect(small.has("/tags/llama/page/2")).toBe(true);
    expect(small.has("/tags/llama/page/3")).toBe(false);
    expect(small.get("/tags/llama")?.body).toContain(`href="/tags/llama/page/2"`);
  });

  it("/tags lists every tag with name, description, count and its three feeds", () => {
    const body = get("/tags").body;
    const text = textContent(tokenize(body));
    for (const tag of TAGS) {
      const n = ARTICLES.filter((a) => a.tags.includes(tag.slug)).length;
      expect(body).toContain(`<a href="/tags/${tag.slug}" dir="auto">${escapeHtml(tag.name)}</a>`);
      expect(body).toContain(escapeHtml(tag.description));
      expect(text).toContain(`${tag.name} ${n} ${n === 1 ? "article" : "articles"}`);
      for (const f of ["feed.xml", "atom.xml", "feed.json"])
        expect(body).toContain(`href="/tags/${tag.slug}/${f}"`);
    }
  });
});

describe("article pages", () => {
  it.each(ARTICLES.map((a) => [a.slug, a] as const))(
    "%s shows its escaped title in h1 and its content",
    (slug, a) => {
      const body = get(`/articles/${slug}`).body;
      expect(body).toMatch(
        new RegExp(`<h1 dir="auto"[^>]*>${escapeHtml(a.title).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}</h1>`),
      );
      expect(body).toContain(a.contentHtml);
      expect(body).toContain(`<meta property="og:type" content="article">`);
      expect(body).toContain(`<meta property="og:url" content="${ORIGIN}/articles/${slug}">`);
    },
  );

  it("shows subtitle, byline of three authors, tags and the real content markup", () => {
    const body = get("/articles/hostile").body;
    const text = textContent(tokenize(body));
    expect(text).toContain(`Subtitle with <img src=x onerror=alert(1)> & more`);
    expect(text).toContain(`By Ann <Admin>, Bob & Co and Chloé "CJ" O'Neil`);
    expect(body).toContain("<table>");
    expect(body).toContain(`href="/tags/llama"`);
    expect(body).not.toContain("Read the original"); // javascript: URL is not a link
    expect(text).toContain("Updated 21 Nov 2026");
  });

  it("links the original when the address is known", () => {
    const body = get("/articles/francais").body;
    expect(body).toContain(
      `<a href="https://journal.example.fr/lecun" rel="external noopener">Read the original at <bdi>Le Journal</bdi>`,
    );
    expect(body).toMatch(/<div class="prose" lang="fr">/);
  });

  it("sets right-to-left direction on RTL content", () => {
    expect(get("/articles/rtl-emoji").body).toContain(`<div class="prose" lang="he" dir="rtl">`);
  });

  it("lists other captures of the story, closest first, with publisher and date", () => {
    const body = get("/articles/story-a").body;
    const aside = body.slice(body.indexOf('<aside class="related"'));
    expect(aside).toContain("Other captures of this story");
    const order = startTags(tokenize(aside), "a")
      .map((a) => a.attrs.get("href"))
      .filter((h) => h?.startsWith("/articles/"));
    expect(order).toEqual(["/articles/story-b", "/articles/francais"]);
    expect(aside).toContain("Le Journal");
    expect(aside).toContain('<time datetime="2026-11-15T00:00:00Z">15 Nov 2026</time>');
    // The related list is scored against the whole corpus: any arrival may change it.
    expect(get("/articles/story-a").lastModified).toBe("2026-11-21T10:00:00Z");
    expect(get("/articles/oldest").body).not.toContain("Other captures");
  });

  it("shows a capture date as such on the article page", () => {
    const text = textContent(tokenize(get("/articles/captured-only").body));
    expect(text).toContain("Captured 12 Nov 2026 · publication date unknown");
    expect(text).toContain("Bell in the title"); // control character dropped, text kept
  });
});

describe("404 page", () => {
  const tokens = tokenize(notFound.body);
  it("explains, links home and names every tag with a link", () => {
    const text = textContent(tokens);
    expect(text).toContain("Page not found");
    const hrefs = startTags(tokens, "a").map((a) => a.attrs.get("href"));
    expect(hrefs).toContain("/");
    for (const tag of TAGS) {
      expect(hrefs).toContain(`/tags/${tag.slug}`);
      expect(text).toContain(tag.name);
    }
    expect(notFound.body).toContain('<meta name="robots" content="noindex">');
  });
});

describe("origin placeholder", () => {
  it("builds every absolute URL from ctx.origin", () => {
    const token = "https://origin.token.invalid";
    const body = renderPages({ site: fixtureSite(), origin: token }).find((r) => r.path === "/")?.body ?? "";
    expect(body).toContain(`href="${token}/feed.xml"`);
    expect(body).not.toContain(ORIGIN);
  });
});

describe("determinism", () => {
  afterEach(() => vi.useRealTimers());
  it("renders the same bytes twice, whatever the clock says", () => {
    vi.useFakeTimers({ now: new Date("2001-01-01T00:00:00Z") });
    const first = JSON.stringify([renderPages(ctxFor()), renderNotFound(ctxFor())]);
    vi.setSystemTime(new Date("2039-06-15T12:34:56Z"));
    const second = JSON.stringify([renderPages(ctxFor()), renderNotFound(ctxFor())]);
    expect(second).toBe(first);
    expect(first).not.toMatch(/2001|2039/);
  });
});

describe("empty and bad input", () => {
  it("renders an empty site without crashing", () => {
    const site: Site = { ...fixtureSite(), articles: [], tags: [] };
    const { pages: empty, notFound: nf } = render(site);
    expect(empty.map((r) => r.path).sort()).toEqual([
      "/",
      "/assets/icon.png",
      "/assets/icon.svg",
      "/assets/site.css",
      "/favicon.ico",
      "/robots.txt",
      "/tags",
    ]);
    expect(empty[0]?.body).toContain("No articles here yet.");
    expect(nf.status).toBe(404);
  });

  const bad: [string, (s: Site) => void, RegExp][] = [
    ["zero itemsPerFeed", (s) => (s.settings.itemsPerFeed = 0), /itemsPerFeed must be a positive integer/],
    ["fractional itemsPerFeed", (s) => (s.settings.itemsPerFeed = 2.5), /itemsPerFeed/],
    [
      "unknown tag",
      (s) => (s.articles[0] = { ...(s.articles[0] as Site["articles"][0]), tags: ["nope"] }),
      /tag "nope" that is not in the taxonomy/,
    ],
    [
      "dangling related id",
      (s) => (s.articles[1] = { ...(s.articles[1] as Site["articles"][0]), related: ["urn:x"] }),
      /related id "urn:x"/,
    ],
    [
      "invalid date",
      (s) => (s.articles[2] = { ...(s.articles[2] as Site["articles"][0]), date: "yesterday" }),
      /francais.*not an RFC 3339 date/,
    ],
    [
      "unsafe slug",
      (s) => (s.articles[3] = { ...(s.articles[3] as Site["articles"][0]), slug: "a b/c" }),
      /slug that is not URL-safe/,
    ],
    [
      "duplicate tag",
      (s) => s.tags.push({ ...(s.tags[0] as Site["tags"][0]) }),
      /tag slug "llama" appears twice/,
    ],
  ];
  it.each(bad)("%s fails with a clear error", (_, mutate, message) => {
    const site = fixtureSite();
    mutate(site);
    expect(() => renderPages(ctxFor(site))).toThrow(message);
    expect(() => renderNotFound(ctxFor(site))).toThrow(message);
  });
});
