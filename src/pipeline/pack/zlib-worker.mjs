// A compression worker (zlib-pool.ts): plain JavaScript that loads node:zlib and, through tsx, the two
// small modules that find chunk boundaries (analyse.ts, cuts.ts): a few MiB, not the extraction code.
// Each batch is one buffer of inputs; the answer is one buffer of outputs with their lengths and the
// inputs' CRC-32, posted to the pool's port, and a shared counter is bumped so that a main thread
// blocked in Atomics.wait wakes up.
import { workerData } from "node:worker_threads";
import { brotliCompressSync, constants, crc32, deflateRawSync } from "node:zlib";
import { tsImport } from "tsx/esm/api";

const { port, signal, codings } = workerData;
const counter = new Int32Array(signal);
// On Node 20 the main thread's tsx loader is not shared with workers: load the TypeScript through
// tsx's API (as src/pipeline/parallel/worker.mjs does).
// A failure to load is answered per batch: the main thread waits for answers synchronously, so it
// would never see an error event.
let analyseSegment = null;
let loadError = null;
try {
  ({ analyseSegment } = await tsImport("./analyse.ts", import.meta.url));
} catch (e) {
  loadError = String(e?.stack ?? e);
}

// The same calls as `compressWith` in codings.ts (the inline path), with the same options.
function compress(kind, bytes) {
  const coding = codings[kind];
  if (coding.format === "analyse") return analyseSegment(bytes);
  if (coding.format === "deflate-raw") return deflateRawSync(bytes, coding.options);
  const params = { ...coding.params, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length };
  return brotliCompressSync(bytes, { params });
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
      const out = compress(kinds[i], bytes);
      outs.push(out);
      outLengths[i] = out.length;
      crcs[i] = codings[kinds[i]].format === "analyse" ? 0 : crc32(bytes) >>> 0;
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
