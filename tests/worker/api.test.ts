import { describe, expect, it } from "vitest";
import { get, manifest, tagSlugs } from "./support";

interface Summary {
  id: string;
  slug: string;
  url: string;
  title: string;
  date: string;
  tags: { slug: string; name: string }[];
}
interface Page {
  items: Summary[];
  next_cursor: string | null;
  total: number;
}
interface ErrorBody {
  error: { code: string; message: string };
}

async function query(qs: string): Promise<Page> {
  const res = await get(`/api/articles${qs}`);
  expect(res.status, qs).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
  expect(res.headers.get("access-control-allow-origin")).toBe("*");
  return (await res.json()) as Page;
}

async function all(): Promise<Summary[]> {
  const out: Summary[] = [];
  let cursor: string | null = null;
  do {
    const page: Page = await query(`?limit=100${cursor ? `&cursor=${cursor}` : ""}`);
    out.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return out;
}

const count = manifest.api?.count ?? 0;

describe("/api/articles listing", () => {
  it("defaults: newest first (then id), 20 per page, total", async () => {
    const page = await query("");
    expect(page.total).toBe(count);
    expect(page.items.length).toBe(Math.min(20, count));
    for (let i = 1; i < page.items.length; i++) {
      const [a, b] = [page.items[i - 1] as Summary, page.items[i] as Summary];
      const d = Date.parse(b.date) - Date.parse(a.date);
      expect(d < 0 || (d === 0 && a.id < b.id), `${a.id} before ${b.id}`).toBe(true);
    }
    expect(page.next_cursor === null).toBe(count <= 20);
    const first = page.items[0];
    expect(first?.url).toMatch(/^http:\/\/example\.com\/articles\//);
  });

  it("cursor pagination visits every article exactly once, in order", async () => {
    const whole = await all();
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page = await query(`?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(page.total).toBe(count);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.next_cursor;
      pages++;
    } while (cursor && pages < 1000);
    expect(seen).toEqual(whole.map((a) => a.id));
    expect(new Set(seen).size).toBe(count);
  });

  it("each summary matches its article document", async () => {
    const page = await query("?limit=3");
    for (const s of page.items) {
      const res = await get(`/api/articles/${s.slug}`);
      expect(res.status).toBe(200);
      const doc = (await res.json()) as Summary & {
        content_html: string;
        text: string;
        related: unknown[];
        feeds: unknown[];
      };
      expect(doc.id).toBe(s.id);
      expect(doc.title).toBe(s.title);
      expect(typeof doc.content_html).toBe("string");
      expect(Array.isArray(doc.related)).toBe(true);
      expect(doc.feeds.length).toBeGreaterThanOrEqual(1);
    }
  });
});

describe("/api/articles filters", () => {
  it.each(tagSlugs())("tag=%s returns exactly that tag's articles", async (slug) => {
    const whole = await all();
    const page = await query(`?tag=${slug}&limit=100`);
    const expected = whole.filter((a) => a.tags.some((t) => t.slug === slug)).map((a) => a.id);
    expect(page.items.map((a) => a.id)).toEqual(expected);
    expect(page.total).toBe(expected.length);
  });

  it("repeated tag: ALL must match", async () => {
    const whole = await all();
    const [t1, t2] = tagSlugs();
    const page = await query(`?tag=${t1}&tag=${t2}&limit=100`);
    const expected = whole.filter(
      (a) => a.tags.some((t) => t.slug === t1) && a.tags.some((t) => t.slug === t2),
    );
    expect(page.items.map((a) => a.id)).toEqual(expected.map((a) => a.id));
  });

  it("q: every term must match, case-insensitive", async () => {
    const whole = await all();
    const target = whole[0] as Summary;
    const word = target.title.split(/[^\p{L}\p{N}]+/u).find((w) => w.length >= 4) ?? "";
    const page = await query(`?q=${encodeURIComponent(word.toUpperCase())}&limit=100`);
    expect(page.items.map((i) => i.id)).toContain(target.id);
    const none = await query(`?q=${encodeURIComponent(`${word} qqqzzzxxy`)}`);
    expect(none).toEqual({ items: [], next_cursor: null, total: 0 });
  });

  it("q: prefix match on the last term only", async () => {
    const whole = await all();
    const target = whole[0] as Summary;
    const word = (target.title.split(/[^\p{L}\p{N}]+/u).find((w) => w.length >= 6) ?? "").toLowerCase();
    const prefix = word.slice(0, 4);
    expect((await query(`?q=${prefix}&limit=100`)).items.map((i) => i.id)).toContain(target.id);
    // Not the last term: must be a whole token.
    expect((await query(`?q=${prefix}+${word}&limit=100`)).items.map((i) => i.id)).not.toContain(target.id);
    // A trailing space ends the word.
    expect((await query(`?q=${prefix}%20&limit=100`)).items.map((i) => i.id)).not.toContain(target.id);
  });

  it("q: accents are folded both ways", async () => {
    const whole = await all();
    for (const a of whole) {
      const accented = a.title.split(/[^\p{L}\p{N}]+/u).find((w) => /[^\p{ASCII}]/u.test(w) && w.length >= 3);
      if (!accented) continue;
      const plain = accented.normalize("NFKD").replace(/\p{M}/gu, "");
      expect((await query(`?q=${encodeURIComponent(plain)}%20&limit=100`)).items.map((i) => i.id)).toContain(
        a.id,
      );
      expect(
        (await query(`?q=${encodeURIComponent(accented)}%20&limit=100`)).items.map((i) => i.id),
      ).toContain(a.id);
      return;
    }
  });

  it("since/until are inclusive, date and date-time", async () => {
    const whole = await all();
    const mid = whole[Math.floor(whole.length / 2)] as Summary;
    const since = await query(`?since=${encodeURIComponent(mid.date)}&limit=100`);
    expect(since.items.map((i) => i.id)).toEqual(
      whole.filter((a) => Date.parse(a.date) >= Date.parse(mid.date)).map((a) => a.id),
    );
    const until = await query(`?until=${encodeURIComponent(mid.date)}&limit=100`);
    expect(until.items.map((i) => i.id)).toEqual(
      whole.filter((a) => Date.parse(a.date) <= Date.parse(mid.date)).map((a) => a.id),
    );
    const day = mid.date.slice(0, 10);
    const both = await query(`?since=${day}&until=${day}&limit=100`);
    expect(both.items.map((i) => i.id)).toContain(mid.id);
    for (const i of both.items) expect(i.date.slice(0, 10)).toBe(day);
    const offset = await query(`?since=${day}T00:00:00%2B14:00&until=${day}T23:59:59-12:00&limit=100`);
    expect(offset.items.map((i) => i.id)).toContain(mid.id);
  });

  it("limit", async () => {
    expect((await query("?limit=1")).items.length).toBe(Math.min(1, count));
    expect((await query("?limit=100")).items.length).toBe(Math.min(100, count));
  });
});

describe("/api/articles errors", () => {
  it.each([
    ["?tag=no-such-tag", "unknown_tag"],
    ["?tag=", "unknown_tag"],
    ["?since=2026-02-30", "bad_since"],
    ["?since=yesterday", "bad_since"],
    ["?since=2026-01-01T25:00:00Z", "bad_since"],
    ["?until=2026-13-01", "bad_until"],
    ["?until=", "bad_until"],
    ["?since=2026-05-01&until=2026-04-01", "bad_range"],
    ["?limit=0", "bad_limit"],
    ["?limit=101", "bad_limit"],
    ["?limit=abc", "bad_limit"],
    ["?limit=-1", "bad_limit"],
    ["?limit=1.5", "bad_limit"],
    ["?cursor=garbage!", "bad_cursor"],
    ["?cursor=", "bad_cursor"],
    ["?cursor=djEsYWJjLA", "bad_cursor"],
    ["?page=2", "unknown_parameter"],
    ["?Tag=llama", "unknown_parameter"],
    ["?q=a&q=b", "repeated_parameter"],
    ["?limit=1&limit=2", "repeated_parameter"],
    [`?q=${"x ".repeat(300)}`, "bad_q"],
  ])("%s -> 400 %s", async (qs, code) => {
    const res = await get(`/api/articles${qs}`);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(10);
  });

  it("a cut or edited next_cursor is a 400 bad_cursor, never a page that repeats items", async () => {
    const first = await query("?limit=1");
    const cursor = first.next_cursor;
    expect(cursor).not.toBeNull();
    const c = cursor ?? "";
    // Cutting 1, 2 or 3 characters covers every base64 remainder; a flipped last character too.
    const last = c.slice(-1) === "A" ? "B" : "A";
    for (const bad of [c.slice(0, -1), c.slice(0, -2), c.slice(0, -3), `${c.slice(0, -1)}${last}`, `${c}A`]) {
      const res = await get(`/api/articles?limit=1&cursor=${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
      const body = (await res.json()) as ErrorBody;
      expect(body.error.code, bad).toBe("bad_cursor");
    }
    // The cursor itself still pages on.
    const second = await query(`?limit=1&cursor=${c}`);
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
  });

  it("unknown tag names the known tags", async () => {
    const body = (await (await get("/api/articles?tag=nope")).json()) as ErrorBody;
    for (const slug of tagSlugs()) expect(body.error.message).toContain(slug);
  });

  it("unknown parameter lists the accepted ones", async () => {
    const body = (await (await get("/api/articles?foo=1")).json()) as ErrorBody;
    expect(body.error.message).toContain("tag, q, since, until, limit, cursor");
  });

  it.each(["<script>alert(1)</script>", '"><img src=x>', "a\u0000b", "é".repeat(50)])(
    "never echoes %j",
    async (evil) => {
      for (const qs of [
        `?${encodeURIComponent(evil)}=1`,
        `?tag=${encodeURIComponent(evil)}`,
        `?since=${encodeURIComponent(evil)}`,
      ]) {
        const text = await (await get(`/api/articles${qs}`)).text();
        expect(text).not.toContain(evil);
        expect(text).not.toContain("<");
      }
    },
  );
});

describe("/api/articles validators", () => {
  const etag = async (qs: string) => (await get(`/api/articles${qs}`)).headers.get("etag");

  it("same query in another spelling -> same ETag; different query -> different ETag", async () => {
    const [t1, t2] = tagSlugs();
    expect(await etag(`?tag=${t1}&tag=${t2}&limit=5`)).toBe(await etag(`?limit=5&tag=${t2}&tag=${t1}`));
    expect(await etag("?q=Meta%20Llama%20")).toBe(await etag("?q=llama++META+"));
    expect(await etag("?q=Meta%20Llama")).not.toBe(await etag("?q=Llama%20Meta"));
    expect(await etag("?since=2026-01-01")).toBe(await etag("?since=2026-01-01T00:00:00Z"));
    expect(await etag("?limit=5")).not.toBe(await etag("?limit=6"));
    expect(await etag("")).not.toBe(await etag(`?tag=${t1}`));
  });

  it("ETag differs per origin", async () => {
    const a = (await get("/api/articles", {}, "https://a.example")).headers.get("etag");
    const b = (await get("/api/articles", {}, "https://b.example")).headers.get("etag");
    if (manifest.origin === null) expect(a).not.toBe(b);
    else expect(a).toBe(b);
  });
});

describe("/api/tags", () => {
  it("lists every tag with count, page and three feed URLs", async () => {
    const res = await get("/api/tags");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      tags: { slug: string; count: number; url: string; feeds: Record<string, string> }[];
    };
    expect(doc.tags.map((t) => t.slug)).toEqual(tagSlugs());
    const whole = await all();
    for (const t of doc.tags) {
      expect(t.count).toBe(whole.filter((a) => a.tags.some((x) => x.slug === t.slug)).length);
      expect(t.url).toBe(`http://example.com/tags/${t.slug}`);
      expect(Object.keys(t.feeds).sort()).toEqual(["atom", "json", "rss"]);
    }
  });
});
