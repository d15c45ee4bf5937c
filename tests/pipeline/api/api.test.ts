import { describe, expect, it } from "vitest";
import { emit } from "../../../src/pipeline/pack/emit";
import { apiOrder, renderApi, safeJson } from "../../../src/pipeline/render/api";
import { type ManifestApi, postingOffsets } from "../../../src/shared/api-index";
import type { Article, Site } from "../../../src/shared/types";
import { parseApiQuery, runApiQuery } from "../../../src/worker/api-query";
import { FIXTURE_TOKEN, fixtureSite } from "../../support/fixture-site";

const O = "https://origin.invalid";

describe("renderApi", () => {
  const site = fixtureSite();
  const { routes, index } = renderApi({ site, origin: O });

  it("renders one document per article and /api/tags", () => {
    expect(routes.map((r) => r.path).sort()).toEqual(
      [...site.articles.map((a) => `/api/articles/${a.slug}`), "/api/tags"].sort(),
    );
    for (const r of routes) {
      expect(r.type).toBe("application/json; charset=utf-8");
      expect(r.kind).toBe("json");
      expect(() => JSON.parse(r.body)).not.toThrow();
    }
  });

  it("article document has every promised field", () => {
    const a = site.articles[0] as Article;
    const doc = JSON.parse(routes.find((r) => r.path === `/api/articles/${a.slug}`)?.body ?? "{}");
    expect(Object.keys(doc).sort()).toEqual(
      [
        "api_url",
        "authors",
        "captured",
        "content_html",
        "date",
        "date_source",
        "feeds",
        "id",
        "language",
        "published",
        "publisher",
        "related",
        "slug",
        "source_url",
        "sources",
        "story",
        "subtitle",
        "summary",
        "tags",
        "text",
        "title",
        "updated",
        "url",
        "word_count",
      ].sort(),
    );
    expect(doc.url).toBe(`${O}/articles/${a.slug}`);
    expect(doc.tags).toEqual(
      a.tags.map((slug) => ({ slug, name: site.tags.find((t) => t.slug === slug)?.name })),
    );
    expect(doc.feeds[0]).toEqual({
      title: site.settings.title,
      rss: `${O}/feed.xml`,
      atom: `${O}/atom.xml`,
      json: `${O}/feed.json`,
    });
    expect(doc.feeds).toHaveLength(1 + a.tags.length);
  });

  it("resolves related ids to {id, slug, title, url}", () => {
    const [a, b] = site.articles as [Article, Article];
    const s2: Site = {
      ...site,
      articles: [{ ...a, related: [b.id, "urn:uuid:missing"] }, ...site.articles.slice(1)],
    };
    const doc = JSON.parse(renderApi({ site: s2, origin: O }).routes[0]?.body ?? "{}");
    expect(doc.related).toEqual([{ id: b.id, slug: b.slug, title: b.title, url: `${O}/articles/${b.slug}` }]);
  });

  it("/api/tags: every tag (even empty) with count, page URL and 3 feeds", () => {
    const doc = JSON.parse(routes.find((r) => r.path === "/api/tags")?.body ?? "{}");
    expect(doc.tags.map((t: { slug: string }) => t.slug)).toEqual(site.tags.map((t) => t.slug));
    const empty = doc.tags.find((t: { slug: string }) => t.slug === "empty");
    expect(empty.count).toBe(0);
    expect(empty.feeds).toEqual({
      rss: `${O}/tags/empty/feed.xml`,
      atom: `${O}/tags/empty/atom.xml`,
      json: `${O}/tags/empty/feed.json`,
    });
  });

  it("escapes markup in JSON, except content_html, which is JSON Feed's bytes (one stored piece for both)", () => {
    const contentHtml = /"content_html":("(?:[^"\\]|\\.)*")/;
    for (const r of routes) {
      const doc = JSON.parse(r.body) as { id?: string; content_html?: string };
      expect(r.body.replace(contentHtml, "")).not.toMatch(/[<>]/);
      if (doc.content_html === undefined) continue;
      const article = site.articles.find((a) => a.id === doc.id);
      expect(doc.content_html).toBe(article?.contentHtml);
      expect(contentHtml.exec(r.body)?.[1]).toBe(JSON.stringify(article?.contentHtml));
    }
    expect(JSON.parse(safeJson({ t: "</script>&\u2028" }))).toEqual({ t: "</script>&\u2028" });
  });

  it("index: API order, folded tokens, tag postings", () => {
    expect(index.ids).toEqual(apiOrder(site.articles).map((a) => a.id));
    expect(index.terms.modele).toBeDefined();
    expect(index.terms.modèle).toBeUndefined();
    expect(index.terms.llama).toEqual([0, 4]);
    expect(index.tags.find((t) => t.slug === "world-models")?.postings).toEqual([1, 3]);
  });

  it("apiOrder breaks date ties by id and rejects invalid dates", () => {
    const [a, b] = site.articles as [Article, Article];
    const same = [
      { ...a, id: "urn:b", date: b.date },
      { ...b, id: "urn:a" },
    ];
    expect(apiOrder(same).map((x) => x.id)).toEqual(["urn:a", "urn:b"]);
    expect(() => apiOrder([{ ...a, date: "soon" }])).toThrow(/article date "soon"/);
  });

  it("rejects an article tag missing from the taxonomy", () => {
    const a = site.articles[0] as Article;
    const bad: Site = { ...site, articles: [{ ...a, tags: ["nope"] }] };
    expect(() => renderApi({ site: bad, origin: O })).toThrow(/tag "nope" is not in the taxonomy/);
  });
});

// --- the query engine over a synthetic corpus (node side: same code the Worker runs) ---

const WORDS =
  "alpha beta gamma delta model world llama meta research lab open weights paris agent robot vision".split(
    " ",
  );

function synthetic(n: number): Site {
  const base = fixtureSite();
  const tags = base.tags;
  let seed = 42;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const articles: Article[] = [];
  for (let i = 0; i < n; i++) {
    const words = Array.from({ length: 300 }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(" ");
    const date = new Date(Date.UTC(2020, 0, 1) + Math.floor(rnd() * 2000) * 86_400_000).toISOString();
    articles.push({
      ...(base.articles[0] as Article),
      id: `urn:uuid:${String(i).padStart(8, "0")}`,
      slug: `a-${i}`,
      title: `Article ${i} ${WORDS[i % WORDS.length]} w${i}`,
      date,
      text: `${words} unique${i}`,
      tags: tags
        .filter(() => rnd() < 0.4)
        .map((t) => t.slug)
        .filter((s) => s !== "empty"),
      related: [],
    });
  }
  return { ...base, articles: apiOrder(articles) };
}

function engine(site: Site) {
  const { routes, index } = renderApi({ site, origin: FIXTURE_TOKEN });
  const { manifest, blob } = emit(
    routes,
    { ...(routes[0] as (typeof routes)[0]), path: "/404", status: 404 },
    {
      origin: null,
      originToken: FIXTURE_TOKEN,
      extra: { api: index },
    },
  );
  const api = manifest.api as ManifestApi;
  const offsets = postingOffsets(api);
  const src = {
    postings: (i: number) =>
      new Uint32Array(blob.buffer, blob.byteOffset + (offsets[i] ?? 0), api.postingCounts[i] ?? 0),
  };
  const run = (qs: string) => {
    const p = parseApiQuery(new URLSearchParams(qs), api);
    if (!p.ok) throw new Error(p.error.message);
    return runApiQuery(p.query, api, src);
  };
  return { api, run, site };
}

describe("query engine (synthetic corpus)", () => {
  const { run, site } = engine(synthetic(400));
  const arts = site.articles;

  it.each([
    ["tag=llama", (a: Article) => a.tags.includes("llama")],
    ["tag=llama&tag=meta", (a: Article) => a.tags.includes("llama") && a.tags.includes("meta")],
    ["q=robot%20vision%20", (a: Article) => /\brobot\b/.test(a.text) && /\bvision\b/.test(a.text)],
    ["q=unique12", (a: Article) => /\bunique12\d*\b/.test(a.text)],
    ["q=unique12%20", (a: Article) => /\bunique12\b/.test(a.text)],
    ["since=2022-01-01&until=2022-06-30", (a: Article) => a.date >= "2022-01-01" && a.date < "2022-07-01"],
    [
      "tag=world-models&q=paris&since=2021-01-01",
      (a: Article) => a.tags.includes("world-models") && /\bparis/.test(a.text) && a.date >= "2021",
    ],
  ])("%s equals a brute-force filter, paginated", (qs, pred) => {
    const expected = arts.filter(pred).map((a) => a.id);
    const got: string[] = [];
    let cursor: string | null = null;
    let total = -1;
    for (let guard = 0; guard < 100; guard++) {
      const r = run(`${qs}&limit=37${cursor ? `&cursor=${cursor}` : ""}`);
      total = r.total;
      got.push(...r.positions.map((p) => arts[p]?.id ?? ""));
      if (!r.next) break;
      cursor = `${btoa(`v1,${r.next.date},${r.next.id}`).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_")}`;
    }
    expect(got).toEqual(expected);
    expect(total).toBe(expected.length);
  });

  it("a cursor stays valid when newer articles are added", () => {
    const first = run("limit=5");
    const next = first.next;
    expect(next).not.toBeNull();
    const extra: Article = {
      ...(arts[0] as Article),
      id: "urn:uuid:zzzz-new",
      slug: "new",
      date: "2031-01-01T00:00:00.000Z",
    };
    const bigger = engine({ ...site, articles: apiOrder([extra, ...arts]) });
    const c = btoa(`v1,${next?.date},${next?.id}`).replace(/=+$/, "");
    const page2old = run(`limit=5&cursor=${c}`).positions.map((p) => arts[p]?.id);
    const page2new = bigger.run(`limit=5&cursor=${c}`).positions.map((p) => bigger.site.articles[p]?.id);
    expect(page2new).toEqual(page2old);
  });
});
