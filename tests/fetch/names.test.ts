// The saved file's name and the state file's bytes: both must be the same on every run and machine.
import { describe, expect, it } from "vitest";
import { feedStem } from "../../src/fetch/names";
import { parseState, serializeState } from "../../src/fetch/state";

describe("feedStem", () => {
  it.each([
    ["https://www.courier.example/feed.xml", "courier-example-feed"],
    ["https://courier.example/", "courier-example"],
    ["http://courier.example:8080/rss", "courier-example-8080-rss"],
    ["https://news.example/world/rss.xml?lang=en&x=1", "news-example-world-rss-lang-en-x-1"],
    ["https://blog.example/%C3%A9t%C3%A9/atom", "blog-example-ete-atom"],
    ["https://xn--80akhbyknj4f.example/feed.json", "xn-80akhbyknj4f-example-feed"],
    [`https://long.example/${"a".repeat(200)}`, `long-example-${"a".repeat(67)}`],
  ])("%s -> %s", (url, stem) => {
    expect(feedStem(new URL(url))).toBe(stem);
  });
});

describe("state file", () => {
  it("round-trips with sorted keys, whatever order it was built in", () => {
    const text = serializeState({
      "https://b.example/": {
        lastModified: "Mon, 02 Mar 2026 08:30:00 GMT",
        file: "feeds/b.xml",
        etag: '"2"',
      },
      "https://a.example/": { file: "feeds/a.json" },
    });
    expect(text).toBe(
      `{\n  "sources": {\n    "https://a.example/": {\n      "file": "feeds/a.json"\n    },\n    "https://b.example/": {\n      "etag": "\\"2\\"",\n      "file": "feeds/b.xml",\n      "lastModified": "Mon, 02 Mar 2026 08:30:00 GMT"\n    }\n  },\n  "version": 1\n}\n`,
    );
    expect(serializeState(parseState(text).state)).toBe(text);
  });

  it.each([
    ["{not json", /^is not valid JSON/],
    ["[]", /^has no "sources" object$/],
    ['{"sources": 3}', /^has no "sources" object$/],
  ])("starts afresh from %s, with a warning", (text, re) => {
    const r = parseState(text);
    expect(r.state).toEqual({});
    expect(r.warning).toMatch(re);
  });

  it("drops entries it cannot use (no file) and fields of the wrong type", () => {
    expect(parseState('{"sources": {"u": {"etag": "x"}, "v": {"file": "f", "etag": 7}}}').state).toEqual({
      v: { file: "f" },
    });
  });
});
