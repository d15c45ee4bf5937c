// The one registry of formats: which files are captures, and a saved page's `_files/` folder.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  CAPTURE_EXTENSIONS,
  FORMATS,
  formatOf,
  isPageAssets,
} from "../../../../src/pipeline/read/formats/index";
import { listCorpus } from "../../../../src/pipeline/read/read";

describe("formatOf", () => {
  const cases: [string, string | null][] = [
    ["a.txt", "text"],
    ["A.TXT", "text"],
    ["a.md", "markdown"],
    ["a.markdown", "markdown"],
    ["Page.html", "html"],
    ["page.HTM", "html"],
    ["feed.xml", "feed"],
    ["feed.rss", "feed"],
    ["feed.atom", "feed"],
    ["feed.json", "feed"],
    ["photo.jpg", null],
    ["noext", null],
  ];
  it.each(cases)("%s -> %s", (name, want) => {
    expect(formatOf(name)?.name ?? null).toBe(want);
  });
  it("every extension belongs to one format only", () => {
    const all = FORMATS.flatMap((f) => f.extensions);
    expect(new Set(all).size).toBe(all.length);
    expect(CAPTURE_EXTENSIONS).toBe(all.join(", "));
  });
});

describe("the corpus contract documents every format", () => {
  const doc = readFileSync("corpus/README.md", "utf8");
  it.each(FORMATS.flatMap((f) => f.extensions))("%s", (e) => {
    expect(doc).toContain(`\`${e}\``);
  });
});

describe("a saved page's assets folder", () => {
  const cases: [string, string[], boolean][] = [
    ["Page_files", ["Page.html", "Page_files"], true],
    ["Page_files", ["Page.htm"], true],
    ["Page_files", ["Other.html"], false],
    ["Page_files", ["Page.txt"], false],
    ["notes", ["notes.html"], false],
  ];
  it.each(cases)("%s beside %j is skipped: %s", (dir, siblings, want) => {
    expect(isPageAssets(dir, siblings)).toBe(want);
  });

  const root = mkdtempSync(join(tmpdir(), "formats-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  it("listCorpus lists the page and ignores everything in its folder", () => {
    writeFileSync(join(root, "Page.html"), "<p>x</p>");
    mkdirSync(join(root, "Page_files"));
    writeFileSync(join(root, "Page_files", "app.js"), "x()");
    writeFileSync(join(root, "Page_files", "inner.html"), "<p>frame</p>");
    mkdirSync(join(root, "Orphan_files"));
    writeFileSync(join(root, "Orphan_files", "x.js"), "x()");
    const l = listCorpus(root, "corpus");
    expect(l.articles.map((a) => a.rel)).toEqual(["Page.html"]);
    expect(l.unknown.map((a) => a.rel)).toEqual(["Orphan_files/x.js"]);
  });
});
