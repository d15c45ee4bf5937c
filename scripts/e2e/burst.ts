// Concurrency run against a live server (wrangler dev): bursts of first requests to distinct cold
// routes, each burst with requests under many distinct Host headers, beside a steady stream on
// /feed.xml. Bounded in requests, not in time. Every answer must be the route's own status (never a
// 5xx), and a body holding the origin must hold the Host it was asked under. A request without an
// answer after --timeout seconds counts as hung: the run fails, it does not wait forever.
// Usage: tsx scripts/e2e/burst.ts <base-url> <manifest.json> [bursts=4] [cold=150] [hosts=50]
//        [steady=600] [timeout=120] [first=0]  (first: index of the first cold route, so runs against one
//        server can each take routes the others have not warmed)
import { readFileSync } from "node:fs";
import { Agent, request } from "undici";

const [base, manifestPath, ...rest] = process.argv.slice(2);
if (!base || !manifestPath) {
  console.error(
    "usage: tsx scripts/e2e/burst.ts <base-url> <manifest.json> [bursts] [cold] [hosts] [steady] [timeout] [first]",
  );
  process.exit(2);
}
const arg = (i: number, fallback: number) => Number(rest[i] ?? fallback);
const [bursts, cold, hosts, steady, timeoutS, first] = [
  arg(0, 4),
  arg(1, 150),
  arg(2, 50),
  arg(3, 600),
  arg(4, 120),
  arg(5, 0),
];
interface Entry {
  status?: number;
  gaps?: number;
}
const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
  storage: string;
  origin: string | null;
  routes: Record<string, Entry>;
};
const routes = Object.keys(manifest.routes).sort();
const port = new URL(base).port;
const agent = new Agent({
  connections: 2 * (cold + hosts),
  headersTimeout: timeoutS * 1000,
  bodyTimeout: timeoutS * 1000,
});

const counts = new Map<string, number>();
const problems: string[] = [];
const bump = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);

async function one(path: string, host?: string): Promise<void> {
  const what = `GET ${path}${host ? ` (Host ${host})` : ""}`;
  try {
    // A fresh connection each time (Connection: close): a reused keep-alive socket that the server
    // closes as the request goes out is a client-side ECONNRESET, not an answer of the Worker's.
    const res = await request(`${base}${path}`, {
      dispatcher: agent,
      headers: host ? { host } : {},
      reset: true,
    });
    const text = await res.body.text();
    bump(String(res.statusCode));
    const want = manifest.routes[path]?.status ?? 200;
    if (res.statusCode !== want)
      problems.push(`${what}: ${res.statusCode}, expected ${want}: ${text.slice(0, 160)}`);
    else if (host && manifest.origin === null && manifest.routes[path]?.gaps && !text.includes(`//${host}`)) {
      problems.push(`${what}: body does not hold its Host's origin`);
    }
  } catch (e) {
    const code = (e as { code?: string }).code ?? (e as Error).name;
    bump(code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT" ? "hung" : `error ${code}`);
    problems.push(`${what}: ${code}`);
  }
}

let next = first;
const take = () => routes[next++ % routes.length] ?? "/";
const t0 = performance.now();
// Steady traffic beside the bursts, over 20 connections, like a crawler polling the main feed.
const steadyRun = (async () => {
  let left = steady;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (left-- > 0) await one("/feed.xml");
    }),
  );
})();
for (let b = 0; b < bursts; b++) {
  const jobs: Promise<void>[] = [];
  for (let i = 0; i < cold; i++) jobs.push(one(take()));
  for (let i = 0; i < hosts; i++) jobs.push(one(take(), `h${b}-${i}.example${port ? `:${port}` : ""}`));
  await Promise.all(jobs);
}
await steadyRun;
await agent.close();

const total = [...counts.values()].reduce((a, b) => a + b, 0);
const seconds = ((performance.now() - t0) / 1000).toFixed(1);
console.log(
  `burst: ${manifest.storage} storage, ${routes.length} routes; ${bursts} bursts of ${cold} cold routes + ${hosts} Hosts, ` +
    `${steady} steady /feed.xml: ${total} requests in ${seconds}s; ${[...counts].map(([k, v]) => `${k}: ${v}`).join(", ")}`,
);
if (problems.length > 0) {
  for (const p of problems.slice(0, 20)) console.error(`FAIL ${p}`);
  console.error(`FAIL burst: ${problems.length} of ${total} requests failed`);
  process.exit(1);
}
console.log("PASS burst: every request answered with its route's status, no 5xx, no hang");
