// A local HTTP server (node:http, port 0) serving every case `npm run fetch` must handle. It records each
// request's path and headers so tests can check what the fetcher sent. Slow routes never answer (or stop
// mid-body) rather than sleeping: the fetcher's timeout, set small by the test, is what ends them.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import {
  ATOM,
  HTML_PAGE,
  ITEM_WITHOUT_ID,
  JSON_FEED,
  LATIN1_RSS,
  NO_ITEMS,
  RSS_ITEMS,
  type RssItem,
  rss,
  TRUNCATED,
} from "./feeds";

export interface Seen {
  path: string;
  headers: IncomingHttpHeaders;
}

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  requests: Seen[];
  /** The RSS feed's items and validators: change them to publish. */
  rss: { items: RssItem[]; etag: string; lastModified: string };
  /** Paths answered with an HTML page instead of their feed (a site redesign). */
  broken: Set<string>;
  close(): Promise<void>;
}

export const HUGE_CHUNK = 16 * 1024;

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, headers = {}) {
  res.writeHead(status, { "content-type": type, ...headers });
  res.end(body);
}

export async function startServer(): Promise<TestServer> {
  const hanging: ServerResponse[] = [];
  const state: TestServer["rss"] = {
    items: [...RSS_ITEMS],
    etag: '"rss-v1"',
    lastModified: "Mon, 02 Mar 2026 08:30:00 GMT",
  };
  const broken = new Set<string>();
  const atomModified = "Thu, 05 Mar 2026 10:00:00 GMT";
  const requests: Seen[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? "/";
    requests.push({ path, headers: req.headers });
    if (broken.has(path)) return send(res, 200, "text/html; charset=utf-8", HTML_PAGE);
    switch (path) {
      case "/rss.xml":
        if (req.headers["if-none-match"] === state.etag) return send(res, 304, "text/plain", "");
        return send(res, 200, "application/rss+xml; charset=utf-8", rss(state.items), {
          etag: state.etag,
          "last-modified": state.lastModified,
        });
      case "/atom.xml":
        if (req.headers["if-modified-since"] === atomModified) return send(res, 304, "text/plain", "");
        return send(res, 200, "application/atom+xml", ATOM, { "last-modified": atomModified });
      case "/feed.json":
        return send(res, 200, "application/feed+json", JSON_FEED);
      case "/latin1.xml":
        return send(res, 200, "application/xml", Buffer.from(LATIN1_RSS, "latin1"));
      case "/pier.xml":
        return send(res, 200, "application/rss+xml", ITEM_WITHOUT_ID);
      case "/quiet.xml":
        return send(res, 200, "application/rss+xml", NO_ITEMS);
      case "/page.html":
        return send(res, 200, "text/html; charset=utf-8", HTML_PAGE);
      case "/truncated.xml":
        return send(res, 200, "application/rss+xml", TRUNCATED);
      case "/mismatched.xml":
        return send(
          res,
          200,
          "application/rss+xml",
          `<rss version="2.0"><channel><title>x</title>\n<item></channel></rss>`,
        );
      case "/gzip.xml":
        return send(res, 200, "application/rss+xml", gzipSync(rss(state.items)), {
          "content-encoding": "gzip",
        });
      case "/gzip-bomb.xml":
        // A few kilobytes on the wire, megabytes once inflated: the cap counts what would be saved.
        return send(res, 200, "application/rss+xml", gzipSync(Buffer.alloc(64 * HUGE_CHUNK, 0x20)), {
          "content-encoding": "gzip",
        });
      case "/api.json":
        return send(res, 200, "application/json", '{"status": "ok", "results": []}');
      case "/busy.xml":
        return send(res, 429, "text/plain", "slow down", { "retry-after": "120" });
      case "/gone.xml":
        return send(res, 404, "text/plain", "not here");
      case "/error.xml":
        return send(res, 500, "text/plain", "oops");
      case "/moved.xml":
        res.writeHead(301, { location: "/rss.xml" });
        return res.end();
      case "/temporary.xml":
        res.writeHead(302, { location: `${origin}/atom.xml` });
        return res.end();
      case "/loop-a":
        res.writeHead(302, { location: "/loop-b" });
        return res.end();
      case "/loop-b":
        res.writeHead(301, { location: "/loop-a" });
        return res.end();
      case "/silent":
        hanging.push(res); // never answers
        return;
      case "/stalls":
        // Headers and half a feed, then nothing: the timeout must cover the body too.
        res.writeHead(200, { "content-type": "application/rss+xml" });
        res.write(TRUNCATED);
        hanging.push(res);
        return;
      case "/declared-huge.xml":
        res.writeHead(200, { "content-type": "application/rss+xml", "content-length": String(1 << 30) });
        res.write("<rss>");
        hanging.push(res);
        return;
      case "/endless.xml": {
        // No length, bytes until the client hangs up: only the fetcher's cap ends it.
        res.writeHead(200, { "content-type": "application/rss+xml" });
        const chunk = Buffer.alloc(HUGE_CHUNK, 0x20);
        const pump = () => {
          while (!res.destroyed && res.write(chunk)) {}
          if (!res.destroyed) res.once("drain", pump);
        };
        res.on("close", () => res.removeAllListeners("drain"));
        pump();
        return;
      }
    }
    const chain = /^\/chain\/(\d+)$/.exec(path);
    if (chain) {
      res.writeHead(301, { location: `/chain/${Number(chain[1]) + 1}` });
      return res.end();
    }
    send(res, 404, "text/plain", "no such route");
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    requests,
    rss: state,
    broken,
    close: () =>
      new Promise<void>((ok) => {
        for (const r of hanging) r.destroy();
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** An OPML 2.0 list of the given paths (or absolute addresses), one outline per line from line 4 on. */
export function opml(origin: string, paths: readonly string[]): string {
  const outlines = paths.map((p) => {
    const url = /^https?:/.test(p) ? p : `${origin}${p}`;
    return `    <outline text="${p}" type="rss" xmlUrl="${url.replace(/&/g, "&amp;")}"/>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0"><head><title>Test</title></head>\n  <body>\n${outlines.join("\n")}\n  </body>\n</opml>\n`;
}
