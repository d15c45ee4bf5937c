import bodies from "../../.generated/bodies.bin";
import manifestJson from "../../.generated/manifest.json";
import type { Manifest } from "../shared/manifest";

const manifest = manifestJson as unknown as Manifest;
const blob = new Uint8Array(bodies);

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const r = manifest.routes[url.pathname];
    if (!r) return new Response("nf", { status: 404 });
    return new Response(blob.subarray(r.body[0], (r.body[0] ?? 0) + (r.body[1] ?? 0)), { headers: { "content-type": r.type } });
  },
} satisfies ExportedHandler;
