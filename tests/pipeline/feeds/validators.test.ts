// The rendered feeds through independent validators (not written for this project): jing with the
// RFC 4287 schema + Schematron, Debian's feedparser, and the JSON Feed 1.1 schema checker. Each is
// skipped, with the reason printed, only when its tool is not installed on this machine.

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderFeeds } from "../../../src/pipeline/render/feeds/index";
import type { Article, Site } from "../../../src/shared/types";
import { hostileArticles, ORIGIN, site } from "./fixture";

const VALIDATORS = "/work/shared/validators";
const PY = "/usr/bin/python3";

function has(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { stdio: "ignore" }).status === 0;
}
const haveJing = existsSync(`${VALIDATORS}/atom-validate.sh`) && has("sh", ["-c", "command -v jing"]);
const haveFeedparser =
  existsSync(`${VALIDATORS}/feedparser-check.py`) && has(PY, ["-c", "import feedparser"]);
const haveJsonfeed = existsSync(`${VALIDATORS}/jsonfeed-validate.sh`) && has("sh", ["-c", "command -v node"]);
for (const [ok, what] of [
  [haveJing, "jing / atom-validate.sh"],
  [haveFeedparser, "python3-feedparser / feedparser-check.py"],
  [haveJsonfeed, "jsonfeed-validate.sh"],
] as const) {
  if (!ok)
    console.warn(
      `feeds validators: skipping ${what}: not installed here (apt-get install jing python3-feedparser)`,
    );
}

const dir = mkdtempSync(join(tmpdir(), "feeds-validate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(prefix: string, articles: Article[], edit: (s: Site) => Site = (s) => s): string[] {
  const routes = renderFeeds({
    site: edit(site(articles, { itemsPerFeed: 3, websubHub: "https://hub.example.net/" })),
    origin: ORIGIN,
  });
  return routes.map((r) => {
    const file = join(dir, prefix, r.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, r.body);
    return file;
  });
}

function run(cmd: string, args: string[]): { ok: boolean; out: string } {
  const res = spawnSync(cmd, args, { encoding: "utf8", timeout: 600_000 });
  return { ok: res.status === 0, out: `${res.stdout}${res.stderr}` };
}

const hostile = write("hostile", hostileArticles());
// The JSON Feed checker warns on any plain-text title/summary that merely LOOKS like HTML ("<Views>",
// "&lt;"), which a plain-text field may legitimately say; strict mode runs on a variant without such text.
const looksLikeHtml = (s: string) => s.replace(/<[^>]*>/g, "").replace(/&(?=[#a-zA-Z0-9]+;)/g, "& ");
const plain = write(
  "plain",
  hostileArticles().map((a) => ({ ...a, title: looksLikeHtml(a.title), summary: looksLikeHtml(a.summary) })),
  (s) => ({
    ...s,
    settings: { ...s.settings, title: "News & Views" },
    tags: s.tags.map((t) => ({ ...t, name: looksLikeHtml(t.name) })),
  }),
);

describe("independent validators", () => {
  it.skipIf(!haveJing)("every Atom document passes RFC 4287 RELAX NG + Schematron (jing)", () => {
    const files = hostile.filter((f) => f.endsWith("atom.xml"));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const r = run(`${VALIDATORS}/atom-validate.sh`, [f]);
      expect(r.ok, `${f}\n${r.out}`).toBe(true);
    }
  });

  it.skipIf(!haveFeedparser)("every RSS and Atom document parses in feedparser without bozo", () => {
    for (const f of hostile.filter((x) => x.endsWith(".xml"))) {
      const r = run(PY, [`${VALIDATORS}/feedparser-check.py`, f]);
      expect(r.ok, `${f}\n${r.out}`).toBe(true);
      expect(r.out).toContain("bozo: False");
    }
  });

  it.skipIf(!haveFeedparser)("feedparser reads the hostile title as the plain text it is", () => {
    const out = execFileSync(
      PY,
      [
        "-c",
        "import feedparser,sys,json;print(json.dumps([feedparser.parse(f).entries[0].title for f in sys.argv[1:]]))",
        join(dir, "hostile/feed.xml"),
        join(dir, "hostile/atom.xml"),
      ],
      { encoding: "utf8" },
    );
    const title = hostileArticles()[0]?.title;
    expect(JSON.parse(out)).toEqual([title, title]);
  });

  it.skipIf(!haveJsonfeed)("every JSON Feed passes the 1.1 schema and spec checks (errors)", () => {
    for (const f of hostile.filter((x) => x.endsWith(".json"))) {
      const r = run(`${VALIDATORS}/jsonfeed-validate.sh`, [f]);
      expect(r.ok, `${f}\n${r.out}`).toBe(true);
    }
  });

  it.skipIf(!haveJsonfeed)(
    "JSON Feeds pass --strict (no warnings) when no text merely looks like HTML",
    () => {
      for (const f of plain.filter((x) => x.endsWith(".json"))) {
        const r = run(`${VALIDATORS}/jsonfeed-validate.sh`, ["--strict", f]);
        expect(r.ok, `${f}\n${r.out}`).toBe(true);
      }
    },
  );
});
