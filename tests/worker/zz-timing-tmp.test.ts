// Property-based fuzzing of the Worker inside workerd: random paths, query strings, methods and headers
// (conditional-request garbage, Host, Accept, Range, ...). Whatever comes in, the Worker never answers 5xx,
// never echoes raw markup from the request into HTML/XML, keeps feeds well-formed, and sends no body on
// HEAD or 304.
import { exports } from "cloudflare:workers";
import fc from "fast-check";
import { XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";

const ORIGIN = "http://example.com";

/** Canonical paths discovered from the running Worker (OPML + JSON Feed), plus the documented ones. */
let known: string[] = [
  "/",
  "/feed.xml",
  "/atom.xml",
  "/feed.json",
  "/tags",
  "/opml.xml",
  "/api/articles",
  "/api/tags",
  "/archive/1/feed.xml",
  "/archive/1/atom.xml",
  "/archive/1/feed.json",
];

async function fetchText(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(`${ORIGIN}${path}`, init);
}

beforeAll(async () => {
  const found = new Set(known);
  const opml = await fetchText("/opml.xml");
  if (opml.status === 200) {
    for (const m of (await opml.text()).matchAll(/xmlUrl="([^"]+)"/g)) {
      const url = new URL((m[1] ?? "").replace(/&amp;/g, "&"), ORIGIN);
      found.add(url.pathname);
      const tag = /^(\/tags\/[^/]+)\//.exec(url.pathname);
      if (tag?.[1]) found.add(tag[1]);
    }
  }
  const feed = await fetchText("/feed.json");
  if (feed.status === 200) {
    try {
      const items = ((await feed.json()) as { items?: { url?: string; id?: string }[] }).items ?? [];
      for (const item of items) {
        if (!item.url) continue;
        const path = new URL(item.url).pathname;
        found.add(path);
        const slug = /^\/articles\/([^/]+)$/.exec(path)?.[1];
        if (slug) found.add(`/api/articles/${slug}`);
      }
    } catch {
      // A broken JSON Feed is caught by the well-formedness property below.
    }
  }
  known = [...found];
});

// Markers carry the characters that would break out of HTML/XML if echoed raw. The number makes each
// one unique so a hit can be traced back to the input that produced it.
const marker = fc.nat({ max: 99999 }).map((n) => `<fz${n}"'>`);

const nastyChars = fc.constantFrom(
  "a",
  "Z",
  "0",
  "-",
  "_",
  ".",
  "~",
  "%",
  "%00",
  "%zz",
  "%2F",
  "%2e%2e",
  "%C0%AF",
  "%FF",
  "..",
  "//",
  "<",
  ">",
  '"',
  "'",
  "&",
  ";",
  "=",
  "+",
  " ",
  "\u00e9",
  "\u202e",
  "\ud83c\udf89",
  "\u0000",
  "\\",
  "|",
  "`",
  "{",
  "}",
  "@",
  ":",
);
const junk = fc.array(nastyChars, { maxLength: 12 }).map((xs) => xs.join(""));

const segment = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "tags",
      "articles",
      "api",
      "archive",
      "feed.xml",
      "atom.xml",
      "feed.json",
      "0",
      "1",
      "99999999999999999999",
      "-1",
      "opml.xml",
      "index.html",
      ".well-known",
    ),
  },
  { weight: 2, arbitrary: junk },
  { weight: 1, arbitrary: marker },
);

// Built after discovery, so known paths include every tag feed and article the Worker serves.
function pathArb(paths: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...paths) },
    { weight: 2, arbitrary: fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => `/${s.join("/")}`) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...paths), fc.oneof(junk, marker, fc.constant("/"), fc.constant("//")))
        .map(([p, extra]) => `${p}${extra}`),
    },
  );
}

const query = fc.option(
  fc
    .array(
      fc.tuple(
        fc.oneof(junk, marker, fc.constantFrom("q", "page", "format", "callback")),
        fc.oneof(junk, marker),
      ),
      { maxLength: 4 },
    )
    .map((kv) => `?${kv.map(([k, v]) => `${k}=${v}`).join("&")}`),
  { nil: "" },
);

// Header values must be ByteStrings without CR/LF/NUL or the Request constructor itself throws.
const headerText = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 60,
});

const ifNoneMatch = fc.oneof(
  headerText,
  fc.constantFrom("*", '""', '"', 'W/"', 'W/""', '"a", "b"', ",,,", 'W/"x", *', `"${"x".repeat(500)}"`),
  marker,
);
const httpDate = fc.oneof(
  headerText,
  fc.constantFrom(
    "Thu, 01 Jan 1970 00:00:00 GMT",
    "Fri, 31 Dec 9999 23:59:59 GMT",
    "Sun, 06 Nov 1994 08:49:37 GMT",
    "0",
    "-1",
    "Feb 30 2026",
    "Tue, 30 Feb 2026 00:00:00 GMT",
    "NaN",
  ),
  fc.date({ min: new Date(-8e15), max: new Date(8e15), noInvalidDate: true }).map((d) => d.toUTCString()),
);
const headers = fc.record(
  {
    "if-none-match": ifNoneMatch,
    "if-modified-since": httpDate,
    "if-match": ifNoneMatch,
    "if-unmodified-since": httpDate,
    "if-range": fc.oneof(ifNoneMatch, httpDate),
    host: fc.oneof(
      headerText,
      marker,
      fc.constantFrom("example.com", "evil.example", "localhost:1", "[::1]", "a".repeat(300)),
    ),
    accept: fc.oneof(
      headerText,
      fc.constantFrom("*/*", "application/json", "text/html", "application/rss+xml;q=0", "image/*"),
    ),
    "accept-encoding": fc.oneof(headerText, fc.constantFrom("gzip", "br", "identity;q=0", "*;q=0")),
    "accept-language": headerText,
    range: fc.oneof(
      headerText,
      fc.constantFrom("bytes=0-0", "bytes=-1", "bytes=5-1", "bytes=0-99999999999", "bytes=abc", "items=0-1"),
    ),
    origin: fc.oneof(headerText, marker),
    referer: fc.oneof(headerText, marker),
    "user-agent": headerText,
    "x-forwarded-host": fc.oneof(headerText, marker),
    cookie: headerText,
  },
  { requiredKeys: [] },
);

// Only methods the fetch() shim accepts: it throws on unknown ones before the Worker is reached, and a
// throw is indistinguishable from a Worker crash here.
const method = fc.constantFrom(
  "GET",
  "GET",
  "GET",
  "HEAD",
  "HEAD",
  "POST",
  "PUT",
  "DELETE",
  "OPTIONS",
  "PATCH",
);

interface Input {
  path: string;
  query: string;
  method: string;
  headers: Record<string, string>;
}

function inputArb(paths: readonly string[]): fc.Arbitrary<Input> {
  return fc.record({ path: pathArb(paths), query, method, headers });
}

/** Every marker that went into the request, in its raw form. */
function markersIn(i: Input): string[] {
  const all = [i.path, i.query, ...Object.values(i.headers)].join(" ");
  const decoded = (() => {
    try {
      return decodeURIComponent(all);
    } catch {
      return all;
    }
  })();
  return [...new Set([...`${all} ${decoded}`.matchAll(/<fz\d+"'>/g)].map((m) => m[0]))];
}

async function send(i: Input): Promise<{ res: Response; body: string } | null> {
  const url = `${ORIGIN}${i.path}${i.query}`;
  try {
    new URL(url);
    new Headers(i.headers);
  } catch {
    // Not even a valid request (no client could send it): nothing to test.
    return null;
  }
  // URL + init rather than a Request object: the same request, several times faster through workerd.
  const res = await exports.default.fetch(url, { method: i.method, headers: i.headers });
  return { res, body: await res.text() };
}

function isFeedPath(p: string): boolean {
  return /\/(feed\.xml|atom\.xml|feed\.json|opml\.xml)$/.test(p);
}

let runs = 0;

describe("fuzz: random requests", () => {
  it("timing", async () => {
    for (const mode of ["plain", "headers", "plain"]) {
      const out: number[] = [];
      for (let b = 0; b < 5; b++) {
        const t = Date.now();
        for (let k = 0; k < 100; k++) {
          const r = mode === "plain" ? await fetchText("/") : await fetchText("/x", { headers: { "if-none-match": `"${k}"`, "accept": "text/html" } });
          await r.text();
        }
        out.push(Date.now() - t);
      }
      console.log(`${mode}: per 100: ${out.join(", ")} ms`);
    }
  }, 120000);
  it("never 5xx, never echo raw markup, feeds well-formed, no body on HEAD/304", async () => {
    await fc.assert(
      fc.asyncProperty(inputArb(known), async (i) => {
        runs++;
        const sent = await send(i);
        if (!sent) return;
        const { res, body } = sent;
        const where = `${i.method} ${i.path}${i.query} ${JSON.stringify(i.headers)}`;
        expect(res.status, where).toBeGreaterThanOrEqual(100);
        expect(res.status, where).toBeLessThan(500);
        if (i.method === "HEAD" || res.status === 304) expect(body, `${where}: body on HEAD/304`).toBe("");
        const type = res.headers.get("content-type") ?? "";
        if (/html|xml/.test(type)) {
          for (const m of markersIn(i)) expect(body.includes(m), `${where}: raw echo of ${m}`).toBe(false);
        }
        if (res.status === 200 && i.method === "GET") {
          if (/xml/.test(type)) expect(XMLValidator.validate(body), `${where}: XML well-formed`).toBe(true);
          if (/json/.test(type)) expect(() => JSON.parse(body), `${where}: JSON parses`).not.toThrow();
        }
      }),
      { numRuns: 3000, interruptAfterTimeLimit: 40_000 },
    );
    console.log(`fuzz: ${runs} random requests`);
  }, 60_000);

  it("conditional requests on feeds: garbage validators give 200 or 304, never an error, never a wrong 304", async () => {
    const feeds = known.filter(isFeedPath);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...feeds),
        fc.record({ "if-none-match": ifNoneMatch, "if-modified-since": httpDate }, { requiredKeys: [] }),
        async (p, h) => {
          const plain = await fetchText(p);
          const res = await fetchText(p, { headers: h });
          const body = await res.text();
          expect([200, 304, 404], `${p} ${JSON.stringify(h)}`).toContain(res.status);
          const etag = plain.headers.get("etag");
          const inm = h["if-none-match"];
          // A garbage If-None-Match that names no current ETag (and is not *) must never produce a 304.
          if (inm !== undefined && etag && res.status === 304)
            expect(inm.includes(etag.replace(/^W\//, "")) || inm.trim() === "*", `${p}: 304 for ${inm}`).toBe(
              true,
            );
          if (res.status === 200) {
            if (p.endsWith(".json")) expect(() => JSON.parse(body)).not.toThrow();
            else expect(XMLValidator.validate(body), `${p}: XML well-formed`).toBe(true);
          }
        },
      ),
      { numRuns: 800, interruptAfterTimeLimit: 15_000 },
    );
  }, 30_000);
});
