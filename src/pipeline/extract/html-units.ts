// Article HTML (Readability's output) -> the same units the text and Markdown readers produce, so one
// set of block rules, tags, stories and dates serves every format. Safety comes from sanitize-html with
// an allow-list; the walker below only decides structure and re-renders the few inline elements kept.
import sanitizeHtml from "sanitize-html";
import { type DomElement, type DomNode, isElement, parseDocument } from "./html-dom";
import { collapse, escapeHtml } from "./text";
import type { Unit } from "./units";

// Containers are kept only as paragraph boundaries: the walker never emits them. Images, media, forms,
// scripts, styles and frames are not allowed, so they and (for the non-text ones) their content vanish.
const BLOCKS = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre"];
const TABLE = ["table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption"];
const CONTAINERS = ["div", "section", "article", "main", "header", "footer", "aside"];
const INLINE = ["a", "em", "i", "strong", "b", "code", "br", "span", "sup", "sub"];

/** The sanitizer's allow-list: no attribute but a link's href, and only http(s) and mailto links. */
export function sanitizeArticle(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [...BLOCKS, ...TABLE, ...CONTAINERS, ...INLINE],
    allowedAttributes: { a: ["href"] },
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesAppliedToAttributes: ["href"],
    allowProtocolRelative: false,
    // Whose text must not survive as prose: code and styling, embedded documents, form controls.
    nonTextTags: [
      "script",
      "style",
      "textarea",
      "option",
      "noscript",
      "iframe",
      "template",
      "svg",
      "select",
      "figure",
      "figcaption",
    ],
    disallowedTagsMode: "discard",
  });
}

interface Pending {
  text: string;
  html: string;
}

const isEl = isElement;
const tag = (e: DomElement) => e.tagName.toLowerCase();

function safeHref(href: string | null, base: string | null): string | null {
  if (!href) return null;
  try {
    const u = base ? new URL(href, base) : new URL(href);
    return /^(?:https?|mailto):$/.test(u.protocol) ? u.href : null;
  } catch {
    return null;
  }
}

/** One element's inline content -> collapsed plain text and our own minimal HTML. */
function inline(n: DomNode, base: string | null, out: Pending): void {
  if (n.nodeType === 3) {
    const t = (n.textContent ?? "").replace(/\s+/gu, " ");
    out.text += t;
    out.html += escapeHtml(t);
    return;
  }
  if (!isEl(n)) return;
  const t = tag(n);
  if (t === "br") {
    out.text += " ";
    out.html += " ";
    return;
  }
  const wrap =
    t === "em" || t === "i" ? "em" : t === "strong" || t === "b" ? "strong" : t === "code" ? "code" : null;
  const href = t === "a" ? safeHref(n.getAttribute("href"), base) : null;
  const inner: Pending = { text: "", html: "" };
  for (const c of Array.from(n.childNodes)) inline(c, base, inner);
  out.text += inner.text;
  if (href && inner.text.trim() !== "") out.html += `<a href="${escapeHtml(href)}">${inner.html}</a>`;
  else if (wrap && inner.text.trim() !== "") out.html += `<${wrap}>${inner.html}</${wrap}>`;
  else out.html += inner.html;
}

const BLOCKISH = new Set([...BLOCKS, ...TABLE, ...CONTAINERS]);

/** Finds each unit's line in the page source: the first words searched from where the last one was. */
class Lines {
  private at = 0;
  private line: number;
  constructor(
    private readonly src: string,
    firstLine: number,
  ) {
    this.line = firstLine;
  }
  of(text: string): number {
    const probe = text.slice(0, 24);
    const i = probe.length >= 8 ? this.src.indexOf(probe, this.at) : -1;
    if (i < 0) return this.line;
    for (let k = this.src.indexOf("\n", this.at); k >= 0 && k < i; k = this.src.indexOf("\n", k + 1))
      this.line++;
    this.at = i;
    return this.line;
  }
}

/** Sanitized article HTML -> units. `source` is the page as saved, only to give units their line. */
export function htmlUnits(cleanHtml: string, base: string | null, source: string): Unit[] {
  const document = parseDocument(`<!doctype html><html><body>${cleanHtml}</body></html>`);
  const units: Unit[] = [];
  const lines = new Lines(source, 1);
  const push = (u: Omit<Unit, "line" | "src" | "blankBefore" | "indent">) => {
    const text = collapse(u.text);
    if (text === "" && u.kind !== "table") return;
    const line = lines.of(text || (u.rows?.[0]?.[0] ?? ""));
    const html = u.html === undefined ? {} : { html: u.html.replace(/\s+/gu, " ").trim() };
    units.push({ ...u, text, ...html, line, src: [{ line, text }], blankBefore: true, indent: 0 });
  };

  let pending: Pending = { text: "", html: "" };
  const flush = (kind: Unit["kind"], extra: Partial<Unit> = {}) => {
    if (pending.text.trim() !== "") push({ kind, text: pending.text, html: pending.html, ...extra });
    pending = { text: "", html: "" };
  };

  const walk = (n: DomNode, kind: Unit["kind"], extra: Partial<Unit>): void => {
    if (!isEl(n) || !BLOCKISH.has(tag(n))) {
      inline(n, base, pending);
      return;
    }
    const t = tag(n);
    flush(kind, extra);
    if (/^h[1-6]$/.test(t)) {
      const p: Pending = { text: "", html: "" };
      for (const c of Array.from(n.childNodes)) inline(c, base, p);
      push({ kind: "heading", text: p.text, level: Number(t.slice(1)) });
      return;
    }
    if (t === "pre") {
      const code = (n.textContent ?? "").replace(/^\n+|\s+$/g, "");
      if (code.trim() !== "")
        units.push({
          ...codeUnit(code),
          line: lines.of(collapse(code)),
          src: [],
          blankBefore: true,
          indent: 0,
        });
      return;
    }
    if (t === "table") {
      const rows = Array.from(n.querySelectorAll("tr")).map((tr) =>
        Array.from(tr.children)
          .filter((c) => /^t[hd]$/.test(tag(c)))
          .map((c) => collapse(c.textContent ?? "")),
      );
      const kept = rows.filter((r) => r.some((c) => c !== ""));
      if (kept.length === 0) return;
      const first = n.querySelector("tr");
      const header = first ? Array.from(first.children).every((c) => tag(c) === "th") : false;
      push({ kind: "table", text: kept.map((r) => r.join(" ")).join(" "), rows: kept, header });
      return;
    }
    let k = kind;
    let x = extra;
    if (t === "li") k = "item";
    else if (t === "blockquote") k = "quote";
    else if (t === "ul" || t === "ol") x = { ordered: t === "ol" };
    for (const c of Array.from(n.childNodes)) walk(c, k, x);
    flush(k, x);
  };
  for (const c of Array.from(document.body.childNodes)) walk(c, "line", {});
  flush("line");
  return units;
}

function codeUnit(text: string): Pick<Unit, "kind" | "text"> {
  return { kind: "code", text };
}
