// The per-host delay, checked through the waits the fetcher asks for (a fake clock and sleep), so the
// test never sleeps and never depends on how fast the machine is.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostPacer } from "../../src/fetch/pace";
import { fetchInto, tempCorpus } from "./helpers";
import { startServer, type TestServer } from "./server";

const fakeTime = () => {
  let t = 0;
  const waits: number[] = [];
  return {
    waits,
    now: () => t,
    sleep: async (ms: number) => {
      waits.push(ms);
      t += ms;
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
};

describe("hostPacer", () => {
  it("spaces requests to one host by the delay, counting time already spent, and never others", async () => {
    const clock = fakeTime();
    const pace = hostPacer(1000, clock.sleep, clock.now);
    await pace("a.example");
    await pace("b.example");
    await pace("a.example");
    clock.advance(400);
    await pace("a.example");
    clock.advance(5000);
    await pace("a.example");
    await pace("b.example");
    expect(clock.waits).toEqual([1000, 600]);
  });
});

let one: TestServer;
let two: TestServer;
beforeAll(async () => {
  [one, two] = await Promise.all([startServer(), startServer()]);
});
afterAll(() => Promise.all([one.close(), two.close()]));

describe("a run", () => {
  it("waits between requests to the same host, redirect hops included, and not across hosts", async () => {
    const clock = fakeTime();
    const dir = tempCorpus();
    const paths = ["/rss.xml", `${two.origin}/atom.xml`, "/moved.xml", `${two.origin}/feed.json`];
    const run = await fetchInto(dir, one.origin, paths, { delayMs: 750, sleep: clock.sleep, now: clock.now });
    expect(run.sum.failed).toBe(0);
    // one: /rss.xml, /moved.xml (waits), its hop to /rss.xml (waits); two: /atom.xml, then /feed.json,
    // which needs no wait of its own: the 1500 ms spent on the other host already spaced it.
    expect(clock.waits).toEqual([750, 750]);
  });
});
