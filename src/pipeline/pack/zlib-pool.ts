// Compression off the main thread, consumed synchronously and in order. The packer is synchronous (it
// pulls rendered routes from a lazy iterable), so instead of promises the main thread posts batches to
// a few worker threads that load only node:zlib (zlib-worker.mjs, a few MiB each: not the extraction
// code) and takes their answers with receiveMessageOnPort, sleeping in Atomics.wait when it must have
// one. Each job's callback runs in submission order, so offsets in the streams, and so every output
// byte, are the same whatever the number of threads (`threads: 0` compresses inline, as before).
// Memory stays bounded: at most AHEAD batches of about BATCH_BYTES each per worker are in flight. When
// every worker is busy, this thread does the next batch itself (the same calls, so the same bytes).
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import { compressWith, type Kind } from "./codings";

/** A job's result: the compressed bytes (exactly their size) and the input's CRC-32. */
export type Done = (out: Uint8Array, crc: number) => void;

export interface Compressor {
  /** Jobs run on other threads (so work handed out early overlaps this thread's). */
  readonly offThread: boolean;
  /** Compresses `bytes` (not changed by the caller until `done` runs); `done` runs in submission order. */
  run(kind: Kind, bytes: Uint8Array, done: Done): void;
  /** Runs every pending `done`, waiting for the workers if needed. */
  flush(): void;
  /** Stops the workers (after flush(), or instead of it on a failure). */
  close(): void;
}

/** Inline: each job done at once, on this thread. */
export const inline: Compressor = {
  offThread: false,
  run(kind, bytes, done) {
    const { out, crc } = compressWith(kind, bytes);
    done(out, crc);
  },
  flush() {},
  close() {},
};

/** Inputs per message: posting costs tens of µs, so chunks travel together. */
const BATCH_BYTES = 256 * 1024;
const BATCH_JOBS = 256;
/** Batches in flight per worker. */
const AHEAD = 4;
/** Batches done on this thread that may wait for an older one still in a worker. */
const STOLEN_MAX = 16;

interface Batch {
  kinds: Kind[];
  inputs: Uint8Array[];
  dones: Done[];
  bytes: number;
}

/** A worker's message. */
interface Answer {
  seq: number;
  lengths?: Uint32Array;
  crcs?: Uint32Array;
  buffer?: ArrayBuffer;
  error?: string;
}

/** A batch's results, from a worker or from this thread. */
interface BatchResult {
  pieces: Uint8Array[];
  crcs: ArrayLike<number>;
}

function piecesOf(a: Answer): BatchResult {
  const lengths = a.lengths ?? new Uint32Array(0);
  const out = new Uint8Array(a.buffer ?? new ArrayBuffer(0));
  const pieces: Uint8Array[] = [];
  let at = 0;
  for (const n of lengths) {
    // Views: an answer is about a batch of pieces, all of which the streams keep anyway.
    pieces.push(out.subarray(at, at + n));
    at += n;
  }
  return { pieces, crcs: a.crcs ?? new Uint32Array(0) };
}

const emptyBatch = (): Batch => ({ kinds: [], inputs: [], dones: [], bytes: 0 });

class ZlibPool implements Compressor {
  readonly offThread = true;
  private readonly workers: Worker[] = [];
  private readonly ports: MessagePort[] = [];
  private readonly counter = new Int32Array(new SharedArrayBuffer(4));
  private batch = emptyBatch();
  /** Callbacks of posted batches, by sequence number. */
  private readonly posted = new Map<number, Done[]>();
  private readonly answers = new Map<number, BatchResult>();
  /** Batches posted to each worker and not answered yet. */
  private readonly inFlight: number[] = [];
  private nextSeq = 0;
  private nextDone = 0;

  constructor(threads: number) {
    for (let i = 0; i < threads; i++) {
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(new URL("./zlib-worker.mjs", import.meta.url), {
        // No tsx, no heap flags: the worker is plain JavaScript.
        execArgv: [],
        workerData: { port: port2, signal: this.counter.buffer },
        transferList: [port2],
      });
      // Errors come back as answers; a worker must never keep the process alive.
      worker.unref();
      this.workers.push(worker);
      this.ports.push(port1);
      this.inFlight.push(0);
    }
  }

  run(kind: Kind, bytes: Uint8Array, done: Done): void {
    const b = this.batch;
    b.kinds.push(kind);
    b.inputs.push(bytes);
    b.dones.push(done);
    b.bytes += bytes.length;
    if (b.bytes >= BATCH_BYTES || b.kinds.length >= BATCH_JOBS) this.post();
  }

  private post(): void {
    const b = this.batch;
    if (b.kinds.length === 0) return;
    this.batch = emptyBatch();
    const seq = this.nextSeq++;
    this.posted.set(seq, b.dones);
    this.receive(false);
    const w = this.idlest();
    if ((this.inFlight[w] ?? 0) >= AHEAD) {
      // Every worker is busy (a loaded machine, or more work than they can do): this thread does the
      // batch itself rather than wait, unless too many done batches already wait for an older one.
      if (this.answers.size < STOLEN_MAX) {
        const pieces: Uint8Array[] = [];
        const crcs: number[] = [];
        b.kinds.forEach((kind, i) => {
          const { out, crc } = compressWith(kind, b.inputs[i] as Uint8Array);
          pieces.push(out);
          crcs.push(crc);
        });
        this.answers.set(seq, { pieces, crcs });
        this.deliver();
        return;
      }
      while ((this.inFlight[this.idlest()] ?? 0) >= AHEAD) this.receive(true);
    }
    this.send(this.idlest(), seq, b);
  }

  /** The worker with the fewest batches in flight. */
  private idlest(): number {
    let best = 0;
    this.inFlight.forEach((n, w) => {
      if (n < (this.inFlight[best] ?? 0)) best = w;
    });
    return best;
  }

  private send(w: number, seq: number, b: Batch): void {
    const buffer = new Uint8Array(b.bytes);
    let at = 0;
    for (const input of b.inputs) {
      buffer.set(input, at);
      at += input.length;
    }
    this.inFlight[w] = (this.inFlight[w] ?? 0) + 1;
    const port = this.ports[w] as MessagePort;
    port.postMessage({ seq, kinds: b.kinds, lengths: b.inputs.map((x) => x.length), buffer: buffer.buffer }, [
      buffer.buffer,
    ]);
  }

  /** Takes every answer that is there (at least one when `wait`) and runs the callbacks now due. */
  private receive(wait: boolean): void {
    for (;;) {
      const seen = Atomics.load(this.counter, 0);
      let got = false;
      this.ports.forEach((port, w) => {
        for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
          const answer = m.message as Answer;
          if (answer.error) throw new Error(`compression worker: ${answer.error}`);
          this.inFlight[w] = (this.inFlight[w] ?? 1) - 1;
          this.answers.set(answer.seq, piecesOf(answer));
          got = true;
        }
      });
      this.deliver();
      if (got || !wait) return;
      // Woken by any worker's answer; the timeout only re-checks the ports.
      Atomics.wait(this.counter, 0, seen, 1000);
    }
  }

  private deliver(): void {
    for (let a = this.answers.get(this.nextDone); a; a = this.answers.get(this.nextDone)) {
      const dones = this.posted.get(this.nextDone) ?? [];
      this.answers.delete(this.nextDone);
      this.posted.delete(this.nextDone);
      this.nextDone++;
      const { pieces, crcs } = a;
      dones.forEach((done, i) => {
        done(pieces[i] ?? new Uint8Array(0), crcs[i] ?? 0);
      });
    }
  }

  flush(): void {
    this.post();
    while (this.posted.size > 0) this.receive(true);
  }

  close(): void {
    for (const port of this.ports) port.close();
    for (const w of this.workers) void w.terminate();
    this.workers.length = 0;
    this.ports.length = 0;
  }
}

/** `threads` workers (0: inline, no worker). */
export function compressor(threads: number): Compressor {
  return threads > 0 ? new ZlibPool(Math.floor(threads)) : inline;
}
