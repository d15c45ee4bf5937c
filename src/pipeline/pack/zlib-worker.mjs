// A compression worker (zlib-pool.ts): plain JavaScript that loads, through tsx, the packer's codings
// (codings.ts: node:zlib and the chunk finder, analyse.ts and cuts.ts): a few MiB, not the extraction code.
// Each batch is one buffer of inputs; the answer is one buffer of outputs with their lengths and the
// inputs' CRC-32, posted to the pool's port, and a shared counter is bumped so that a main thread
// blocked in Atomics.wait wakes up.
import { workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

const { port, signal } = workerData;
const counter = new Int32Array(signal);
// On Node 20 the main thread's tsx loader is not shared with workers: load the TypeScript through
// tsx's API (as src/pipeline/parallel/worker.mjs does).
// A failure to load is answered per batch: the main thread waits for answers synchronously, so it
// would never see an error event.
// The inline path's own function, so a worker makes exactly its calls with its options.
let compressWith = null;
let loadError = null;
try {
  ({ compressWith } = await tsImport("./codings.ts", import.meta.url));
} catch (e) {
  loadError = String(e?.stack ?? e);
}

port.on("message", ({ seq, kinds, lengths, buffer }) => {
  try {
    if (loadError) throw new Error(loadError);
    const input = new Uint8Array(buffer);
    const outs = [];
    const outLengths = new Uint32Array(kinds.length);
    const crcs = new Uint32Array(kinds.length);
    let at = 0;
    let total = 0;
    for (let i = 0; i < kinds.length; i++) {
      const bytes = input.subarray(at, at + lengths[i]);
      at += lengths[i];
      const { out, crc } = compressWith(kinds[i], bytes);
      outs.push(out);
      outLengths[i] = out.length;
      crcs[i] = crc;
      total += out.length;
    }
    const joined = new Uint8Array(total);
    let to = 0;
    for (const out of outs) {
      joined.set(out, to);
      to += out.length;
    }
    port.postMessage({ seq, lengths: outLengths, crcs, buffer: joined.buffer }, [joined.buffer]);
  } catch (e) {
    port.postMessage({ seq, error: String(e?.stack ?? e) });
  }
  Atomics.add(counter, 0, 1);
  Atomics.notify(counter, 0);
});
