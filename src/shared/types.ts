// The plain data that flows through the pipeline (parse -> clean -> enrich -> render -> serve).
// Everything here is JSON-serialisable and free of Node or Workers types, because both sides import it.

/** A block of cleaned article content. `line` is the 1-based line in the corpus file it came from. */
export type Block =
  | { type: "heading"; level: 2 | 3 | 4; text: string; line: number }
  | { type: "paragraph"; text: string; line: number; html?: string }
  | { type: "list"; ordered: boolean; items: string[]; line: number; itemsHtml?: string[] }
  | { type: "table"; rows: string[][]; header: boolean; line: number }
  | { type: "quote"; text: string; line: number; html?: string }
  | { type: "code"; text: string; line: number };

/** Where an article's date came from; shown to readers when it is not a real publication date. */
export type DateSource = "front-matter" | "dateline" | "captured";

/**
 * Where an article came from: the feed it was read from, the saved page, or the pasted capture. An
 * article merged from several copies (src/pipeline/enrich/merge.ts) lists every one, the kept copy first.
 */
export interface ArticleSource {
  kind: "feed" | "page" | "capture";
  /** The feed's title; for a page or capture, its publisher, else its site's host. */
  title: string;
  /** The feed's own id (Atom `id`, JSON Feed `feed_url`, RSS channel link); null for a page or capture. */
  id: string | null;
  /** The source's home page: the feed's link; a page's or capture's site (its URL's origin). */
  link: string | null;
  /** The feed document's own address when the feed declares it (self link, `feed_url`, RDF about). */
  feedUrl: string | null;
  /** This copy's own address: the item's link, the page's canonical URL, the capture's `url`. */
  url: string | null;
  /** The corpus file it was read from. */
  file: string;
}

export interface Tag {
  slug: string;
  name: string;
  description: string;
}

export interface Article {
  /** Stable id, identical in RSS guid, Atom id and JSON Feed id: `urn:uuid:` derived from the slug. */
  id: string;
  /** From the file name only, so editing the text never changes it. */
  slug: string;
  /** Corpus-relative path, e.g. `corpus/001_x.txt`. */
  file: string;
  title: string;
  subtitle: string | null;
  authors: string[];
  publisher: string | null;
  /** Address of the original article, when known. */
  url: string | null;
  /** BCP 47 primary tag, e.g. `en`, `fr`. */
  language: string;
  /** RFC 3339 timestamps (UTC, `Z`). `published` is null when the capture shows no publication date. */
  published: string | null;
  updated: string | null;
  captured: string | null;
  /** The date used for ordering and display: published, else the documented fallback (captured). */
  date: string;
  dateSource: DateSource;
  /** Plain text, never HTML. */
  summary: string;
  contentHtml: string;
  text: string;
  wordCount: number;
  /** Tag slugs, in taxonomy order. */
  tags: string[];
  /** Story id shared by captures of the same story (the id of the story's earliest article). */
  story: string;
  /** Ids of the other captures of the same story, closest first. */
  related: string[];
  /** Every copy this article was built from (at least one), the kept copy first. */
  sources: ArticleSource[];
}

export interface SiteSettings {
  title: string;
  description: string;
  /** Absolute base URL without trailing slash, or null: then the request's origin is used. */
  baseUrl: string | null;
  language: string;
  itemsPerFeed: number;
  websubHub: string | null;
}

/** What the build hands to the renderers. Articles are sorted newest first (date desc, then id). */
export interface Site {
  settings: SiteSettings;
  articles: Article[];
  tags: Tag[];
  /** Newest value of the site's clock (src/pipeline/render/clock.ts): never the wall clock. */
  updated: string;
}
