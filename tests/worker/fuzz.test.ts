// Property-based fuzzing of the Worker inside workerd: random paths, query strings, methods and headers
// (conditional-request garbage, Host, Accept, Range, ...). Whatever comes in, the Worker never answers 5xx,
// never echoes raw markup from the request into HTML/XML, keeps feeds well-formed, and sends no body on
// HEAD or 304.
//
// Thousands of requests go straight to the Worker's fetch handler (same isolate, same env): through
// `exports.default.fetch` every request gets slower the more were sent before (vitest-pool-workers,
// cloudflare/workers-sdk#15446: ~3 ms -> ~90 ms after 500 requests), which would cap a 60 s budget at a
// few hundred. A smaller run goes through `exports.default.fetch` to cover the real entry point.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import fc from "fast-check";
import { XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../../src/worker/index";
import { decodedText } from "./support";

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
  "PURGE",
  "FOO",
);
// exports.default.fetch rejects unknown methods before the Worker sees them (a throw we could not tell
// from a Worker crash), so the entry-point run sticks to standard ones.
const standardMethod = fc.constantFrom("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH");

interface Input {
  path: string;
  query: string;
  method: string;
  headers: Record<string, string>;
}

function inputArb(paths: readonly string[], methods = method): fc.Arbitrary<Input> {
  return fc.record({ path: pathArb(paths), query, method: methods, headers });
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

type Transport = (url: string, init: RequestInit) => Promise<Response>;

const handler = worker as unknown as {
  fetch(request: Request, env: unknown, ctx: ExecutionContext): Response | Promise<Response>;
};

const direct: Transport = async (url, init) => {
  const ctx = createExecutionContext();
  const res = await handler.fetch(new Request(url, init), env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
};

const viaEntryPoint: Transport = (url, init) => exports.default.fetch(url, init);

async function send(i: Input, transport: Transport): Promise<{ res: Response; body: string } | null> {
  const url = `${ORIGIN}${i.path}${i.query}`;
  try {
    new Request(url, { method: i.method, headers: i.headers });
  } catch {
    // Not even a valid request (no client could send it): nothing to test.
    return null;
  }
  const res = await transport(url, { method: i.method, headers: i.headers });
  // Straight from the handler a body is still in its coding; through fetch() workerd decodes it.
  return { res, body: transport === viaEntryPoint ? await res.text() : await decodedText(res) };
}

function isFeedPath(p: string): boolean {
  return /\/(feed\.xml|atom\.xml|feed\.json|opml\.xml)$/.test(p);
}

/** Every promise that must hold for any request, whatever it was. */
function checkResponse(i: Input, res: Response, body: string): void {
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
}

async function fuzz(
  transport: Transport,
  arb: fc.Arbitrary<Input>,
  numRuns: number,
  ms: number,
): Promise<number> {
  let sent = 0;
  await fc.assert(
    fc.asyncProperty(arb, async (i) => {
      const r = await send(i, transport);
      if (!r) return;
      sent++;
      checkResponse(i, r.res, r.body);
    }),
    { numRuns, interruptAfterTimeLimit: ms },
  );
  return sent;
}

describe("fuzz oracle", () => {
  // The checks must be able to fail, or a green fuzz run proves nothing.
  const i: Input = { path: "/x", query: "?q=<fz1\"'>", method: "GET", headers: { referer: "%3Cfz2%22'%3E" } };
  const html = (body: string, status = 200) =>
    new Response(body, { status, headers: { "content-type": "text/html; charset=utf-8" } });
  it.each([
    ["raw echo of a query marker", html("<p>You searched <fz1\"'></p>"), "<p>You searched <fz1\"'></p>"],
    ["raw echo of a decoded header marker", html("<fz2\"'>"), "<fz2\"'>"],
    ["a 5xx", html("oops", 500), "oops"],
    [
      "broken XML",
      new Response("<rss><channel></rss>", { headers: { "content-type": "application/rss+xml" } }),
      "<rss><channel></rss>",
    ],
  ])("fails on %s", (_name, res, body) => {
    expect(() => checkResponse(i, res, body)).toThrow();
  });
  it("passes an escaped echo", () => {
    expect(() => checkResponse(i, html("&lt;fz1&quot;&#39;&gt;"), "&lt;fz1&quot;&#39;&gt;")).not.toThrow();
  });
});

describe("fuzz: random requests", () => {
  it("straight to the handler: never 5xx, never a raw echo, feeds well-formed, no body on HEAD/304", async () => {
    const sent = await fuzz(direct, inputArb(known), 10_000, 30_000);
    console.log(`fuzz: ${sent} random requests to the fetch handler`);
    // Interrupted runs pass silently in fast-check; a fuzz that barely ran must not look green.
    expect(sent).toBeGreaterThan(1000);
  }, 45_000);

  it("through exports.default.fetch: the same promises at the real entry point", async () => {
    const sent = await fuzz(viaEntryPoint, inputArb(known, standardMethod), 250, 12_000);
    console.log(`fuzz: ${sent} random requests through exports.default.fetch`);
    expect(sent).toBeGreaterThan(50);
  }, 20_000);

  // The Worker turns any exception into a logged 500 (fault.test.ts), which "no 5xx" above catches; a
  // canonical page asked for with GET/HEAD and any headers must also still be served, whatever the query says.
  it("canonical paths with GET/HEAD and garbage headers or queries are still served", async () => {
    const canonical = known.filter((p) => !p.startsWith("/api/") && !p.startsWith("/archive/"));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...canonical),
        fc.constantFrom("GET", "HEAD"),
        query,
        headers,
        async (p, m, q, h) => {
          const i: Input = { path: p, query: q, method: m, headers: h };
          const r = await send(i, direct);
          if (!r) return;
          checkResponse(i, r.res, r.body);
          expect([200, 206, 304, 412, 416], `${m} ${p}${q} ${JSON.stringify(h)}`).toContain(r.res.status);
        },
      ),
      { numRuns: 3000, interruptAfterTimeLimit: 10_000 },
    );
  }, 20_000);

  it("conditional requests on feeds: garbage validators give 200 or 304, never an error, never a wrong 304", async () => {
    const feeds = known.filter(isFeedPath);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...feeds),
        fc.record({ "if-none-match": ifNoneMatch, "if-modified-since": httpDate }, { requiredKeys: [] }),
        async (p, h) => {
          const plain = await direct(`${ORIGIN}${p}`, {});
          await plain.arrayBuffer();
          const res = await direct(`${ORIGIN}${p}`, { headers: h });
          const body = await res.text();
          expect([200, 304, 404], `${p} ${JSON.stringify(h)}`).toContain(res.status);
          const etag = plain.headers.get("etag");
          const inm = h["if-none-match"];
          // If-None-Match wins over If-Modified-Since (RFC 9110 13.1.3): naming no current ETag, no 304.
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
      { numRuns: 1500, interruptAfterTimeLimit: 10_000 },
    );
  }, 20_000);
});
