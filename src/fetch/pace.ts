// Politeness: requests to one host are spaced by a fixed delay (redirect hops count), whatever order the
// OPML lists them in. Clock and sleep are parameters so tests check the waits asked for, never real time.

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function hostPacer(
  delayMs: number,
  sleep: Sleep = realSleep,
  now: () => number = () => performance.now(),
): (host: string) => Promise<void> {
  const last = new Map<string, number>();
  return async (host) => {
    const prev = last.get(host);
    if (prev !== undefined) {
      const wait = prev + delayMs - now();
      if (wait > 0) await sleep(wait);
    }
    last.set(host, now());
  };
}
