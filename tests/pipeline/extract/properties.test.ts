// Properties over arbitrary and article-shaped inputs.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ingest } from "../../../src/pipeline/extract/index";

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/u;

// Article-shaped documents: a headline, prose, headings, lists, and chrome lines in between.
const sentence = fc
  .array(
    fc.constantFrom(
      "the",
      "model",
      "Meta",
      "research",
      "said",
      "on",
      "Monday",
      "growth",
      "was",
      "strong",
      "and",
      "labs",
      "in",
      "Paris",
      "data",
      "costs",
      "rose",
    ),
    { minLength: 8, maxLength: 30 },
  )
  .map((ws) => `${ws.join(" ").replace(/^./u, (c) => c.toUpperCase())}.`);
const heading = fc
  .array(fc.constantFrom("Market", "Outlook", "Research", "Labs", "Talent", "Compute", "Strategy"), {
    minLength: 2,
    maxLength: 5,
  })
  .map((ws) => ws.join(" "));
const chrome = fc.constantFrom(
  "Advertisement",
  "Share",
  "Search",
  "Open App",
  "Subscribe to our newsletter",
  "© 2026 Example",
  "Skip to content",
  "Image Not Found",
  "Read more: Other story here",
);
const list = fc
  .array(sentence, { minLength: 2, maxLength: 4 })
  .map((xs) => xs.map((x) => `- ${x}`).join("\n"));
const section = fc.oneof(
  sentence,
  sentence,
  heading.map((h) => h),
  list,
  chrome,
);
const article = fc
  .tuple(heading, fc.array(section, { minLength: 1, maxLength: 12 }), sentence)
  .map(([title, parts, first]) => [`${title} Today`, first, ...parts].join("\n\n"));

const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 400 }),
  fc.string({ unit: "grapheme", maxLength: 400 }),
  fc
    .array(
      fc.oneof(
        fc.string({ maxLength: 60 }),
        chrome,
        sentence,
        heading,
        fc.constantFrom("", "- ", "# x", "| a | b |", "<b>x</b>", "February 30, 2026", "By X"),
      ),
      { maxLength: 30 },
    )
    .map((xs) => xs.join("\n")),
);

/** The cleaned text ingested again, with its headline printed above it as a capture would print it. */
function secondPass(first: ReturnType<typeof ingest>): ReturnType<typeof ingest> {
  return ingest({ file: "p.txt", body: `${first.title}\n\n${first.text}`, format: "text", firstLine: 1 });
}

describe("ingest properties", () => {
  it("never throws and never leaks control characters or unescaped markup", () => {
    fc.assert(
      fc.property(
        anyText,
        fc.constantFrom("text" as const, "markdown" as const),
        fc.integer({ min: -3, max: 50 }),
        (body, format, firstLine) => {
          const out = ingest({ file: "p.txt", body, format, firstLine });
          expect(CONTROL.test(out.text)).toBe(false);
          expect(CONTROL.test(out.contentHtml.replace(/\n/gu, ""))).toBe(false);
          // Every "<" in the HTML opens one of our own tags.
          const stray = out.contentHtml.replace(
            /<\/?(?:p|h[234]|ul|ol|li|table|thead|tbody|tr|th|td|blockquote|pre|code|strong|em|del|br|a(?: href="[^"<>]*")?)>/gu,
            "",
          );
          expect(stray).not.toContain("<");
          expect(out.wordCount).toBeGreaterThanOrEqual(0);
          for (const r of out.removed) expect(typeof r.rule).toBe("string");
        },
      ),
      { numRuns: 400 },
    );
  });

  it("markdown with hostile HTML stays escaped", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          "<script>alert(1)</script>",
          "<img src=x onerror=alert(1)>",
          "[x](javascript:alert(1))",
          "<iframe src=//evil></iframe>",
          "a <b onclick=x>b</b> c",
        ),
        sentence,
        (evil, s) => {
          const out = ingest({
            file: "p.md",
            body: `# Title Here Now\n\n${s} ${evil}\n\n${evil}\n`,
            format: "markdown",
            firstLine: 1,
          });
          expect(out.contentHtml).not.toMatch(/<script|<img|<iframe|javascript:|onerror|onclick/iu);
        },
      ),
    );
  });

  it("is idempotent: ingesting the cleaned text again keeps the same text", () => {
    fc.assert(
      fc.property(article, (body) => {
        const first = ingest({ file: "p.txt", body, format: "text", firstLine: 1 });
        // When cleaning would leave nothing, the whole text is kept with a warning: a fallback, not a
        // cleaned text, so cleaning it again may well remove something.
        fc.pre(!first.warnings.some((w) => /whole text was kept/u.test(w.message)));
        const again = ingest({
          file: "p.txt",
          body: first.text,
          format: "text",
          firstLine: 1,
          ...(first.title ? { title: first.title } : {}),
        });
        expect(again.text).toBe(first.text);
      }),
      { numRuns: 300 },
    );
  });

  it("is idempotent on the seeds' shapes too (with the title line prepended)", () => {
    fc.assert(
      fc.property(article, (body) => {
        const first = ingest({ file: "p.txt", body, format: "text", firstLine: 1 });
        fc.pre(!first.warnings.some((w) => /whole text was kept/u.test(w.message)));
        expect(secondPass(first).text).toBe(first.text);
      }),
      { numRuns: 200 },
    );
  });

  // Known defect, found by the property above on other seeds (about 1 sample in 2,000): once the first
  // pass drops the word-salad lede, a heading lower down wins the headline on the second pass (the
  // first line reads as a masthead above it). `it.fails` keeps it on record and turns red once fixed.
  it.fails("known: a heading after a list takes the headline on the second pass", () => {
    const body = [
      "Market Market Today",
      "The the in the in the the the.",
      "Subscribe to our newsletter",
      "The the the the the the the the.",
      "Skip to content",
      "- The the the the the the the on.\n- The the the growth Monday the the the the costs the the Monday the strong.",
      "Market Market Market",
      "The the the the the costs the model the the the model the the.",
      "Market Market",
    ].join("\n\n");
    const first = ingest({ file: "p.txt", body, format: "text", firstLine: 1 });
    expect(secondPass(first).text).toBe(first.text);
  });
});
