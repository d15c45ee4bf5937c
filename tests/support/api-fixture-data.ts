// The API index fixture's shape (no Node imports: the workerd tests read it too).
import type { AssetsApi } from "../../src/shared/api-index";

export const API_FIXTURE_TOKEN = "https://origin.invalid";
export const API_FIXTURE_ORIGIN = "https://h.example";

export interface ApiFixture {
  /** `worker.json`'s apiAssets. */
  desc: AssetsApi;
  /** API asset files (index parts, summaries, postings) by path, base64. */
  files: Record<string, string>;
  /** Query string -> the positions bundle storage answers and their summaries for API_FIXTURE_ORIGIN. */
  answers: Record<string, { positions: number[]; total: number; items: string[] }>;
}
