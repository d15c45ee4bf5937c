// Compression off the main thread, consumed synchronously and in order. The packer is synchronous (it
// pulls rendered routes from a lazy iterable), so instead of promises the main thread posts batches to
// a few worker threads that load only node:zlib (zlib-worker.mjs, a few MiB each: not the extraction
// code) and takes their answers with receiveMessageOnPort, sleeping in Atomics.wait when it must have
// one. Each job's callback runs in submission order, so offsets in the streams, and so every output
// byte, are the same whatever the number of threads (`threads: 0` compresses inline, as before).
// Memory stays bounded: at most AHEAD batches of about BATCH_BYTES each per worker are in flight.
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import { CODINGS, compressWith, type Kind } from "./codings";

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

interface Batch {
  kinds: Kind[];
  inputs: Uint8Array[];
  dones: Done[];
  bytes: number;
}

interface Answer {
  seq: number;
  lengths?: Uint32Array;
  crcs?: Uint32Array;
  buffer?: ArrayBuffer;
  error?: string;
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
  private readonly answers = new Map<number, Answer>();
  private nextSeq = 0;
  private nextDone = 0;

  constructor(threads: number) {
    for (let i = 0; i < threads; i++) {
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(new URL("./zlib-worker.mjs", import.meta.url), {
        // No tsx, no heap flags: the worker is plain JavaScript.
        execArgv: [],
        workerData: { port: port2, signal: this.counter.buffer, codings: CODINGS },
        transferList: [port2],
      });
      // Errors come back as answers; a worker must never keep the process alive.
      worker.unref();
      this.workers.push(worker);
      this.ports.push(port1);
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
    while (this.posted.size >= this.workers.length * AHEAD) this.receive(true);
    const buffer = new Uint8Array(b.bytes);
    let at = 0;
    for (const input of b.inputs) {
      buffer.set(input, at);
      at += input.length;
    }
    const seq = this.nextSeq++;
    this.posted.set(seq, b.dones);
    const port = this.ports[seq % this.ports.length] as MessagePort;
    port.postMessage({ seq, kinds: b.kinds, lengths: b.inputs.map((x) => x.length), buffer: buffer.buffer }, [
      buffer.buffer,
    ]);
    this.receive(false);
  }

  /** Takes every answer that is there (at least one when `wait`) and runs the callbacks now due. */
  private receive(wait: boolean): void {
    for (;;) {
      const seen = Atomics.load(this.counter, 0);
      let got = false;
      for (const port of this.ports) {
        for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
          const answer = m.message as Answer;
          if (answer.error) throw new Error(`compression worker: ${answer.error}`);
          this.answers.set(answer.seq, answer);
          got = true;
        }
      }
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
      const lengths = a.lengths ?? new Uint32Array(0);
      const crcs = a.crcs ?? new Uint32Array(0);
      const out = new Uint8Array(a.buffer ?? new ArrayBuffer(0));
      let at = 0;
      dones.forEach((done, i) => {
        const n = lengths[i] ?? 0;
        // Views: an answer is about a batch of pieces, all of which the streams keep anyway.
        done(out.subarray(at, at + n), crcs[i] ?? 0);
        at += n;
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
