// Site settings come from wrangler.toml [vars] (one place for a deployer to edit), optionally overridden
// by environment variables named FEED_<VAR> (CI, benchmarks). The prefix matters: plain names like
// BASE_URL are set by other tools (Vite sets BASE_URL=/). They are read at build time because they
// shape the prerendered bytes.
import { readFileSync } from "node:fs";
import { parse as parseToml } from "smol-toml";
import type { SiteSettings } from "../shared/types";
import type { StorageSetting } from "./pack/emit";
import type { Problem } from "./problems";

const KEYS = [
  "SITE_TITLE",
  "SITE_DESCRIPTION",
  "BASE_URL",
  "LANGUAGE",
  "ITEMS_PER_FEED",
  "WEBSUB_HUB",
  "STORAGE",
] as const;
type Key = (typeof KEYS)[number];

export const DEFAULT_SETTINGS: SiteSettings = {
  title: "Feed aggregator",
  description: "Curated articles, cleaned and tagged.",
  baseUrl: null,
  language: "en",
  itemsPerFeed: 50,
  websubHub: null,
};

export function readVars(tomlText: string, file = "wrangler.toml"): Record<string, string> {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(tomlText) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`${file}: cannot read settings: ${(e as Error).message.split("\n")[0]}`);
  }
  const vars = doc.vars;
  const out: Record<string, string> = {};
  if (vars && typeof vars === "object") {
    for (const [k, v] of Object.entries(vars)) out[k] = String(v);
  }
  return out;
}

/** Where the build puts response bodies (see src/pipeline/pack/emit.ts); not part of the site's content. */
const STORAGES: readonly StorageSetting[] = ["auto", "bundle", "assets"];

/** Where a variable's value came from, so a problem points at the line to edit. */
export type VarSources = Partial<Record<Key, { line: number; env?: string }>>;

/** Pure: vars (from wrangler.toml, then env) -> validated settings or problems naming the variable. */
export function settingsFromVars(
  vars: Record<string, string | undefined>,
  file = "wrangler.toml",
  sources: VarSources = {},
): { settings: SiteSettings; storage: StorageSetting; problems: Problem[] } {
  const problems: Problem[] = [];
  const bad = (key: Key, message: string, fix: string) => {
    const src = sources[key];
    const [head, ...rest] = message.split(", ");
    const via = src?.env ? `${head} (from ${src.env}), ${rest.join(", ")}` : message;
    problems.push({ file, line: src?.line ?? 0, message: `[vars] ${key} ${via}`, fix });
  };
  const get = (k: Key) => (vars[k] ?? "").trim();

  const settings: SiteSettings = { ...DEFAULT_SETTINGS };
  if (get("SITE_TITLE")) settings.title = get("SITE_TITLE");
  if (get("SITE_DESCRIPTION")) settings.description = get("SITE_DESCRIPTION");

  const base = get("BASE_URL");
  if (base) {
    const url = parseHttpUrl(base);
    if (!url || (url.pathname !== "/" && url.pathname !== "") || url.search || url.hash) {
      bad(
        "BASE_URL",
        `is "${base}", not an http(s) origin`,
        'write it like "https://news.example.org" (no path), or leave it empty to use the request\'s origin',
      );
    } else {
      settings.baseUrl = url.origin;
    }
  }

  const lang = get("LANGUAGE");
  if (lang) {
    if (/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/.test(lang)) settings.language = lang;
    else bad("LANGUAGE", `is "${lang}", not a BCP 47 language tag`, 'use e.g. "en" or "fr-FR"');
  }

  const n = get("ITEMS_PER_FEED");
  if (n) {
    const v = Number(n);
    if (Number.isInteger(v) && v >= 1 && v <= 1000) settings.itemsPerFeed = v;
    else bad("ITEMS_PER_FEED", `is "${n}", not a whole number from 1 to 1000`, 'use e.g. "50"');
  }

  const hub = get("WEBSUB_HUB");
  if (hub) {
    if (parseHttpUrl(hub)) settings.websubHub = hub;
    else
      bad(
        "WEBSUB_HUB",
        `is "${hub}", not an absolute http(s) URL`,
        "give the hub's full URL, or leave it empty",
      );
  }

  const storageVar = get("STORAGE").toLowerCase() || "auto";
  const storage = STORAGES.find((s) => s === storageVar) ?? "auto";
  if (storage !== storageVar) {
    bad(
      "STORAGE",
      `is "${get("STORAGE")}", not auto, bundle or assets`,
      'use "auto" (bundle unless bodies pass ~8 MiB), "bundle" or "assets"',
    );
  }
  return { settings, storage, problems };
}

export function loadSettings(wranglerToml: string, env: Record<string, string | undefined>) {
  const text = readFileSync(wranglerToml, "utf8");
  const vars: Record<string, string | undefined> = readVars(text);
  const lines = text.split("\n");
  const sources: VarSources = {};
  for (const k of KEYS) {
    const at = lines.findIndex((l) => new RegExp(`^\\s*${k}\\s*=`).test(l));
    sources[k] = { line: at + 1 };
    const fromEnv = env[`FEED_${k}`];
    if (fromEnv !== undefined) {
      vars[k] = fromEnv;
      sources[k] = { line: at + 1, env: `FEED_${k}` };
    }
  }
  return settingsFromVars(vars, "wrangler.toml", sources);
}

function parseHttpUrl(s: string): URL | null {
  try {
    const u = new URL(s);
    return u.protocol === "https:" || u.protocol === "http:" ? u : null;
  } catch {
    return null;
  }
}
