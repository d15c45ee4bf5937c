import { describe, expect, it } from "vitest";
import siteJson from "../../.generated/site.json";
import { entryOrder, lastChanged } from "../../src/pipeline/render/clock";
import type { Site } from "../../src/shared/types";
import { firstPath, get, manifest, pick, REPEATED_ON_304 } from "./support";

async function validators(path: string) {
  const res = await get(path);
  await res.arrayBuffer();
  const etag = res.headers.get("etag") ?? "";
  const lm = res.headers.get("last-modified") ?? "";
  return { res, etag, opaque: etag.slice(1, -1), lm, lmMs: Date.parse(lm) };
}

const imf = (ms: number) => new Date(ms).toUTCString();
const rfc850 = (ms: number) => {
  const d = new Date(ms);
  const day = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"][d.getUTCDay()];
  const [, dd, mon, yyyy, time] = d.toUTCString().split(" ");
  return `${day}, ${dd}-${mon}-${(yyyy ?? "").slice(2)} ${time} GMT`;
};
const asctime = (ms: number) => {
  const d = new Date(ms);
  const [wd, dd, mon, yyyy, time] = d.toUTCString().replace(",", "").split(" ");
  return `${wd} ${mon} ${String(Number(dd)).padStart(2, " ")} ${time} ${yyyy}`;
};

type Case = [
  name: string,
  headers: (v: Awaited<ReturnType<typeof validators>>) => Record<string, string>,
  status: number,
];

const CASES: Case[] = [
  ["INM exact match", (v) => ({ "If-None-Match": v.etag }), 304],
  ["INM no match", () => ({ "If-None-Match": '"nope"' }), 200],
  ["INM list containing it", (v) => ({ "If-None-Match": `"a", ${v.etag} , "b"` }), 304],
  ["INM list without it", () => ({ "If-None-Match": '"a", "b"' }), 200],
  ["INM weak form matches (weak comparison)", (v) => ({ "If-None-Match": `W/${v.etag}` }), 304],
  ["INM *", () => ({ "If-None-Match": "*" }), 304],
  ["INM unquoted garbage", (v) => ({ "If-None-Match": v.opaque }), 200],
  ["INM empty", () => ({ "If-None-Match": "" }), 200],
  ["INM other-origin ETag does not match", (v) => ({ "If-None-Match": `"${v.opaque}x"` }), 200],
  ["IMS equal", (v) => ({ "If-Modified-Since": v.lm }), 304],
  ["IMS after", (v) => ({ "If-Modified-Since": imf(v.lmMs + 86_400_000) }), 304],
  ["IMS before", (v) => ({ "If-Modified-Since": imf(v.lmMs - 1000) }), 200],
  ["IMS rfc850 equal", (v) => ({ "If-Modified-Since": rfc850(v.lmMs) }), 304],
  ["IMS asctime equal", (v) => ({ "If-Modified-Since": asctime(v.lmMs) }), 304],
  ["IMS asctime before", (v) => ({ "If-Modified-Since": asctime(v.lmMs - 1000) }), 200],
  ["IMS invalid -> ignored", () => ({ "If-Modified-Since": "yesterday" }), 200],
  ["IMS impossible date -> ignored", () => ({ "If-Modified-Since": "Mon, 31 Feb 2099 00:00:00 GMT" }), 200],
  ["IMS ISO format -> ignored", () => ({ "If-Modified-Since": "2099-01-01T00:00:00Z" }), 200],
  [
    "both, INM matches, IMS before -> INM wins",
    (v) => ({ "If-None-Match": v.etag, "If-Modified-Since": imf(v.lmMs - 1000) }),
    304,
  ],
  [
    "both, INM misses, IMS after -> INM wins",
    (v) => ({ "If-None-Match": '"nope"', "If-Modified-Since": imf(v.lmMs + 1000) }),
    200,
  ],
];

const PATHS = [
  firstPath("feed"),
  firstPath("html"),
  firstPath("json"),
  firstPath("opml"),
  "/api/articles",
  "/api/articles?limit=2",
];

describe.each(PATHS)("conditional GET %s", (path) => {
  it.each(CASES)("%s", async (_name, headers, status) => {
    const v = await validators(path);
    const res = await get(path, { headers: headers(v) });
    expect(res.status).toBe(status);
    const body = await res.text();
    if (status === 304) {
      expect(body).toBe("");
      expect(pick(res, REPEATED_ON_304)).toEqual(pick(v.res, REPEATED_ON_304));
    } else {
      expect(res.headers.get("etag")).toBe(v.etag);
      expect(body.length).toBeGreaterThan(0);
    }
  });

  it("HEAD answers conditionals too", async () => {
    const v = await validators(path);
    const res = await get(path, { method: "HEAD", headers: { "If-None-Match": v.etag } });
    expect(res.status).toBe(304);
  });
});

describe("conditionals do not apply", () => {
  it("to the 404 page", async () => {
    const res = await get("/no/such", { headers: { "If-None-Match": "*" } });
    expect(res.status).toBe(404);
  });

  it("to other methods (405 stays 405)", async () => {
    const res = await get(firstPath("feed"), { method: "POST", headers: { "If-None-Match": "*" } });
    expect(res.status).toBe(405);
  });
});

it("ETags are strong, deterministic and differ between routes", async () => {
  const a = await get(firstPath("feed"));
  const b = await get(firstPath("feed"));
  const c = await get(firstPath("html"));
  expect(a.headers.get("etag")).toMatch(/^"[A-Za-z0-9_-]+(-[a-z0-9]+)?"$/);
  expect(a.headers.get("etag")).toBe(b.headers.get("etag"));
  expect(c.headers.get("etag")).not.toBe(a.headers.get("etag"));
  expect(manifest.buildId.length).toBeGreaterThan(8);
});

describe("a client sending only If-Modified-Since sees the latest arrival (issue 9, item 2)", () => {
  // The served build is the build before it plus its latest arrival. The seeds all share one date, so
  // with Last-Modified read from article dates that build's Last-Modified equalled this one's: 304.
  const site = siteJson as unknown as Site;
  const arrival = entryOrder(site.articles).at(-1);
  const before = site.articles.filter((a) => a !== arrival);
  const previous = (articles: readonly Site["articles"][number][]) =>
    imf(Date.parse(lastChanged({ articles: before }, articles, "1970-01-01T00:00:00Z")));
  const feeds = [
    "/feed.xml",
    "/atom.xml",
    "/feed.json",
    ...(arrival?.tags ?? []).map((t) => `/tags/${t}/atom.xml`),
  ];

  it.each(feeds)(
    "%s: If-Modified-Since the previous build's Last-Modified gives 200 with the arrival",
    async (path) => {
      const tag = path.startsWith("/tags/") ? path.split("/")[2] : undefined;
      const stale = previous(before.filter((a) => tag === undefined || a.tags.includes(tag)));
      const res = await get(path, { headers: { "If-Modified-Since": stale } });
      expect(res.status).toBe(200);
      expect(Date.parse(res.headers.get("last-modified") ?? "")).toBeGreaterThan(Date.parse(stale));
      expect(await res.text()).toContain(arrival?.id ?? "no arrival");
      const again = await get(path, {
        headers: { "If-Modified-Since": res.headers.get("last-modified") ?? "" },
      });
      expect(again.status).toBe(304);
    },
  );
});
