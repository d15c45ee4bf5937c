// The studies' input: a built site rendered again from its <out>/site.json (no extraction), every route
// with its body as the renderers made it (the origin still the placeholder `token`, unless BASE_URL set).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { renderApi } from "../src/pipeline/render/api";
import { feedRoutes } from "../src/pipeline/render/feeds/index";
import { renderPages } from "../src/pipeline/render/html/index";
import { originToken } from "../src/pipeline/render/index";
import { renderOpml } from "../src/pipeline/render/opml";
import type { RenderedRoute } from "../src/pipeline/render/types";
import type { Site } from "../src/shared/types";

export function rerender(out: string): { token: string; routes: RenderedRoute[] } {
  const site = JSON.parse(readFileSync(join(out, "site.json"), "utf8")) as Site;
  const token = originToken(site);
  const ctx = { site, origin: site.settings.baseUrl ?? token };
  const api = renderApi(ctx);
  return { token, routes: [...feedRoutes(ctx), ...renderPages(ctx), renderOpml(ctx), ...api.routes] };
}
