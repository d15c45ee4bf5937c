// The report's sections on the real limits: our Worker against the constant Worker and nginx per case,
// the harness check, and the build against Hugo. Pure functions of the run.
import type { CaseName, CaseResult, RunResult } from "./types";

const CASE_LABEL: Record<CaseName, string> = {
  ok: "200",
  notModified: "304 (If-None-Match, gzip)",
  gzip: "200, Accept-Encoding: gzip",
  br: "200, Accept-Encoding: br, gzip",
  brRoute: "200 br (a route stored brotli)",
};

const f0 = (x: number | undefined): string => (x === undefined || Number.isNaN(x) ? "n/a" : x.toFixed(0));
const f2 = (x: number | undefined): string => (x === undefined || Number.isNaN(x) ? "n/a" : x.toFixed(2));
const ratio = (c: CaseResult, who: "ours" | "nginx"): string => {
  const r = c.cpuRatio[who];
  return r ? `${f2(r.median)} (${f2(r.min)}..${f2(r.max)})` : "n/a";
};

export function casesMarkdown(run: RunResult): string[] {
  const L: string[] = [];
  L.push("## Serving: our Worker, the constant Worker and nginx, same bytes", "");
  L.push(
    `All three measured in the same rounds, in rotating order (wrk, 1 thread, ${run.load.connections} connections, ${run.load.seconds} s x ${run.load.rounds} rounds after ${run.load.warmupSeconds ? `${run.load.warmupSeconds} s` : "200 requests"} of warm-up each). CPU is the server process's utime+stime per request; the ratios are medians of per-round ratios to the constant Worker (min..max). The constant Worker answers with our Worker's captured status, headers and body for each request (bench/constant.ts); nginx serves the same body file with the same Content-Encoding and its own ETag.`,
    "",
  );
  L.push(
    "| Corpus | Case | Path | Status | Sent | Bytes | ours CPU µs/req | constant CPU µs/req | nginx CPU µs/req | ours / constant CPU | nginx / constant CPU | ours / constant / nginx req/s | ours p50 / p99 ms | same answer (constant, nginx) | errors |",
  );
  L.push("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const s of run.sizes) {
    for (const c of s.cases ?? []) {
      const r = c.results;
      L.push(
        `| ${s.label} | ${CASE_LABEL[c.name]} | \`${c.path}\` | ${c.status} | ${c.coding} | ${c.bytes} | ${f0(r.ours.cpuUsPerReq)} | ${f0(r.constant.cpuUsPerReq)} | ${f0(r.nginx.cpuUsPerReq)} | ${ratio(c, "ours")} | ${ratio(c, "nginx")} | ${f0(r.ours.rps)} / ${f0(r.constant.rps)} / ${f0(r.nginx.rps)} | ${(r.ours.p50us / 1000).toFixed(2)} / ${(r.ours.p99us / 1000).toFixed(2)} | ${c.constantSame ? "yes" : "NO"}, ${c.nginxSame ? "yes" : "NO"} | ${r.ours.errors}/${r.constant.errors}/${r.nginx.errors} |`,
      );
    }
    const why = s.synthetic && !(s.cases ?? []).length ? (s.error ?? s.serveError) : null;
    if (why) L.push(`| ${s.label} | not served: ${why.split("\n")[0]} | | | | | | | | | | | | | |`);
  }
  L.push("");
  const h = run.sizes.find((s) => s.harness)?.harness;
  if (h) {
    L.push("### The harness: the constant Worker in plain workerd and in Miniflare", "");
    L.push(
      "The same constant Worker, /feed.xml 200, same rounds: what the previous bench's setup (Miniflare, its entry Worker in front, an inspector attached) adds per request on its own.",
      "",
      "| Setup | CPU µs/req | req/s | CPU / plain workerd |",
      "|---|---|---|---|",
    );
    for (const [name, r] of Object.entries(h.results)) {
      const q = h.cpuRatio[name];
      L.push(
        `| ${name} | ${f0(r.cpuUsPerReq)} | ${f0(r.rps)} | ${q ? `${f2(q.median)} (${f2(q.min)}..${f2(q.max)})` : "n/a"} |`,
      );
    }
    L.push("");
  }
  return L;
}

export function hugoMarkdown(run: RunResult): string[] {
  const rows = run.sizes.filter((s) => s.hugo);
  const L: string[] = ["## Build: ours against Hugo on the same articles", ""];
  if (!rows.length) {
    L.push(
      `Not measured in this run (${run.machine.hugo ?? "hugo not on PATH"}${run.mode === "quick" ? "; quick runs compare at 1,000 only" : ""}).`,
      "",
    );
    return L;
  }
  L.push(
    `${run.machine.hugo ?? ""}. Hugo gets the articles our build published (.generated/site.json: title, date, tags, clean body HTML) as content/*.md and builds pages, a tags taxonomy, paginated lists and full-content RSS for home and every tag, with a minimal layout (bench/hugo.ts); it ran right after our build. The work is not the same (ours also extracts, tags, clusters and emits three feed formats, archives and an API): this is the yardstick issue 10 sets.`,
    "",
    "| Corpus | ours wall s | ours CPU s (user+sys) | ours peak RSS | Hugo wall s | Hugo CPU s | Hugo peak RSS | wall ratio | CPU ratio | RSS ratio | Hugo output |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
  );
  for (const s of rows) {
    const o = s.hugo?.ours;
    const g = s.hugo?.hugo;
    if (!o || !g) {
      L.push(
        `| ${s.label} | ${f2(o?.wallSeconds)} | | | Hugo failed: ${s.hugo?.error?.split("\n")[0] ?? ""} | | | | | | |`,
      );
      continue;
    }
    const oc = o.userSeconds + o.sysSeconds;
    const gc = g.userSeconds + g.sysSeconds;
    L.push(
      `| ${s.label} | ${f2(o.wallSeconds)} | ${f2(oc)} | ${f0(o.peakRssMiB)} MiB | ${f2(g.wallSeconds)} | ${f2(gc)} | ${f0(g.peakRssMiB)} MiB | ${f2(o.wallSeconds / g.wallSeconds)}x | ${f2(oc / gc)}x | ${f2(o.peakRssMiB / g.peakRssMiB)}x | ${s.hugo?.pages} articles, ${s.hugo?.outputFiles} files, ${((s.hugo?.outputBytes ?? 0) / 1e6).toFixed(1)} MB |`,
    );
  }
  L.push("");
  return L;
}

export function casesConsole(run: RunResult): string[] {
  const lines = [
    "size     case                             status sent      bytes  ours µs  const µs  nginx µs  ours/const",
  ];
  for (const s of run.sizes) {
    for (const c of s.cases ?? []) {
      lines.push(
        [
          s.label.padEnd(8),
          CASE_LABEL[c.name].padEnd(32),
          String(c.status).padStart(6),
          c.coding.padEnd(8),
          String(c.bytes).padStart(7),
          f0(c.results.ours.cpuUsPerReq).padStart(8),
          f0(c.results.constant.cpuUsPerReq).padStart(9),
          f0(c.results.nginx.cpuUsPerReq).padStart(9),
          f2(c.cpuRatio.ours.median).padStart(11),
        ].join(" "),
      );
    }
  }
  const h = run.sizes.find((s) => s.harness)?.harness;
  if (h) {
    lines.push(
      `constant Worker CPU µs/req: ${Object.entries(h.results)
        .map(([k, v]) => `${k} ${f0(v.cpuUsPerReq)}`)
        .join(", ")}`,
    );
  }
  return lines;
}
