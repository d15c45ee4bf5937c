// Loads the rendered pages in headless Chromium from a local server that sends the same
// Content-Security-Policy as the Worker, and checks they work as a reader would see them. Screenshots
// (light and dark, phone and desktop) land in artifacts/screenshots/ for a human look. In-page code is
// passed as strings: the build tsconfig has no DOM types, and adding them would hide mistakes elsewhere.

import { existsSync, mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../../../scripts/lib/chromium";
import { renderNotFound, renderPages } from "../../../src/pipeline/render/html/index";
import { renderOpml } from "../../../src/pipeline/render/opml";
import type { RenderedRoute } from "../../../src/pipeline/render/types";
import { fixtureSite, HOSTILE_TITLE } from "./fixture";

const CHROMIUM = CHROMIUM_PATH;
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`browser tests skipped: ${CHROMIUM} not found`);

const CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const NOT_FOUND_PATH = "/no/such/page";
const SHOTS = join(process.cwd(), "artifacts", "screenshots");

describe.skipIf(!hasChromium)("pages in headless Chromium", () => {
  let server: Server;
  let origin = "";
  let browser: Browser;
  const routes = new Map<string, RenderedRoute>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = new URL(req.url ?? "/", "http://x").pathname;
      const route = routes.get(path) ?? routes.get("/404");
      if (route === undefined) {
        res.writeHead(500).end();
        return;
      }
      const headers: Record<string, string> = {
        "content-type": route.type,
        "x-content-type-options": "nosniff",
      };
      if (route.kind === "html") headers["content-security-policy"] = CSP;
      res.writeHead(routes.has(path) ? (route.status ?? 200) : 404, headers).end(route.body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const ctx = { site: fixtureSite(), origin };
    for (const r of [...renderPages(ctx), renderNotFound(ctx), renderOpml(ctx)]) routes.set(r.path, r);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    });
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  interface Visit {
    page: Page;
    problems: string[];
    foreign: string[];
    close: () => Promise<void>;
  }

  async function visit(path: string, scheme: "light" | "dark", width: number): Promise<Visit> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
    const page = await context.newPage();
    const expect404 = path === NOT_FOUND_PATH;
    const problems: string[] = [];
    const foreign: string[] = [];
    page.on("console", (m) => {
      // The 404 page's own status is reported as a console error; anything else is a real problem.
      const ownStatus = expect404 && m.location().url === origin + path && m.text().includes("status of 404");
      if ((m.type() === "error" || m.type() === "warning") && !ownStatus)
        problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    page.on("dialog", (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(`${origin}/`)) return route.continue();
      foreign.push(url);
      return route.abort();
    });
    const response = await page.goto(origin + path, { waitUntil: "load" });
    expect(response?.status()).toBe(expect404 ? 404 : 200);
    return { page, problems, foreign, close: () => context.close() };
  }

  const PAGES: [string, string][] = [
    ["home", "/"],
    ["tags", "/tags"],
    ["tag", "/tags/llama"],
    ["article", "/articles/hostile"],
    ["article-fr", "/articles/francais"],
    ["article-story", "/articles/story-a"],
    ["article-long", "/articles/oldest"],
    ["not-found", NOT_FOUND_PATH],
  ];

  it.each(PAGES)(
    "%s (%s) loads cleanly in light and dark, phone and desktop",
    async (name, path) => {
      for (const scheme of ["light", "dark"] as const) {
        for (const width of [390, 1200]) {
          const v = await visit(path, scheme, width);
          try {
            expect(v.problems).toEqual([]);
            expect(v.foreign).toEqual([]);
            // The stylesheet applied (so CSP allowed it): the reading column is capped.
            const column = (await v.page.locator("main").boundingBox())?.width ?? 0;
            expect(column).toBeGreaterThan(0);
            expect(column).toBeLessThanOrEqual(42 * 16 + 1);
            const overflow = await v.page.evaluate<number>(
              "document.documentElement.scrollWidth - window.innerWidth",
            );
            expect(overflow, "no horizontal scrolling").toBeLessThanOrEqual(0);
            await v.page.screenshot({ path: join(SHOTS, `${name}-${scheme}-${width}.png`), fullPage: true });
          } finally {
            await v.close();
          }
        }
      }
    },
    60_000,
  );

  it("shows the hostile title as text and runs nothing", async () => {
    const v = await visit("/articles/hostile", "light", 1200);
    try {
      expect(await v.page.locator("h1").textContent()).toBe(HOSTILE_TITLE);
      expect(await v.page.locator("script").count()).toBe(0);
      expect(await v.page.locator("main b").count()).toBe(0);
      expect(v.problems).toEqual([]);
    } finally {
      await v.close();
    }
  });

  it("dark mode changes the colours", async () => {
    const bg = async (scheme: "light" | "dark") => {
      const v = await visit("/", scheme, 1200);
      try {
        return await v.page.evaluate<string>("getComputedStyle(document.body).backgroundColor");
      } finally {
        await v.close();
      }
    };
    expect(await bg("light")).not.toBe(await bg("dark"));
  });

  it("first Tab lands on a visible skip link that targets main", async () => {
    const v = await visit("/", "light", 390);
    try {
      await v.page.keyboard.press("Tab");
      const focused = await v.page.evaluate<{ href: string | null; top: number; outline: string }>(`(() => {
        const el = document.activeElement;
        return {
          href: el.getAttribute("href"),
          top: el.getBoundingClientRect().top,
          outline: getComputedStyle(el).outlineStyle,
        };
      })()`);
      expect(focused.href).toBe("#main");
      expect(focused.top).toBeGreaterThanOrEqual(0);
      expect(focused.outline).not.toBe("none");
      await v.page.screenshot({ path: join(SHOTS, "skip-link-focus.png") });
    } finally {
      await v.close();
    }
  });

  it("autodiscovery links resolve to served routes", async () => {
    const v = await visit("/tags/meta", "light", 1200);
    try {
      const hrefs = await v.page.evaluate<string[]>(
        `Array.from(document.querySelectorAll('link[rel="alternate"]'), (l) => l.href)`,
      );
      expect(hrefs.length).toBe(7);
      for (const href of hrefs) expect(href.startsWith(origin)).toBe(true);
      expect(hrefs).toContain(`${origin}/opml.xml`);
    } finally {
      await v.close();
    }
  });
});
