// Sizes are checked where input enters, before any cleaning; encodings and links get messages that
// say what they are.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { slugFromPath } from "../../../src/pipeline/enrich/identity";
import { parseMeta } from "../../../src/pipeline/read/frontmatter";
import { LIMITS } from "../../../src/pipeline/read/limits";
import { decode, listCorpus } from "../../../src/pipeline/read/read";

const utf16 = (s: string, le: boolean, bom: boolean): Uint8Array => {
  const out: number[] = bom ? (le ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out.push(...(le ? [c & 0xff, c >> 8] : [c >> 8, c & 0xff]));
  }
  return new Uint8Array(out);
};

describe("UTF-16 is read, not called binary", () => {
  it.each([
    ["little-endian with BOM", true, true],
    ["big-endian with BOM", false, true],
    ["little-endian without BOM (NUL pattern)", true, false],
    ["big-endian without BOM (NUL pattern)", false, false],
  ])("%s", (_n, le, bom) => {
    expect(decode(utf16("Titre été\r\n\r\nUn texte 東京.", le, bom))).toEqual({
      ok: true,
      text: "Titre été\n\nUn texte 東京.",
    });
  });
  it("says UTF-16 and how to convert when the pairs are broken", () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x00, 0xd8, 0x41, 0x00]);
    const d = decode(bytes);
    expect(d.ok).toBe(false);
    if (!d.ok) {
      expect(d.message).toMatch(/UTF-16LE/);
      expect(d.fix).toMatch(/iconv -f UTF-16LE -t UTF-8/);
    }
  });
  it("still calls a real binary file binary", () => {
    const d = decode(
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48]),
    );
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.message).toMatch(/binary/);
  });
});

describe("limits", () => {
  it("refuses a file over the size limit before decoding it, with the limit and a fix", () => {
    const d = decode(new Uint8Array(LIMITS.fileBytes + 1).fill(0x61));
    expect(d.ok).toBe(false);
    if (!d.ok) {
      expect(d.line).toBe(1);
      expect(d.message).toMatch(/over the limit of 2097152 bytes \(2\.0 MiB\)/);
      expect(d.fix).toMatch(/split/);
    }
  });
  it("refuses an oversized capture while listing, without reading it", () => {
    const dir = mkdtempSync(join(tmpdir(), "limits-"));
    writeFileSync(join(dir, "big.txt"), Buffer.alloc(LIMITS.fileBytes + 1, 0x61));
    writeFileSync(join(dir, "ok.txt"), "Title\n\nText.");
    const l = listCorpus(dir, "corpus");
    expect(l.articles.map((a) => a.rel)).toEqual(["ok.txt"]);
    expect(l.problems?.[0]).toMatchObject({ file: "corpus/big.txt", line: 1 });
    expect(l.problems?.[0]?.message).toMatch(/over the limit/);
  });
  it("refuses a corpus over the article limit", () => {
    const dir = mkdtempSync(join(tmpdir(), "many-"));
    for (const n of ["a", "b", "c"]) writeFileSync(join(dir, `${n}.txt`), "T\n\nx");
    const l = listCorpus(dir, "corpus", { articles: 2 });
    expect(l.problems?.[0]?.message).toMatch(/holds 3 articles, over the limit of 2/);
    expect(LIMITS.articles).toBe(50_000);
  });
  it.each([
    [
      "a long title",
      `title: ${"x".repeat(LIMITS.titleChars + 1)}`,
      /`title` is 301 characters long, over the limit of 300/,
    ],
    [
      "too many tags",
      `tags: [${Array.from({ length: 51 }, (_, i) => `t${i}`).join(", ")}]`,
      /lists 51 entries, over the limit of 50/,
    ],
    [
      "tags as a mapping",
      "tags:\n  llama: yes",
      /`tags` must be a list of names \(or one name\), not a mapping/,
    ],
    ["title as a list", "title: [a, b]", /`title` must be one piece of text, not a list/],
  ])("front matter: %s", (_n, yaml, message) => {
    const m = parseMeta(yaml);
    expect(m.problems[0]?.message).toMatch(message);
    expect(m.problems[0]?.line).toBe(1);
  });
  it("says which shape `tags` expects", () => {
    expect(parseMeta("tags:\n  llama: yes").problems[0]?.fix).toMatch(/tags: \[A, B\]/);
  });
});

describe("symbolic links in the corpus", () => {
  const make = () => {
    const root = mkdtempSync(join(tmpdir(), "links-"));
    const corpus = join(root, "corpus");
    mkdirSync(join(corpus, "sub"), { recursive: true });
    writeFileSync(join(corpus, "sub", "a.txt"), "Title\n\nText.");
    writeFileSync(join(root, "outside.txt"), "Secret\n\nText.");
    return { root, corpus };
  };
  it("follows a link to a file inside; refuses links to folders (read already, or a cycle)", () => {
    const { corpus } = make();
    symlinkSync(join(corpus, "sub", "a.txt"), join(corpus, "b.txt"));
    symlinkSync(join(corpus, "sub"), join(corpus, "again"));
    symlinkSync(corpus, join(corpus, "sub", "loop"));
    const l = listCorpus(corpus, "corpus");
    expect(l.articles.map((a) => a.rel)).toEqual(["b.txt", "sub/a.txt"]);
    expect((l.problems ?? []).map((p) => `${p.file}: ${p.message}`)).toEqual([
      "corpus/again: is a symbolic link to the folder sub of the corpus, which is read already under its own name",
      "corpus/sub/loop: is a symbolic link to the folder . of the corpus, which is read already under its own name",
    ]);
  });
  it("reports links that leave the corpus or point nowhere", () => {
    const { root, corpus } = make();
    symlinkSync(join(root, "outside.txt"), join(corpus, "out.txt"));
    symlinkSync(join(root, "missing.txt"), join(corpus, "dangling.txt"));
    const l = listCorpus(corpus, "corpus");
    expect(l.articles.map((a) => a.rel)).toEqual(["sub/a.txt"]);
    const msgs = (l.problems ?? []).map((p) => `${p.file}: ${p.message}`);
    expect(msgs).toEqual([
      "corpus/dangling.txt: is a symbolic link to nothing (its target does not exist)",
      expect.stringMatching(
        /^corpus\/out\.txt: is a symbolic link to .*outside\.txt, outside the corpus folder$/,
      ),
    ]);
  });
});

describe("slugs of non-Latin file names", () => {
  it.each([
    ["東京ニュース.txt", "dongjingniyusu"],
    ["Москва новости.md", "moskva-novosti"],
    ["한국 뉴스.txt", "hangug-nyuseu"],
    ["Ελλάδα 2026.txt", "ellada-2026"],
    // Latin names keep the slug (and so the id) they always had.
    ["000_33380f2230881e0f.txt", "000-33380f2230881e0f"],
    ["sub/Été à Paris.md", "ete-a-paris"],
    ["Søren Straße.txt", "s-ren-stra-e"],
    ["ＡＢＣ１２.txt", "abc12"],
    ["🦙.txt", ""],
  ])("%s -> %j", (path, slug) => {
    expect(slugFromPath(path)).toBe(slug);
  });
});
