// Asset files recorded in a JSON fixture (base64 by path), served to the Worker's readers without
// workerd's ASSETS binding, so a test can count the reads and hang any of them.
import type { FileFetcher } from "../../src/worker/store";

export function bytesOf(b64: string): Uint8Array {
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

/** One request's fetcher over `files`: each path read is pushed to `seen`; `hang` paths never answer. */
export function filesFetcher(files: Readonly<Record<string, string>>) {
  return (seen: string[], hang: ReadonlySet<string> = new Set()): FileFetcher =>
    (path) => {
      seen.push(path);
      if (hang.has(path)) return new Promise(() => {});
      const f = files[path];
      return Promise.resolve(f === undefined ? null : (bytesOf(f).buffer as ArrayBuffer));
    };
}
