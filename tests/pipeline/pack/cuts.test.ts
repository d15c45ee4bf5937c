import { describe, expect, it } from "vitest";
import { structuralCuts } from "../../../src/pipeline/pack/cuts";

const enc = new TextEncoder();
const dec = new TextDecoder();

/** The body split at its cuts. */
function parts(body: string): string[] {
  const bytes = enc.encode(body);
  const out: string[] = [];
  let from = 0;
  for (const cut of [...structuralCuts(bytes), bytes.length]) {
    out.push(dec.decode(bytes.subarray(from, cut)));
    from = cut;
  }
  return out;
}

describe("structuralCuts", () => {
  it.each([
    [
      "RSS items and their content",
      "<channel><item><title>A</title><content:encoded>&lt;p&gt;x&lt;/p&gt;</content:encoded></item><item>",
      [
        "<channel>",
        "<item><title>A</title><content:encoded>",
        "&lt;p&gt;x&lt;/p&gt;",
        "</content:encoded></item>",
        "<item>",
      ],
    ],
    [
      "Atom entries",
      '<feed><entry><content type="html">&lt;p&gt;x&lt;/p&gt;</content></entry>',
      ["<feed>", '<entry><content type="html">', "&lt;p&gt;x&lt;/p&gt;", "</content></entry>"],
    ],
    [
      "JSON strings, escaped quotes kept inside",
      '{"items":[{"id":"1","content_html":"<a href=\\"x\\">\\\\</a>","n":1}]}',
      ['{"items":[', '{"id":"1","content_html":"', '<a href=\\"x\\">\\\\</a>', '","n":1}]}'],
    ],
    ["nothing to cut", "plain text, no markers", ["plain text, no markers"]],
    ["an unclosed value is cut at its start only", '{"text":"abc', ['{"text":"', "abc"]],
  ])("%s", (_what, body, expected) => {
    expect(parts(body)).toEqual(expected);
  });

  it("the same content value is the same part in RSS and Atom", () => {
    const content = "&lt;p&gt;Shared paragraph.&lt;/p&gt;";
    const rss = parts(`<item><content:encoded>${content}</content:encoded></item>`);
    const atom = parts(`<entry><content type="html">${content}</content></entry>`);
    expect(rss).toContain(content);
    expect(atom).toContain(content);
  });

  it("stays linear on a large body full of markers", () => {
    const body = "<item>".repeat(50_000);
    expect(structuralCuts(enc.encode(body))).toHaveLength(49_999);
  });
});
