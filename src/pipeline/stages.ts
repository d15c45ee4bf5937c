// Per-stage time and peak memory of a build, and a progress line per stage on a terminal. Measures
// the process (durations for the report only: nothing it prints goes into the output bytes).
// A stage's peak is its own, sampled while it runs: the process's maxRSS only grows, so a stage that
// peaks lower than an earlier one would show the earlier one's figure and hide where memory goes.
import { performance } from "node:perf_hooks";

export interface StageTime {
  name: string;
  seconds: number;
  /** Highest resident set size of the process seen in the stage (MiB): at its start and end, and sampled. */
  peakMiB: number;
}

/** How often RSS is sampled while a stage runs (samples land whenever the event loop turns). */
const SAMPLE_MS = 50;

export class Stages {
  private readonly done: StageTime[] = [];
  private readonly started = performance.now();
  private at = this.started;
  private current = "";
  /** A progress line is on screen, waiting for its newline. */
  private drawn = false;
  private drawnAt = 0;

  private stagePeak = 0;
  private timer: ReturnType<typeof setInterval> | null = null;

  /**
   * `live`: a terminal that is not CI, where progress is shown. `rss` and `sampleEvery` are for tests
   * (0: no timer; they call `sample()` themselves).
   */
  constructor(
    private readonly live: boolean,
    private readonly rss: () => number = process.memoryUsage.rss,
    sampleEvery = SAMPLE_MS,
  ) {
    if (sampleEvery > 0) {
      this.timer = setInterval(() => this.sample(), sampleEvery);
      this.timer.unref(); // never what keeps a build's process alive
    }
  }

  /** Takes the process's RSS into the current stage's peak. */
  sample(): void {
    if (this.current) this.stagePeak = Math.max(this.stagePeak, this.rss());
  }

  /** Starts `name` (ending the previous stage) and shows it with `detail`. */
  start(name: string, detail = ""): void {
    this.end();
    this.closeLine();
    this.current = name;
    this.stagePeak = this.rss();
    this.at = performance.now();
    if (this.live) {
      const elapsed = ((this.at - this.started) / 1000).toFixed(1);
      // One line per stage (not redrawn): a problem printed next never lands inside a progress line.
      process.stderr.write(`[${elapsed}s] ${name}${detail ? `: ${detail}` : ""}...\n`);
    }
  }

  /**
   * Progress within the stage: `done` of `total` `unit`, with the rate, redrawn in place at most five
   * times a second on a terminal (nothing at all elsewhere). The line is closed before anything else
   * is printed.
   */
  tick(done: number, total: number | null, unit: string): void {
    if (!this.live) return;
    const now = performance.now();
    if (now - this.drawnAt < 200 && (total === null || done < total)) return;
    this.drawnAt = now;
    const seconds = (now - this.at) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    const elapsed = ((now - this.started) / 1000).toFixed(1);
    const count = total === null ? `${done}` : `${done}/${total}`;
    process.stderr.write(`\r[${elapsed}s] ${this.current}: ${count} ${unit}, ${rate} ${unit}/s `);
    this.drawn = true;
  }

  private closeLine(): void {
    if (this.drawn) process.stderr.write("\n");
    this.drawn = false;
    this.drawnAt = 0;
  }

  end(): void {
    this.closeLine();
    if (!this.current) return;
    const now = performance.now();
    this.sample();
    this.done.push({
      name: this.current,
      seconds: (now - this.at) / 1000,
      peakMiB: this.stagePeak / 2 ** 20,
    });
    this.current = "";
  }

  /**
   * "Stages: read 0.2 s (peak 330 MiB), ... ; total 3.1 s, peak RSS 480 MiB". The total's peak is the
   * process's own maxRSS (`processPeakMiB`), which no sample can miss.
   */
  summary(processPeakMiB = process.resourceUsage().maxRSS / 1024): string {
    this.end();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const total = (performance.now() - this.started) / 1000;
    const parts = this.done.map(
      (s) => `${s.name} ${s.seconds.toFixed(1)} s (peak ${s.peakMiB.toFixed(0)} MiB)`,
    );
    const peak = Math.max(processPeakMiB, ...this.done.map((s) => s.peakMiB));
    return `Stages: ${parts.join(", ")}; total ${total.toFixed(1)} s, peak RSS ${peak.toFixed(0)} MiB`;
  }
}
