// Tells `cloudflare:workers` `exports` (used by the workerd tests) what the main module exports.
declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import("./index");
  }
}
