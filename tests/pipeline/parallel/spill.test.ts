// Article bodies in the spill file: the same strings back (whatever their characters), the same site and
// output as a build that keeps them in memory, and no article holding its bodies itself once spilled.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { describe, expect, it } from "vitest";
import { generateCorpus, writeCorpus } from "../../../bench/generate";
import { DEFAULT_SETTINGS } from "../../../src/pipeline/config";
import { assembleSiteOnThreads } from "../../../src/pipeline/parallel/index";
import { listCorpus } from "../../../src/pipeline/read/read";
import { renderSite } from "../../../src/pipeline/render/index";
import type { AssembleResult } from "../../../src/pipeline/site";
import { SpillStore, spilled } from "../../../src/pipeline/spill";

describe("SpillStore", () => {
  it.each([
    ["empty", ""],
    ["ASCII", "<p>plain &amp; simple</p>"],
    ["Latin-1 and beyond", "café – “quoted” 東京"],
    ["astral characters", "emoji 🎉 and 𝔘"],
    ["a lone high surrogate", "broken \uD83C here"],
    ["a lone low surrogate", "\uDF89 at the start"],
  ])("gives back %s strings unchanged", (_name, value) => {
    const store = new SpillStore();
    const get = store.put(value);
    store.put("something after it");
    expect(get()).toBe(value);
    store.close();
  });

  it("holds a property on disk where it was among the keys, and lets it be set again", () => {
    const store = new SpillStore();
    const obj = spilled(store, { a: 1, body: "long text", z: 2 }, ["body"]);
    expect(Object.getOwnPropertyDescriptor(obj, "body")?.get).toBeTypeOf("function");
    expect(JSON.stringify(obj)).toBe('{"a":1,"body":"long text","z":2}');
    expect({ ...obj }).toEqual({ a: 1, body: "long text", z: 2 });
    expect(store.read).toBe(2);
    obj.body = "new";
    expect(obj.body).toBe("new");
    expect(Object.keys(obj)).toEqual(["a", "body", "z"]);
    store.close();
  });

  it("keeps a spilled object of many keys in V8's fast mode, with one shape for all of them", () => {
    // An article has 25 keys: a dictionary-mode object cost about 1.5 KB more, held to the end.
    setFlagsFromString("--allow-natives-syntax");
    const fast = new Function("o", "return %HasFastProperties(o)") as (o: object) => boolean;
    const sameShape = new Function("a", "b", "return %HaveSameMap(a, b)") as (
      a: object,
      b: object,
    ) => boolean;
    const store = new SpillStore();
    const make = () =>
      spilled(
        store,
        // Spilled keys among the others, as an article's are.
        Object.fromEntries(
          Array.from({ length: 25 }, (_, i) => (i % 8 === 2 ? [`body${i}`, "text"] : [`k${i}`, i])),
        ),
        ["body2", "body10", "body18"],
      );
    const [a, b] = [make(), make()];
    expect(fast(a)).toBe(true);
    expect(sameShape(a, b)).toBe(true);
    store.close();
  });

  it("removes its file when closed, and refuses reads after", () => {
    const store = new SpillStore();
    const get = store.put("x");
    const dir = (store as unknown as { dir: string }).dir;
    expect(existsSync(dir)).toBe(true);
    store.close();
    expect(existsSync(dir)).toBe(false);
    expect(() => get()).toThrow(/read after close/);
  });
});

describe("a build with its bodies spilled", () => {
  const taxonomy = readFileSync("corpus/taxonomy.yaml", "utf8");
  const rendered = (r: AssembleResult) => {
    if (!r.ok) throw new Error("the generated corpus should build");
    const out = renderSite(r.value.site, "auto");
    return {
      site: JSON.stringify(r.value.site),
      files: out.files.map((f) => [f.path, Buffer.from(f.bytes).toString("base64")]),
      table: Buffer.from(out.table).toString("base64"),
      blob: Buffer.from(out.blob).toString("base64"),
    };
  };

  it("gives the same site and output, with every article's bodies on disk", async () => {
    const dir = mkdtempSync(join(tmpdir(), "spill-"));
    writeCorpus(dir, generateCorpus(16, taxonomy).files);
    const opts = { threads: 2, workersOnly: true, transfer: true };
    const kept = await assembleSiteOnThreads(listCorpus(dir, "corpus"), DEFAULT_SETTINGS, "corpus", opts);
    const store = new SpillStore();
    const spilled = await assembleSiteOnThreads(listCorpus(dir, "corpus"), DEFAULT_SETTINGS, "corpus", {
      ...opts,
      spill: store,
    });
    if (!spilled.ok) throw new Error("the generated corpus should build");
    // Counted, not timed: three bodies per capture's draft went to disk, and the articles that were not
    // merged from copies (a merge builds a new article) hold none of them.
    expect(store.stored).toBeGreaterThanOrEqual(3 * spilled.value.site.articles.length);
    const onDisk = spilled.value.site.articles.filter(
      (a) =>
        Object.getOwnPropertyDescriptor(a, "contentHtml")?.get !== undefined &&
        Object.getOwnPropertyDescriptor(a, "text")?.get !== undefined,
    );
    expect(onDisk.length).toBeGreaterThanOrEqual(
      spilled.value.site.articles.length - spilled.value.merges.length,
    );
    expect(rendered(spilled)).toEqual(rendered(kept));
    store.close();
  });
});
