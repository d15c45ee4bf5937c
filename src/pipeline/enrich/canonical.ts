// The canonical form of an article's address, so two copies of one article saved from different links
// (a feed's tracking link, the page's canonical URL, a shared link with a fragment) compare equal.
// Only differences that never name a different document are removed: the scheme (http and https serve
// the same article), the host's case and a leading `www.`, default ports, a trailing slash, the
// fragment, and query parameters that only track the click. Every other parameter is kept (sorted):
// `?id=123` or `?page=2` may well name another document.

/** Query parameters that only say where a click came from (campaign, ad and mail-client trackers). */
const TRACKING_PREFIXES = ["utm_", "mtm_", "pk_", "hsa_", "at_", "ga_"];
const TRACKING = new Set([
  "fbclid",
  "gclid",
  "gclsrc",
  "dclid",
  "msclkid",
  "yclid",
  "twclid",
  "igshid",
  "mc_cid",
  "mc_eid",
  "_ga",
  "_gl",
  "_hsenc",
  "_hsmi",
  "mkt_tok",
  "oly_anon_id",
  "oly_enc_id",
  "vero_id",
  "ref",
  "ref_src",
  "ref_url",
  "referrer",
  "cmpid",
  "ocid",
  "ncid",
  "smid",
  "sr_share",
  "rss",
  "s_cid",
  "wt_mc",
  "wt.mc_id",
  "ito",
  "spm",
  "feature",
  "guccounter",
]);

function tracking(name: string): boolean {
  const n = name.toLowerCase();
  return TRACKING.has(n) || TRACKING_PREFIXES.some((p) => n.startsWith(p));
}

/**
 * `HTTP://WWW.Example.com:80/a/b/?utm_source=x&b=2&a=1#top` -> `https://example.com/a/b?a=1&b=2`.
 * Null for a value that is not an absolute http(s) URL, and for a site's home page (a path of `/` and
 * no query): a home page is where a capture came from when its own address was not kept, and two
 * articles from one site must never merge for that.
 */
export function canonicalUrl(value: string | null): string | null {
  if (value === null) return null;
  let u: URL;
  try {
    u = new URL(value.trim());
  } catch {
    return null;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return null;
  const host = u.hostname
    .toLowerCase()
    .replace(/^www\./, "")
    .replace(/\.$/, "");
  const port = u.port === "" || u.port === "80" || u.port === "443" ? "" : `:${u.port}`;
  const path = u.pathname.replace(/\/+$/, "").replace(/\/{2,}/g, "/");
  const params = [...u.searchParams.entries()]
    .filter(([k]) => !tracking(k))
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : "";
  if (path === "" && query === "") return null;
  return `https://${host}${port}${path}${query}`;
}
