// A route's first GET builds its answer (record, headers, body) and keeps it; later GETs send the kept
// answer. Both must be the same answer, byte for byte and header for header, in every coding, for 200,
// 304 and HEAD, and per origin. Each case uses hosts of its own, so its first request is a first one.
import { describe, expect, it } from "vitest";
import { PreparedAnswers, prepared } from "../../src/worker/answers";
import { ByteMemo } from "../../src/worker/store";
import { direct, manifest } from "./support";

const CODINGS = ["identity", "gzip", "br, gzip"];

async function snapshot(res: Response): Promise<string> {
  const headers = [...res.headers].map(([k, v]) => `${k}: ${v}`).sort();
  const body = new Uint8Array(await res.arrayBuffer());
  return JSON.stringify({ status: res.status, headers, body: [...body].join(",") });
}

describe("prepared answers are the answers they stand for", () => {
  const paths = [...Object.keys(manifest.routes).sort(), "/no/such/page"];
  let n = 0;

  it.each(CODINGS)(
    "every route, Accept-Encoding %s: first GET, later GETs, 304s and HEAD agree",
    async (ae) => {
      for (const path of paths) {
        const host = (tag: string) => `http://prep-${tag}-${n}.example`;
        n++;
        const headers = { "Accept-Encoding": ae };
        // HEAD never keeps an answer: a conditional GET after it is still a first request.
        const head = await direct(path, { method: "HEAD", headers }, host("a"));
        const etag = head.headers.get("etag");
        expect(etag, path).not.toBeNull();
        const conditional = { ...headers, "If-None-Match": etag ?? "" };
        const first304 = await snapshot(await direct(path, { headers: conditional }, host("a")));
        const first = await direct(path, { headers }, host("a"));
        const firstSnap = await snapshot(first.clone());
        for (let i = 0; i < 2; i++) {
          expect(await snapshot(await direct(path, { headers }, host("a"))), `${path} GET ${i}`).toBe(
            firstSnap,
          );
          expect(await snapshot(await direct(path, { headers: conditional }, host("a"))), `${path} 304`).toBe(
            first304,
          );
        }
        // HEAD after the answer is kept: the GET's headers plus the body's length.
        const again = await direct(path, { method: "HEAD", headers }, host("a"));
        const bodyLength = (await first.arrayBuffer()).byteLength;
        expect(again.headers.get("content-length"), path).toBe(String(bodyLength));
        const withoutLength = (r: Response) =>
          [...r.headers].filter(([k]) => k !== "content-length").map(([k, v]) => `${k}: ${v}`);
        expect(withoutLength(again), path).toEqual(withoutLength(head));
        // Another origin: its own ETag, never the first origin's kept answer.
        if (manifest.origin === null) {
          const other = await direct(path, { headers }, host("b"));
          expect(other.headers.get("etag"), path).not.toBe(etag);
          const stale = await direct(path, { headers: conditional }, host("b"));
          expect(stale.status, path).not.toBe(304);
        }
      }
    },
  );

  it("a Response copies the Headers it is given (kept answers share theirs)", () => {
    const shared = new Headers({ "X-Test": "1" });
    const res = new Response("x", { headers: shared });
    res.headers.set("X-Test", "2");
    res.headers.set("X-Other", "3");
    expect([...shared]).toEqual([["x-test", "1"]]);
  });
});

describe("ByteMemo keeps the least recently used order", () => {
  it("a hit, also a repeated one, moves its entry to the back", () => {
    // Number keys: an entry costs exactly its bytes, so four fill the budget.
    const memo = new ByteMemo<number>(400);
    const [a, b, c, d, e, f] = [1, 2, 3, 4, 5, 6];
    for (const k of [a, b, c, d]) memo.set(k, new Uint8Array(100));
    memo.get(a);
    memo.get(a);
    memo.get(b);
    memo.get(a);
    memo.set(e, new Uint8Array(100)); // evicts c, the least recently used
    expect([a, b, c, d, e].map((k) => memo.get(k) !== undefined)).toEqual([true, true, false, true, true]);
    memo.get(b);
    memo.set(f, new Uint8Array(100)); // now a is the oldest left
    expect(memo.get(a)).toBeUndefined();
    expect(memo.get(b)).toBeDefined();
  });
});

describe("PreparedAnswers keys answers by route, coding and origin", () => {
  const answerFor = (tag: string) =>
    prepared(200, `"${tag}"`, 0, new Headers(), new Headers(), "gzip", new Uint8Array(1));

  it("never hands one origin's answer to another, also past the numbered origins' bound", () => {
    const answers = new PreparedAnswers(true);
    const origins = Array.from({ length: 3000 }, (_, i) => `http://h${i}.example`);
    // Interleaved sets and gets, so numbers start again while earlier origins are still asked for.
    for (const [i, o] of origins.entries()) {
      answers.set(1, 10, false, "gzip", o, answerFor(o));
      expect(answers.get(1, "gzip", o)?.etag).toBe(`"${o}"`);
      for (const back of [0, 1, 1023, 1024, 1025, 2047]) {
        const other = origins[i - back];
        if (other === undefined) continue;
        const got = answers.get(1, "gzip", other);
        if (got) expect(got.etag).toBe(`"${other}"`);
      }
      expect(answers.get(1, "identity", o)).toBeUndefined();
      expect(answers.get(2, "gzip", o)).toBeUndefined();
    }
  });

  it("without origins in bodies, one answer per route and coding", () => {
    const answers = new PreparedAnswers(false);
    expect(answers.get(3, "br", "")).toBeUndefined();
    answers.set(3, 10, true, "br", "", answerFor("x"));
    expect(answers.get(3, "br", "http://any.example")?.etag).toBe('"x"');
    expect(answers.get(3, "gzip", "")).toBeUndefined();
    expect(answers.hasBr(3)).toBe(true);
    expect(answers.hasBr(4)).toBeNull();
  });
});
