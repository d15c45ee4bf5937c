// Every size the build accepts, checked where the input enters (before any cleaning), so a capture too
// big for the platform is refused in milliseconds with its file, the limit and a fix, not after minutes
// with an internal error. corpus/README.md (section Limits) states each one and why.

const MiB = 1024 * 1024;

export const LIMITS = {
  /**
   * One file in corpus/ (capture, sidecar, taxonomy). An article's largest response (its JSON in the
   * API) is about 2.2 times its capture, and Cloudflare serves a static asset of at most 25 MiB: 2 MiB
   * keeps a wide margin, and is about ninety times the longest capture in the bundled and shared
   * evaluation sets (22 KB).
   */
  fileBytes: 2 * MiB,
  /** Articles in one corpus: the largest the project builds and serves in its benchmarks. */
  articles: 50_000,
  /** A title given in front matter or a sidecar (feed readers show one line). */
  titleChars: 300,
  /** A summary given in front matter or a sidecar. */
  summaryChars: 2_000,
  /** Tags and authors given for one article. */
  tagsPerArticle: 50,
  authorsPerArticle: 50,
} as const;

export function formatBytes(n: number): string {
  if (n >= MiB) return `${(n / MiB).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

/** The problem for a file over `LIMITS.fileBytes`, or null. */
export function fileSizeProblem(size: number): { message: string; fix: string } | null {
  if (size <= LIMITS.fileBytes) return null;
  return {
    message: `is ${size} bytes (${formatBytes(size)}), over the limit of ${LIMITS.fileBytes} bytes (${formatBytes(LIMITS.fileBytes)}) for one corpus file`,
    fix: "keep only the article itself in the capture (a long piece can be split into parts, one file each)",
  };
}
