// The build's streaming emitter (emitTo) against the in-memory one (emit + writeGenerated): the same
// files with the same bytes in every storage, and a bound on what it holds in memory, counted.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type EmitOptions, emit, emitTo, writeGenerated } from "../../../src/pipeline/pack/emit";
import { FILE_TARGET } from "../../../src/pipeline/pack/sink";
import type { RenderedRoute } from "../../../src/pipeline/render/types";
import { FIXTURE_TOKEN, fixtureEmitCases, fixtureRoutes, fixtureSite } from "../../support/fixture-site";
import { route } from "../../support/routes";

const root = mkdtempSync(join(tmpdir(), "stream-test-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
const fresh = () => join(root, String(dirs++));

/** Every file under `dir`, by relative path. */
function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const name of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!name.isFile()) continue;
    const path = join(name.parentPath, name.name);
    out.set(path.slice(dir.length + 1), readFileSync(path));
  }
  return out;
}

/** Text that compresses poorly (a fixed LCG), so a few routes fill many stream files. */
function noise(seed: number, length: number): string {
  let s = seed >>> 0;
  let out = "";
  while (out.length < length) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out += String.fromCharCode(97 + (s >>> 27), 65 + ((s >>> 22) & 15), 48 + ((s >>> 18) & 7));
  }
  return out.slice(0, length);
}

const BODY = 6_000;
const ROUTES = 120;
/** Many bodies in render order (not path order), some with origin gaps (no brotli body), some without. */
function noisyRoutes(): RenderedRoute[] {
  return Array.from({ length: ROUTES }, (_, i) => {
    const text = noise(i + 1, BODY);
    // Most with a gap: a brotli body (the rest) costs tens of milliseconds each.
    const body = i % 10 === 0 ? text : `<a href="${FIXTURE_TOKEN}/x">${text}</a>`;
    return route(`/r/${(i * 37) % ROUTES}`, body);
  });
}
const NF = route("/404", "not found", { status: 404 });

function both(routes: RenderedRoute[], notFound: RenderedRoute, opts: EmitOptions) {
  const a = fresh();
  writeGenerated(a, emit(routes, notFound, opts));
  const b = fresh();
  const summary = emitTo(b, routes, notFound, opts);
  return { a: tree(a), b: tree(b), summary, b_dir: b };
}

describe("emitTo writes what emit gives", () => {
  const site = fixtureSite();
  const fixture = fixtureRoutes(site, FIXTURE_TOKEN);
  const base = { origin: null, originToken: FIXTURE_TOKEN };
  const cases: [string, RenderedRoute[], RenderedRoute, EmitOptions][] = [
    ...fixtureEmitCases(),
    [
      "fixture, auto as assets",
      fixture.routes,
      fixture.notFound,
      { ...base, autoThreshold: 1_000, extra: { api: () => fixture.api.index } },
    ],
    ["many stream files, bundle", noisyRoutes(), NF, { ...base, storage: "bundle" }],
    ["many stream files, assets", noisyRoutes(), NF, { ...base, storage: "assets", shardTarget: 4_096 }],
    // Few files allowed: stream files bigger than the size they are written at, so they are cut again.
    ["stream files cut again", noisyRoutes(), NF, { ...base, storage: "assets", maxFiles: 8 }],
  ];
  it.each(cases)("%s", (_, routes, notFound, opts) => {
    const { a, b, summary, b_dir } = both(routes, notFound, opts);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [path, bytes] of a) expect(b.get(path)?.equals(bytes), path).toBe(true);
    expect(readdirSync(b_dir).filter((n) => n.startsWith("."))).toEqual([]);
    const assets = [...a.keys()].filter((p) => p.startsWith("assets/") && p !== "assets/placeholder.txt");
    expect(summary.files).toBe(assets.length);
    if (opts.maxFiles) expect(summary.manifest.files?.size).toBeGreaterThan(FILE_TARGET);
  });

  it("holds at most one body and one unfilled file per stream in memory, counted", () => {
    const { summary, a } = both(noisyRoutes(), NF, { ...base, storage: "assets" });
    const largest = BODY + 64;
    expect(summary.peakHeld).toBeGreaterThan(0);
    expect(summary.peakHeld).toBeLessThanOrEqual(largest + 2 * FILE_TARGET);
    // ...while the bodies and their pieces are many times that.
    expect(ROUTES * BODY).toBeGreaterThan(4 * (largest + 2 * FILE_TARGET));
    expect([...a.keys()].filter((p) => p.startsWith("assets/gzip/")).length).toBeGreaterThan(4);
  });

  it("a failed emit leaves none of its temporary files", () => {
    const dir = fresh();
    const dup = [route("/a", "x"), route("/a", "y")];
    expect(() => emitTo(dir, dup, NF, { ...base, storage: "assets" })).toThrow(/duplicate route path/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
