// A small hostile Site for the page tests: markup, ampersands and quotes in titles and names, a control
// character, RTL text and emoji, a French article, an unknown publication date, a `javascript:` URL,
// authors 0/1/3, a story with several captures and a tag with no articles.

import type { Article, Site, Tag } from "../../../src/shared/types";

export const HOSTILE_TITLE = `<script>alert("pwned")</script> Tom & Jerry's "great" <b>escape</b>`;

export const TAGS: Tag[] = [
  { slug: "llama", name: "Llama", description: "Open-weight models & friends." },
  { slug: "meta", name: 'Meta <Platforms> & "Co"', description: "The <company> behind it all." },
  { slug: "ami-labs", name: "AMI Labs", description: "World models, à la française." },
  { slug: "empty", name: "Nothing Yet", description: "A tag that has no articles so far." },
];

let counter = 0;
function article(partial: Partial<Article> & Pick<Article, "slug" | "title" | "date">): Article {
  counter += 1;
  const id = `urn:uuid:00000000-0000-4000-8000-${String(counter).padStart(12, "0")}`;
  return {
    id,
    file: `corpus/${partial.slug}.txt`,
    subtitle: null,
    authors: [],
    publisher: "Example Times",
    url: `https://news.example.com/${partial.slug}`,
    language: "en",
    published: partial.date,
    updated: null,
    captured: null,
    dateSource: "dateline",
    summary: `Summary of ${partial.title}`,
    contentHtml: "<p>Body text.</p>",
    text: "Body text.",
    wordCount: 2,
    tags: [],
    story: id,
    related: [],
    sources: [
      {
        kind: "capture",
        title: "Example Times",
        id: null,
        link: "https://news.example.com/",
        feedUrl: null,
        url: `https://news.example.com/${partial.slug}`,
        file: `corpus/${partial.slug}.txt`,
      },
    ],
    ...partial,
  };
}

// Newest first, as the Site contract promises.
const a1 = article({
  slug: "hostile",
  title: HOSTILE_TITLE,
  subtitle: `Subtitle with <img src=x onerror=alert(1)> & more`,
  date: "2026-11-20T09:30:00Z",
  updated: "2026-11-21T10:00:00Z",
  authors: ["Ann <Admin>", "Bob & Co", 'Chloé "CJ" O\'Neil'],
  publisher: `Evil & <Sons>`,
  url: "javascript:alert(1)",
  summary: `A summary with <script>alert(2)</script> & "quotes"`,
  contentHtml:
    "<p>Escaped &lt;script&gt;alert(3)&lt;/script&gt; stays text.</p><h2>Section</h2><ul><li>One</li><li>Two</li></ul><table><tr><th>Event</th><th>Time</th></tr><tr><td>Release</td><td>April 2026</td></tr></table><blockquote>A quote.</blockquote>",
  tags: ["llama", "meta"],
  wordCount: 900,
});
const a2 = article({
  slug: "rtl-emoji",
  title: "שלום עולם 🦙 — مرحبا بالعالم",
  date: "2026-11-18T00:00:00Z",
  language: "he",
  summary: "טקסט מימין לשמאל 🦙",
  authors: ["Dana"],
  tags: ["llama"],
});
const a3 = article({
  slug: "francais",
  title: "Yann LeCun lance AMI Labs : « un ami » ?",
  date: "2026-11-15T00:00:00Z",
  language: "fr",
  publisher: "Le Journal",
  url: "https://journal.example.fr/lecun",
  summary: "L’ancien scientifique en chef de Meta fonde sa société.",
  tags: ["ami-labs", "meta"],
});
const a4 = article({
  slug: "captured-only",
  title: "Bell\u0007 in the title, date unknown",
  date: "2026-11-12T00:00:00Z",
  published: null,
  captured: "2026-11-12T00:00:00Z",
  dateSource: "captured",
  publisher: null,
  url: "https://blog.example.org/post",
  tags: ["llama"],
});
const a5 = article({
  slug: "story-b",
  title: "Second capture of the story",
  date: "2026-11-10T00:00:00Z",
  tags: ["meta"],
});
const a6 = article({
  slug: "story-a",
  title: "First capture of the story",
  date: "2026-11-05T00:00:00Z",
  publisher: null,
  url: null,
});
// A long, realistic body so the screenshots show the article typography.
const LONG_BODY = [
  "<p>The lab that shaped a decade of open research is changing course. Its founder argues that the industry has converged on a single idea, and that the convergence itself is the risk: when everybody digs the same trench, nobody maps the rest of the field.</p>",
  "<p>Critics answer that scale keeps working, and that the open-weight releases of the past year prove a healthy community can form around one approach. Both sides agree on one thing: the next two years will decide which research directions survive.</p>",
  "<h2>What changes for developers</h2>",
  "<p>In the short term, very little. Release rhythms are set months in advance and the community around the models is larger than any single team.</p>",
  "<ol><li><strong>Short term:</strong> releases continue on the announced schedule.</li><li><strong>Medium term:</strong> watch whether investment moves away from non-LLM research.</li><li><strong>Long term:</strong> the open ecosystem may need new stewards.</li></ol>",
  "<blockquote>“Everybody is working on the same thing. They are all digging the same trench.”</blockquote>",
  "<h3>Timeline</h3>",
  "<table><thead><tr><th>Event</th><th>When</th></tr></thead><tbody><tr><td>Model family released</td><td>April 2026</td></tr><tr><td>Research lab reorganised</td><td>June 2026</td></tr><tr><td>Contributors exceed 10,000</td><td>Q1 2026</td></tr></tbody></table>",
  "<p>Whatever happens next, the debate has moved from whether world models matter to who will build them, and whether they will be open.</p>",
].join("\n");
const a7 = article({
  slug: "oldest",
  title: "The oldest article, with a long body to show the typography",
  subtitle: "A founder leaves, and a debate about the direction of AI research opens up",
  authors: ["Jane Doe"],
  date: "2026-10-01T00:00:00Z",
  summary: "",
  contentHtml: LONG_BODY,
  wordCount: 260,
});

// Captures of the same story point at each other, closest first.
a6.story = a6.id;
a5.story = a6.id;
a3.story = a6.id;
a6.related = [a5.id, a3.id];
a5.related = [a6.id, a3.id];
a3.related = [a5.id, a6.id];

export const ARTICLES: Article[] = [a1, a2, a3, a4, a5, a6, a7];

export function fixtureSite(overrides: Partial<Site["settings"]> = {}): Site {
  return {
    settings: {
      title: `Feeds & "Friends" <Test>`,
      description: "Captured news about open models, tidied & tagged.",
      baseUrl: null,
      language: "en",
      itemsPerFeed: 3,
      websubHub: null,
      ...overrides,
    },
    articles: ARTICLES.map((a) => ({ ...a })),
    tags: TAGS.map((t) => ({ ...t })),
    updated: "2026-11-20T09:30:00Z",
  };
}

export const ORIGIN = "https://feeds.example.net";
