// The shard fixture's shape (no Node imports: the workerd tests read it too).
export const FIXTURE_TOKEN = "https://origin.invalid";
export const FIXTURE_ORIGIN = "https://h.example";

export interface ShardFixture {
  /** routes.bin (the directory), base64. */
  directory: string;
  /** Asset files (shards and body files) by path, base64. */
  files: Record<string, string>;
  layout: { size: number; count: { gzip: number; br: number } };
  /** Path -> ETag and the body served for FIXTURE_ORIGIN. */
  routes: Record<string, { etag: string; body: string }>;
  notFound: string;
}
