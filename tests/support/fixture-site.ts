// A small fake Site and hand-made routes for every route kind, emitted with the real emitter. Lets the
// Worker tests run before (or without) the real build: `npx tsx tests/support/fixture-site.ts [outDir]`.
// The Worker tests discover paths from the manifest, so they run against a real build too.
import { type EmitOptions, type EmitResult, emit, writeGenerated } from "../../src/pipeline/pack/emit";
import { renderApi } from "../../src/pipeline/render/api";
import type { RenderedRoute } from "../../src/pipeline/render/types";
import type { Article, Site, Tag } from "../../src/shared/types";

export const FIXTURE_TOKEN = "https://origin.invalid";

export const FIXTURE_TAGS: Tag[] = [
  { slug: "llama", name: "Llama", description: "Open-weight models." },
  { slug: "meta", name: "Meta", description: "The company." },
  { slug: "world-models", name: "World Models", description: "Models of the world." },
  { slug: "empty", name: "Empty", description: "A tag with no articles." },
];

function article(n: number, partial: Partial<Article> & Pick<Article, "title" | "date">): Article {
  const slug = partial.slug ?? `article-${n}`;
  const id = `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
  return {
    id,
    slug,
    file: `corpus/${slug}.txt`,
    subtitle: null,
    authors: ["A. Writer"],
    publisher: "Example Paper",
    url: `https://paper.example/${slug}`,
    language: "en",
    published: partial.date,
    updated: null,
    captured: null,
    dateSource: "dateline",
    summary: `Summary ${n}.`,
    contentHtml: `<p>Body ${n}.</p>`,
    text: `Body ${n}.`,
    wordCount: 2,
    tags: [],
    story: id,
    related: [],
    sources: [
      {
        kind: "capture",
        title: "Example Paper",
        id: null,
        link: "https://paper.example/",
        feedUrl: null,
        url: `https://paper.example/${slug}`,
        file: `corpus/${slug}.txt`,
      },
    ],
    ...partial,
  };
}

/** Newest first; two articles share a date (id breaks the tie). */
export function fixtureSite(origin: string | null = null): Site {
  const articles: Article[] = [
    article(1, {
      title: "Llama 4 released by Meta",
      date: "2026-04-05T12:00:00Z",
      updated: "2026-04-06T08:00:00Z",
      text: "Meta released Llama 4, its newest open-weight model family. Scout and Maverick.",
      tags: ["llama", "meta"],
    }),
    article(2, {
      title: "LeCun on world models",
      date: "2026-03-20T00:00:00Z",
      text: "Yann LeCun explains JEPA and why world models matter. Modèles du monde.",
      tags: ["world-models"],
    }),
    article(3, {
      title: "Meta reorganises FAIR <again>",
      date: "2026-03-20T00:00:00Z",
      text: "Meta moved the FAIR lab under a new superintelligence group.",
      tags: ["meta"],
    }),
    article(4, {
      title: "Un modèle du monde à Paris",
      date: "2026-02-01T09:00:00Z",
      language: "fr",
      text: "Le nouveau laboratoire parisien travaille sur un modèle du monde. Élan, café.",
      tags: ["world-models"],
      dateSource: "captured",
      published: null,
      captured: "2026-02-01T09:00:00Z",
    }),
    article(5, {
      title: "Llama licence questions",
      date: "2025-12-24T00:00:00Z",
      text: "Lawyers read the Llama licence. Licensing is complicated.",
      tags: ["llama"],
    }),
  ];
  articles[0] = { ...articles[0], related: [] } as Article;
  return {
    settings: {
      title: "Fixture Watch",
      description: "A fixture site.",
      baseUrl: origin,
      language: "en",
      itemsPerFeed: 50,
      websubHub: null,
    },
    articles,
    tags: FIXTURE_TAGS,
    updated: "2026-04-06T08:00:00Z",
  };
}

const RSS = "application/rss+xml; charset=utf-8";
const ATOM = "application/atom+xml; charset=utf-8";
const JSONFEED = "application/feed+json; charset=utf-8";
const HTML = "text/html; charset=utf-8";

function feeds(site: Site, o: string, prefix: string, items: Article[]): RenderedRoute[] {
  const link = `<${o}${prefix}/feed.xml>; rel="alternate"; type="application/rss+xml", <${o}${prefix}/atom.xml>; rel="alternate"; type="application/atom+xml", <${o}${prefix}/feed.json>; rel="alternate"; type="application/feed+json"`;
  const lm = items[0]?.date ?? site.updated;
  const xmlItems = items
    .map(
      (a) =>
        `<item><title>${a.title.replace(/</g, "&lt;")}</title><link>${o}/articles/${a.slug}</link></item>`,
    )
    .join("");
  const atomItems = items
    .map((a) => `<entry><id>${a.id}</id><link href="${o}/articles/${a.slug}"/></entry>`)
    .join("");
  return [
    {
      path: `${prefix}/feed.xml`,
      body: `<?xml version="1.0"?><rss version="2.0"><channel><link>${o}/</link>${xmlItems}</channel></rss>`,
      type: RSS,
      kind: "feed",
      lastModified: lm,
      link,
    },
    {
      path: `${prefix}/atom.xml`,
      body: `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><link rel="self" href="${o}${prefix}/atom.xml"/>${atomItems}</feed>`,
      type: ATOM,
      kind: "feed",
      lastModified: lm,
      link,
    },
    {
      path: `${prefix}/feed.json`,
      body: JSON.stringify({
        version: "https://jsonfeed.org/version/1.1",
        feed_url: `${o}${prefix}/feed.json`,
        items: items.map((a) => ({ id: a.id, url: `${o}/articles/${a.slug}` })),
      }),
      type: JSONFEED,
      kind: "feed",
      lastModified: lm,
      link,
    },
  ];
}

function page(path: string, title: string, o: string, lastModified: string): RenderedRoute {
  return {
    path,
    body: `<!doctype html><html><head><title>${title}</title><link rel="canonical" href="${o}${path}"></head><body><h1>${title}</h1></body></html>`,
    type: HTML,
    kind: "html",
    lastModified,
  };
}

export function fixtureRoutes(
  site: Site,
  o: string,
): { routes: RenderedRoute[]; notFound: RenderedRoute; api: ReturnType<typeof renderApi> } {
  const routes: RenderedRoute[] = [
    page("/", site.settings.title, o, site.updated),
    page("/tags", "Tags", o, site.updated),
    ...feeds(site, o, "", site.articles),
    {
      path: "/opml.xml",
      body: `<?xml version="1.0"?><opml version="2.0"><body><outline type="rss" xmlUrl="${o}/feed.xml"/></body></opml>`,
      type: "text/x-opml; charset=utf-8",
      kind: "opml",
      lastModified: site.updated,
    },
    {
      path: "/assets/site.css",
      body: "body{font-family:serif}",
      type: "text/css; charset=utf-8",
      kind: "asset",
      lastModified: "2026-01-01T00:00:00Z",
      cacheControl: "public, max-age=86400",
    },
  ];
  for (const t of site.tags) {
    const items = site.articles.filter((a) => a.tags.includes(t.slug));
    routes.push(
      page(`/tags/${t.slug}`, t.name, o, items[0]?.date ?? site.updated),
      ...feeds(site, o, `/tags/${t.slug}`, items),
    );
  }
  for (const a of site.articles)
    routes.push(page(`/articles/${a.slug}`, a.title.replace(/</g, "&lt;"), o, a.updated ?? a.date));
  const api = renderApi({ site, origin: o });
  routes.push(...api.routes);
  const notFound: RenderedRoute = {
    ...page("/404", "Not found", o, site.updated),
    body: `<!doctype html><html><head><title>Not found</title></head><body><h1>Not found</h1><ul>${site.tags.map((t) => `<li><a href="${o}/tags/${t.slug}">${t.name}</a></li>`).join("")}</ul></body></html>`,
    status: 404,
  };
  return { routes, notFound, api };
}

export function fixtureEmit(origin: string | null = null): EmitResult {
  const site = fixtureSite(origin);
  const o = origin ?? FIXTURE_TOKEN;
  const { routes, notFound, api } = fixtureRoutes(site, o);
  return emit(routes, notFound, { origin, originToken: FIXTURE_TOKEN, extra: { api: api.index } });
}

if (process.argv[1]?.endsWith("fixture-site.ts")) {
  const out = process.argv[2] ?? ".generated";
  writeGenerated(out, fixtureEmit(process.env.BASE_URL || null));
  process.stdout.write(`fixture site written to ${out}\n`);
}

export type EmitCase = [name: string, routes: RenderedRoute[], notFound: RenderedRoute, opts: EmitOptions];

/** The fixture site's routes emitted in both storages: the first cases of every emitter comparison. */
export function fixtureEmitCases(): EmitCase[] {
  const fixture = fixtureRoutes(fixtureSite(), FIXTURE_TOKEN);
  const base = { origin: null, originToken: FIXTURE_TOKEN };
  return (["bundle", "assets"] as const).map((storage) => [
    `fixture, ${storage}`,
    fixture.routes,
    fixture.notFound,
    { ...base, storage, extra: { api: fixture.api.index } },
  ]);
}
