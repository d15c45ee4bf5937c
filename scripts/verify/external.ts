// Optional second opinions from real tools when the machine has them: jing (RELAX NG, RFC 4287 schema)
// and Debian's python3-feedparser. They read downloaded copies; absent tools are reported as SKIP.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { FeedFormat } from "./formats";
import type { Report } from "./report";

const FEEDPARSER_PY = `
import sys, feedparser
d = feedparser.parse(sys.argv[1])
if d.bozo:
    print("bozo: %s: %s" % (type(d.bozo_exception).__name__, d.bozo_exception)); sys.exit(1)
print("ok %s, %d entries" % (d.get("version"), len(d.entries)))
`;

function has(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { stdio: "ignore", timeout: 20_000 });
  return r.status === 0;
}

export interface ExternalTools {
  check(report: Report, url: string, format: FeedFormat, body: Uint8Array): void;
  /** Removes the downloaded copies. */
  dispose(): void;
}

export function externalTools(report: Report): ExternalTools {
  const dir = mkdtempSync(join(tmpdir(), "verify-"));
  // The RFC 4287 schema is not part of this repository; it is used when present beside the checkout.
  const rnc = [process.env.ATOM_RNC, "../shared/validators/atom.rnc"].find((p) => p && existsSync(p));
  const jing = has("sh", ["-c", "command -v jing"]);
  const feedparser = has("/usr/bin/python3", ["-c", "import feedparser"]);
  if (!jing) report.skip("jing (RELAX NG)", "jing is not installed");
  else if (!rnc) report.skip("jing (RELAX NG)", "no atom.rnc (set ATOM_RNC=path to RFC 4287 schema)");
  else report.add(`jing available, schema ${resolve(rnc)}`, true);
  if (!feedparser) report.skip("feedparser", "Debian python3-feedparser is not installed");
  else report.add("Debian python3-feedparser available", true);
  let n = 0;
  return {
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
    check(rep, url, format, body) {
      if (format === "json") return;
      const label = new URL(url).pathname;
      const file = join(dir, `feed-${++n}.xml`);
      writeFileSync(file, body);
      if (jing && rnc && format === "atom") {
        const r = spawnSync("jing", ["-c", rnc, file], { encoding: "utf8", timeout: 60_000 });
        rep.add(
          `${label}: jing RFC 4287 schema`,
          r.status === 0,
          (r.stdout + r.stderr).trim().split("\n").slice(0, 3).join(" | "),
        );
      }
      if (feedparser) {
        const r = spawnSync("/usr/bin/python3", ["-c", FEEDPARSER_PY, file], {
          encoding: "utf8",
          timeout: 60_000,
        });
        rep.add(`${label}: feedparser not bozo`, r.status === 0, (r.stdout + r.stderr).trim());
      }
    },
  };
}
