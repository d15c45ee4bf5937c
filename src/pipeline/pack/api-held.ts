// The API index for pack(), made before any route is rendered and packed for assets storage at once:
// its files wait in the sink like the bodies, so the index itself (terms, postings, summaries: about 6 KB
// per article) is garbage before the routes are rendered, not held beside them to the end.
import type { ApiIndex, AssetsApi } from "../../shared/api-index";
import { type CheckedApi, checkApi, packApiAssets } from "./api";
import type { Held, PackSink } from "./sink";

/** What pack() is given: the index, or a function that makes it. */
export type ApiSource = ApiIndex | (() => ApiIndex);

export interface HeldApi {
  /** The index packed for assets storage, its files held by the sink; null without an API. */
  assets: { descriptor: AssetsApi; blob: Uint8Array; files: { path: string; held: Held }[] } | null;
  /**
   * The checked index made anew, for bundle storage: only a site whose bodies fit in a Worker is
   * bundled, so making its index twice costs little.
   */
  checked: () => CheckedApi | undefined;
}

export function holdApi(source: ApiSource | undefined, assets: boolean, sink: PackSink): HeldApi {
  const checked = () =>
    source === undefined ? undefined : checkApi(typeof source === "function" ? source() : source);
  const index = assets ? checked() : undefined;
  if (!index) return { assets: null, checked };
  const { descriptor, blob, files } = packApiAssets(index);
  return {
    assets: { descriptor, blob, files: files.map((f) => ({ path: f.path, held: sink.hold([f.bytes]) })) },
    checked,
  };
}

/** Assets storage: the held API files written as asset files; their paths, in order. */
export function writeApiFiles(api: HeldApi, sink: PackSink): string[] {
  return (api.assets?.files ?? []).map(({ path, held }) => {
    sink.file(path, sink.take(held)[0] ?? new Uint8Array(0));
    return path;
  });
}
