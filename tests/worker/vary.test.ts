// No response ever goes out coded without `Vary: Accept-Encoding` (a shared cache would hand the gzip
// body to a client that cannot decode it): every route, every status the Worker gives (200, 304, 404,
// 308, 400, 405, 204), GET and HEAD, the API, each way of asking for a coding.
import { describe, expect, it } from "vitest";
import { direct, manifest } from "./support";

const CODINGS = [null, "gzip", "br", "gzip, deflate, br", "br;q=1, gzip;q=0.5", "identity", "*", "gzip;q=0"];

function check(what: string, res: Response, seen: Map<number, number>): void {
  seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
  const coding = res.headers.get("content-encoding");
  if (coding === null) return;
  const vary = (res.headers.get("vary") ?? "").toLowerCase().split(/\s*,\s*/);
  expect(vary, `${what}: Content-Encoding ${coding} without Vary: Accept-Encoding`).toContain(
    "accept-encoding",
  );
}

describe("Content-Encoding always comes with Vary: Accept-Encoding", () => {
  it("every route, API and error answer, for GET and HEAD, plain and conditional", async () => {
    const paths = [
      ...Object.keys(manifest.routes).sort(),
      "/no/such/page",
      "/feed.xml/",
      "/api",
      "/api/nope",
      "/api/articles",
      "/api/articles?limit=1",
      "/api/articles?limit=0",
      "/api/articles?cursor=garbage",
    ];
    const seen = new Map<number, number>();
    let coded = 0;
    for (const path of paths) {
      for (const ae of CODINGS) {
        const headers: Record<string, string> = ae === null ? {} : { "Accept-Encoding": ae };
        for (const method of ["GET", "HEAD"]) {
          const res = await direct(path, { method, headers });
          check(`${method} ${path} (${ae})`, res, seen);
          if (res.headers.get("content-encoding")) coded++;
          const etag = res.headers.get("etag");
          await res.arrayBuffer();
          if (etag && res.status === 200) {
            const again = await direct(path, { method, headers: { ...headers, "If-None-Match": etag } });
            check(`${method} ${path} (${ae}) If-None-Match`, again, seen);
            await again.arrayBuffer();
          }
        }
      }
    }
    for (const method of ["OPTIONS", "POST", "DELETE"])
      check(method, await direct("/feed.xml", { method }), seen);
    // The run did cover coded answers and every status it promises to.
    expect(coded).toBeGreaterThan(paths.length);
    for (const status of [200, 204, 304, 308, 400, 404, 405])
      expect(seen.get(status), `status ${status}`).toBeGreaterThan(0);
  });
});
