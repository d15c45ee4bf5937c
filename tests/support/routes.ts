import type { RenderedRoute } from "../../src/pipeline/render/types";

/** A small HTML route for emitter tests; `extra` overrides any field. */
export function route(path: string, body: string, extra: Partial<RenderedRoute> = {}): RenderedRoute {
  return {
    path,
    body,
    type: "text/html; charset=utf-8",
    kind: "html",
    lastModified: "2026-03-01T10:00:00Z",
    ...extra,
  };
}
