// A pool worker's entry (plain JavaScript, so it loads before any TypeScript can). On Node 20, tsx's
// `--import tsx` registers its loader in the main thread only and hooks are not shared with workers,
// so each worker loads the TypeScript through tsx's own API.
import { tsImport } from "tsx/esm/api";

const { default: capture } = await tsImport("./worker.ts", import.meta.url);
export default capture;
