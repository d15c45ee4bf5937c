// A small hostile site for the feed tests: markup and `&` in titles and bodies, several `]]>`, control
// characters, RTL text, emoji, 0/1/3 authors, unknown publication dates and a French article.

import { lastChanged } from "../../../src/pipeline/render/clock";
import type { Article, Site, SiteSettings, Tag } from "../../../src/shared/types";

export const ORIGIN = "https://feeds.example.org";

export const TAGS: Tag[] = [
  { slug: "llama", name: "Llama", description: "Open-weight models & friends." },
  { slug: "r-and-d", name: 'R&D <lab> "quoted"', description: "Research <b>not bold</b> & development." },
  { slug: "lonely", name: "Lonely", description: "A tag with one article." },
  { slug: "empty", name: "Empty", description: "A tag with no article at all." },
];

export function article(n: number, over: Partial<Article> = {}): Article {
  const day = String(n).padStart(2, "0");
  const slug = `article-${day}`;
  return {
    id: `urn:uuid:00000000-0000-4000-8000-0000000000${day}`,
    slug,
    file: `corpus/${day}_${slug}.txt`,
    title: `Article ${n}`,
    subtitle: null,
    authors: ["Ada Writer"],
    publisher: "Example Wire",
    url: `https://news.example.com/${slug}?a=1&b=2`,
    language: "en",
    published: `2026-03-${day}T09:30:00Z`,
    updated: null,
    captured: `2026-04-01T00:00:00Z`,
    date: `2026-03-${day}T09:30:00Z`,
    dateSource: "front-matter",
    summary: `Summary of article ${n}.`,
    contentHtml: `<p>Body of article ${n}.</p>`,
    text: `Body of article ${n}.`,
    wordCount: 4,
    tags: ["llama"],
    story: `urn:uuid:00000000-0000-4000-8000-0000000000${day}`,
    related: [],
    // A feed source whose title and address need escaping in every format.
    sources: [
      {
        kind: "feed",
        title: 'Example Wire & <Co> "feed"',
        id: "tag:news.example.com,2026:wire",
        link: "https://news.example.com/",
        feedUrl: "https://news.example.com/feed.xml?a=1&b=2",
        url: `https://news.example.com/${slug}?a=1&b=2`,
        file: `corpus/wire.xml`,
      },
    ],
    ...over,
  };
}

/** Seven articles, newest first (dates 07 .. 01), each exercising something nasty. */
export function hostileArticles(): Article[] {
  return [
    article(7, {
      title: 'AT&T <script>alert("x")</script> & the literal &amp; entity',
      summary: "Plain text with <b>tags</b> & ampersands & a literal &lt; entity.",
      contentHtml:
        "<p>Code: <code>a ]]> b ]]> c</code> and again ]]&gt; and ]]></p><script>alert(1)</script>",
      authors: ["Ann One", "Bob Two", "Cy Three"],
      tags: ["llama", "r-and-d"],
      related: ["urn:uuid:00000000-0000-4000-8000-000000000006"],
    }),
    article(6, {
      title: "Control\u0001chars\u0008 here\u000b\uFFFF and \u0085 gone",
      summary: "Sum\u0000mary\u001f with controls",
      contentHtml: "<p>Body\u0002 with\u0007 controls\u001b.</p>",
      authors: [],
      tags: ["r-and-d"],
      story: "urn:uuid:00000000-0000-4000-8000-000000000007",
      related: ["urn:uuid:00000000-0000-4000-8000-000000000007"],
    }),
    article(5, {
      title: "שלום עולם — مرحبا بالعالم 🎉👩🏽‍💻",
      summary: "RTL ‏text‏ and emoji 🚀",
      contentHtml: '<p dir="rtl">שלום 🎉</p>',
      language: "he",
      authors: ["Dana Levi"],
      tags: ["llama", "lonely"],
    }),
    article(4, {
      title: "Date inconnue : l'IA « ouverte »",
      summary: "Un résumé en français.",
      contentHtml: "<p>Texte français, « guillemets » &amp; accents : é à ç.</p>",
      language: "fr",
      published: null,
      dateSource: "captured",
      date: "2026-03-04T00:00:00Z",
      captured: "2026-03-04T00:00:00Z",
      publisher: null,
      url: null,
    }),
    article(3, { updated: "2026-05-01T12:00:00Z" }),
    article(2, { authors: ["Solo <Author> & Co"] }),
    article(1, { summary: "" }),
  ];
}

export function settings(over: Partial<SiteSettings> = {}): SiteSettings {
  return {
    title: "News & <Views>",
    description: 'Curated captures: AI & "open" models <daily>.',
    baseUrl: ORIGIN,
    language: "en",
    itemsPerFeed: 50,
    websubHub: null,
    ...over,
  };
}

export function site(articles: Article[] = hostileArticles(), over: Partial<SiteSettings> = {}): Site {
  // As the build computes it (src/pipeline/site.ts).
  const updated = lastChanged({ articles }, articles, "2026-01-01T00:00:00Z");
  return { settings: settings(over), articles, tags: TAGS, updated };
}
