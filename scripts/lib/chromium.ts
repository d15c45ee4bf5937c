// How this project starts Debian's Chromium headless (tests and e2e alike). Without the
// background-networking flags Chromium keeps dialling Google hosts that this closed network refuses.
export const CHROMIUM_PATH = process.env.CHROMIUM ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
