// Where the packer keeps what it makes: in memory (emit(), for tests and tools) or in a directory
// (emitTo(), the build), so a large site never holds its bodies or pieces all at once. Both sinks
// give the same bytes; only where they live differs.
//
// Bodies arrive in render order but are chunked in path order (chunk ids and stream offsets follow
// that order), so each one is held until every route is rendered: on disk, in the directory sink.
// The body streams are written as files of FILE_TARGET bytes as they fill; the storage is decided at
// the end, and then they are kept (assets, the usual size), cut again (a bigger file size) or joined
// into bodies.bin (bundle).
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { STREAMS, type Stream, streamFilePath } from "../../shared/manifest";
import { IntList, U32List } from "../lists";
import { concat } from "./chunks";

/** Stream files aim at this size at least (a fetch reads a whole file, so not much bigger than a page). */
export const FILE_TARGET = 64 * 1024;

/**
 * A held body, by number (from 0, in the order they were held). A site holds hundreds of thousands of
 * them at once, with a dozen segments each: as objects with arrays they were about 60 MB of the
 * peak at 10,000 articles.
 */
export type Held = number;

export interface PackSink {
  /** Keeps a route's body (its segments) until it is chunked. */
  hold(segments: readonly Uint8Array[]): Held;
  /** The body back, once; the sink forgets it. */
  take(held: Held): Uint8Array[];
  /** Appends to a body stream; returns the offset. */
  append(stream: Stream, bytes: Uint8Array): number;
  size(stream: Stream): number;
  /** Assets storage: both streams as files of `size` bytes (`streamFilePath`); the last may be shorter. */
  cutStreams(size: number): void;
  /** A stream's bytes in order, piece by piece (bundle storage joins them into bodies.bin). */
  readStream(stream: Stream): Iterable<Uint8Array>;
  /** An asset file (path starts with "/"). */
  file(path: string, bytes: Uint8Array): void;
  /** An asset file's bytes, for the build id. */
  read(path: string): Uint8Array;
  /** `bodies.bin`, from its parts in order. */
  blob(parts: Iterable<Uint8Array>): void;
}

/** Everything in memory: the result is plain data (emit()). */
export class MemorySink implements PackSink {
  private readonly streams: Record<Stream, Uint8Array[]> = { gzip: [], br: [] };
  private readonly sizes: Record<Stream, number> = { gzip: 0, br: 0 };
  readonly files = new Map<string, Uint8Array>();
  blobBytes: Uint8Array = new Uint8Array(0);

  private readonly held: (Uint8Array[] | undefined)[] = [];

  hold(segments: readonly Uint8Array[]): Held {
    return this.held.push([...segments]) - 1;
  }

  take(held: Held): Uint8Array[] {
    const segments = this.held[held];
    if (!segments) throw new Error(`emit: internal: body ${held} is not held`);
    this.held[held] = undefined;
    return segments;
  }

  append(stream: Stream, bytes: Uint8Array): number {
    const at = this.sizes[stream];
    this.streams[stream].push(bytes);
    this.sizes[stream] += bytes.length;
    return at;
  }

  size(stream: Stream): number {
    return this.sizes[stream];
  }

  private joined(stream: Stream): Uint8Array {
    const bytes = concat(this.streams[stream], this.sizes[stream]);
    this.streams[stream] = [bytes];
    return bytes;
  }

  cutStreams(size: number): void {
    for (const s of STREAMS) {
      const bytes = this.joined(s);
      for (let at = 0, n = 0; at < bytes.length; at += size, n++) {
        this.files.set(streamFilePath(s, n), bytes.subarray(at, at + size));
      }
    }
  }

  *readStream(stream: Stream): Iterable<Uint8Array> {
    yield this.joined(stream);
  }

  file(path: string, bytes: Uint8Array): void {
    this.files.set(path, bytes);
  }

  read(path: string): Uint8Array {
    const bytes = this.files.get(path);
    if (!bytes) throw new Error(`emit: internal: no file ${path}`);
    return bytes;
  }

  blob(parts: Iterable<Uint8Array>): void {
    this.blobBytes = concat([...parts]);
  }
}

/**
 * Everything under `outDir` (a build's private folder): `.assets.tmp/` becomes `assets/` when done
 * (finish()), `.streams.tmp/` holds the body streams as they fill, `.bodies.tmp` the held bodies.
 * In memory: one stream file per stream being filled, and the body being chunked.
 */
export class DirSink implements PackSink {
  readonly assets: string;
  private readonly staging: string;
  private readonly spillPath: string;
  private spill: number;
  private spillSize = 0;
  /** Per held body: where it starts in the spill file, and its first segment's index in `segmentLengths`. */
  private readonly heldAt = new IntList();
  private readonly heldFirst = new U32List();
  private readonly segmentLengths = new U32List();
  private readonly sizes: Record<Stream, number> = { gzip: 0, br: 0 };
  private readonly pending: Record<Stream, Uint8Array[]> = { gzip: [], br: [] };
  private readonly pendingSize: Record<Stream, number> = { gzip: 0, br: 0 };
  private readonly count: Record<Stream, number> = { gzip: 0, br: 0 };
  /** Most bytes of bodies and unwritten stream bytes held in memory at once (tests bound it). */
  peakHeld = 0;
  written = 0;
  fileCount = 0;

  constructor(private readonly outDir: string) {
    this.assets = join(outDir, ".assets.tmp");
    this.staging = join(outDir, ".streams.tmp");
    this.spillPath = join(outDir, ".bodies.tmp");
    for (const dir of [this.assets, this.staging]) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
    }
    this.spill = openSync(this.spillPath, "w+");
  }

  private note(extra: number): void {
    this.peakHeld = Math.max(this.peakHeld, extra + this.pendingSize.gzip + this.pendingSize.br);
  }

  hold(segments: readonly Uint8Array[]): Held {
    this.heldAt.push(this.spillSize);
    this.heldFirst.push(this.segmentLengths.length);
    for (const s of segments) {
      for (let done = 0; done < s.length; ) {
        done += writeSync(this.spill, s, done, s.length - done, this.spillSize + done);
      }
      this.spillSize += s.length;
      this.segmentLengths.push(s.length);
    }
    return this.heldAt.length - 1;
  }

  take(held: Held): Uint8Array[] {
    const first = this.heldFirst.get(held);
    const end = held + 1 < this.heldFirst.length ? this.heldFirst.get(held + 1) : this.segmentLengths.length;
    const lengths = this.segmentLengths.view(first, end);
    const total = lengths.reduce((n, l) => n + l, 0);
    const at = this.heldAt.get(held);
    const bytes = Buffer.allocUnsafe(total);
    for (let got = 0; got < total; ) {
      const n = readSync(this.spill, bytes, got, total - got, at + got);
      if (n === 0) throw new Error("emit: internal: held body cut short");
      got += n;
    }
    this.note(total);
    const segments: Uint8Array[] = [];
    let from = 0;
    for (const l of lengths) {
      segments.push(bytes.subarray(from, from + l));
      from += l;
    }
    return segments;
  }

  append(stream: Stream, bytes: Uint8Array): number {
    const at = this.sizes[stream];
    this.sizes[stream] += bytes.length;
    let from = 0;
    while (from < bytes.length) {
      const room = FILE_TARGET - this.pendingSize[stream];
      const part = bytes.subarray(from, from + room);
      this.pending[stream].push(part);
      this.pendingSize[stream] += part.length;
      from += part.length;
      this.note(0);
      if (this.pendingSize[stream] === FILE_TARGET) this.flush(stream);
    }
    return at;
  }

  /** Writes the stream file being filled (copied: the parts may be views of larger buffers). */
  private flush(stream: Stream): void {
    if (this.pendingSize[stream] === 0) return;
    const path = join(this.staging, streamFilePath(stream, this.count[stream]++));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, concat(this.pending[stream], this.pendingSize[stream]));
    this.pending[stream] = [];
    this.pendingSize[stream] = 0;
  }

  size(stream: Stream): number {
    return this.sizes[stream];
  }

  /** Bytes [at, at + length) of a stream, from its staged files. */
  private range(stream: Stream, at: number, length: number): Uint8Array {
    const parts: Uint8Array[] = [];
    let pos = at;
    const end = Math.min(at + length, this.sizes[stream]);
    while (pos < end) {
      const n = Math.floor(pos / FILE_TARGET);
      const file = readFileSync(join(this.staging, streamFilePath(stream, n)));
      const from = pos - n * FILE_TARGET;
      const part = file.subarray(from, Math.min(file.length, from + end - pos));
      parts.push(part);
      pos += part.length;
    }
    return concat(parts, end - at);
  }

  private endStreams(): void {
    for (const s of STREAMS) this.flush(s);
  }

  cutStreams(size: number): void {
    this.endStreams();
    for (const s of STREAMS) {
      const dir = dirname(streamFilePath(s, 0));
      if (size === FILE_TARGET) {
        // The usual case: the staged files are the stream files.
        if (existsSync(join(this.staging, dir))) renameSync(join(this.staging, dir), join(this.assets, dir));
        this.countFiles(s, this.count[s]);
        continue;
      }
      mkdirSync(join(this.assets, dir), { recursive: true });
      for (let at = 0, n = 0; at < this.sizes[s]; at += size, n++) {
        writeFileSync(join(this.assets, streamFilePath(s, n)), this.range(s, at, size));
      }
      this.countFiles(s, Math.ceil(this.sizes[s] / size));
    }
  }

  private countFiles(s: Stream, n: number): void {
    this.fileCount += n;
    this.written += this.sizes[s];
  }

  *readStream(stream: Stream): Iterable<Uint8Array> {
    this.endStreams();
    for (let n = 0; n < this.count[stream]; n++) {
      yield readFileSync(join(this.staging, streamFilePath(stream, n)));
    }
  }

  file(path: string, bytes: Uint8Array): void {
    const target = join(this.assets, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
    this.fileCount++;
    this.written += bytes.length;
  }

  read(path: string): Uint8Array {
    return readFileSync(join(this.assets, path));
  }

  blob(parts: Iterable<Uint8Array>): void {
    const tmp = join(this.outDir, ".bodies.bin.tmp");
    const fd = openSync(tmp, "w");
    try {
      for (const p of parts) {
        writeSync(fd, p);
        this.written += p.length;
      }
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, join(this.outDir, "bodies.bin"));
  }

  /** Drops the held bodies and staged streams; `assets/` replaces any old one (placeholder if empty). */
  finish(): void {
    this.dropTemporary();
    if (this.fileCount === 0) {
      writeFileSync(join(this.assets, "placeholder.txt"), PLACEHOLDER);
    }
    rmSync(join(this.outDir, "assets"), { recursive: true, force: true });
    renameSync(this.assets, join(this.outDir, "assets"));
  }

  private dropTemporary(): void {
    if (this.spill >= 0) closeSync(this.spill);
    this.spill = -1;
    rmSync(this.spillPath, { force: true });
    rmSync(this.staging, { recursive: true, force: true });
  }

  /** Removes whatever is left of the emitter's files (after finish(), or instead of it on a failure). */
  close(): void {
    this.dropTemporary();
    rmSync(this.assets, { recursive: true, force: true });
    rmSync(join(this.outDir, ".bodies.bin.tmp"), { force: true });
  }
}

export const PLACEHOLDER = "Bundle storage: bodies are in the Worker.\n";
