import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderOpml } from "../../../src/pipeline/render/opml";
import { fixtureSite, ORIGIN, TAGS } from "./fixture";

interface Outline {
  "@_type"?: string;
  "@_text"?: string;
  "@_title"?: string;
  "@_xmlUrl"?: string;
  "@_htmlUrl"?: string;
  outline?: Outline[];
}

const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "outline" });

function parse(body: string) {
  expect(XMLValidator.validate(body)).toBe(true);
  return parser.parse(body) as {
    opml: { "@_version": string; head: Record<string, string>; body: { outline: Outline[] } };
  };
}

function feeds(outlines: Outline[]): Outline[] {
  return outlines.flatMap((o) => [...(o["@_type"] === "rss" ? [o] : []), ...feeds(o.outline ?? [])]);
}

describe("renderOpml", () => {
  const route = renderOpml({ site: fixtureSite(), origin: ORIGIN });
  const doc = parse(route.body);

  it("is an OPML 2.0 route with the right metadata", () => {
    expect(route).toMatchObject({ path: "/opml.xml", type: "text/x-opml; charset=utf-8", kind: "opml" });
    expect(route.lastModified).toBe("2026-11-20T09:30:00Z");
    expect(doc.opml["@_version"]).toBe("2.0");
    expect(doc.opml.head.dateModified).toBe("Fri, 20 Nov 2026 09:30:00 GMT");
    expect(doc.opml.head.title).toBe(`Feeds & "Friends" <Test>: every feed`);
  });

  it("lists each feed once, in Atom (importing it subscribes once per feed), absolute URLs", () => {
    const all = feeds(doc.opml.body.outline);
    expect(all).toHaveLength(1 + TAGS.length);
    const expected = ["", ...TAGS.map((t) => `/tags/${t.slug}`)].map((base) => ({
      xml: `${ORIGIN}${base}/atom.xml`,
      html: `${ORIGIN}${base || "/"}`,
    }));
    expect(new Set(all.map((o) => o["@_xmlUrl"])).size).toBe(all.length);
    expect(all.map((o) => ({ xml: o["@_xmlUrl"], html: o["@_htmlUrl"] }))).toEqual(expected);
    for (const o of all) {
      expect(o["@_text"]).toBeTruthy();
      expect(o["@_title"]).toBe(o["@_text"]);
    }
  });

  it("lists the sources the site aggregates as a separate group of links, each once", () => {
    const group = doc.opml.body.outline.find((o) => o["@_text"] === "Sources this site aggregates");
    const rows = (group?.outline ?? []) as (Outline & { "@_url"?: string })[];
    expect(rows.length).toBeGreaterThan(0);
    // Links, not subscriptions: importing the list must not deliver a source's articles twice.
    for (const o of rows) expect(o["@_type"]).toBe("link");
    expect(rows.map((o) => o["@_url"])).toEqual(["https://news.example.com/"]);
    expect(rows.map((o) => o["@_text"])).toEqual(["Example Times"]);
  });

  it("escapes tag names (the parser sees the original text)", () => {
    const texts = feeds(doc.opml.body.outline).map((o) => o["@_text"]);
    expect(texts).toContain(`Feeds & "Friends" <Test> — Meta <Platforms> & "Co"`);
  });

  it("lists every feed even for a site with no tags", () => {
    const empty = parse(
      renderOpml({ site: { ...fixtureSite(), tags: [], articles: [] }, origin: ORIGIN }).body,
    );
    expect(feeds(empty.opml.body.outline)).toHaveLength(1);
  });

  afterEach(() => vi.useRealTimers());
  it("never uses the clock", () => {
    vi.useFakeTimers({ now: new Date("2001-01-01T00:00:00Z") });
    const a = renderOpml({ site: fixtureSite(), origin: ORIGIN }).body;
    vi.setSystemTime(new Date("2039-01-01T00:00:00Z"));
    expect(renderOpml({ site: fixtureSite(), origin: ORIGIN }).body).toBe(a);
  });

  it("rejects an inconsistent site with a clear error", () => {
    const site = fixtureSite();
    site.updated = "not a date";
    expect(() => renderOpml({ site, origin: ORIGIN })).toThrow(/site.updated is not an RFC 3339 date/);
  });
});
