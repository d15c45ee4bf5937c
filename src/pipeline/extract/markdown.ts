// Markdown capture -> units, through marked's lexer. Inline formatting is rendered by our own walker so
// that nothing from the source reaches the HTML unescaped: raw HTML tags are dropped (their text kept),
// links survive only with http(s)/mailto targets, images are dropped.
import { lexer, type Token, type Tokens } from "marked";
import { collapse, escapeHtml } from "./text";
import type { SourceLine, Unit } from "./units";

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  mdash: "—",
  ndash: "–",
  hellip: "…",
  rsquo: "’",
  lsquo: "‘",
  rdquo: "”",
  ldquo: "“",
  laquo: "«",
  raquo: "»",
  eacute: "é",
  egrave: "è",
  agrave: "à",
  ccedil: "ç",
  copy: "©",
};

/** Markdown source may carry HTML entities; plain text must not. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/giu, (m, e: string) => {
    if (e.startsWith("#")) {
      const cp =
        e[1] === "x" || e[1] === "X" ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      const ok =
        cp > 0x1f && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) && !(cp >= 0x7f && cp <= 0x9f);
      return ok ? String.fromCodePoint(cp) : "";
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

const SAFE_URL = /^(?:https?:\/\/|mailto:)/iu;
const SKIP_CONTENT = /^<(script|style|noscript|iframe|template|svg)\b/iu;

interface Inline {
  text: string;
  html: string;
}

function inline(tokens: Token[] | undefined): Inline {
  let text = "";
  let html = "";
  let skipping: string | null = null;
  for (const tok of tokens ?? []) {
    if (skipping !== null) {
      if (tok.type === "html" && new RegExp(`^</${skipping}`, "iu").test(tok.raw)) skipping = null;
      continue;
    }
    switch (tok.type) {
      case "strong":
      case "em":
      case "del": {
        const inner = inline((tok as Tokens.Strong).tokens);
        const tag = tok.type === "strong" ? "strong" : tok.type === "em" ? "em" : "del";
        text += inner.text;
        html += `<${tag}>${inner.html}</${tag}>`;
        break;
      }
      case "codespan": {
        const t = decodeEntities((tok as Tokens.Codespan).text);
        text += t;
        html += `<code>${escapeHtml(t)}</code>`;
        break;
      }
      case "br":
        text += " ";
        html += "<br>";
        break;
      case "link": {
        const l = tok as Tokens.Link;
        const inner = inline(l.tokens);
        text += inner.text;
        const href = collapse(l.href ?? "");
        html += SAFE_URL.test(href) ? `<a href="${escapeHtml(href)}">${inner.html}</a>` : inner.html;
        break;
      }
      case "image":
        break;
      case "html": {
        const m = SKIP_CONTENT.exec(tok.raw);
        if (m && !/\/>\s*$/u.test(tok.raw) && !new RegExp(`</${m[1]}`, "iu").test(tok.raw))
          skipping = m[1] ?? null;
        break;
      }
      case "text":
      case "escape": {
        const t = tok as Tokens.Text;
        if (t.tokens && t.tokens.length > 0) {
          const inner = inline(t.tokens);
          text += inner.text;
          html += inner.html;
        } else {
          const plain = decodeEntities(t.text);
          text += plain;
          html += escapeHtml(plain);
        }
        break;
      }
      default: {
        const any = tok as { text?: unknown; tokens?: Token[] };
        if (any.tokens) {
          const inner = inline(any.tokens);
          text += inner.text;
          html += inner.html;
        } else if (typeof any.text === "string") {
          text += decodeEntities(any.text);
          html += escapeHtml(decodeEntities(any.text));
        }
      }
    }
  }
  return { text, html };
}

/** Text of raw HTML with the tags dropped and script-like elements removed whole. */
export function stripTags(html: string): string {
  return decodeEntities(
    html
      .replace(/<!--[\s\S]*?(?:-->|$)/gu, " ")
      .replace(/<(script|style|noscript|iframe|template|svg)\b[\s\S]*?(?:<\/\1\s*>|$)/giu, " ")
      .replace(/<\/?[a-z][^>]*>?/giu, " "),
  );
}

function squash(s: string): string {
  return collapse(s);
}

/** Markdown capture -> units. Never throws: a lexer failure degrades to no units (reported by the caller). */
export function markdownUnits(body: string, firstLine: number): Unit[] {
  const tokens = lexer(body, { gfm: true });
  const units: Unit[] = [];
  let offset = 0;
  let blank = true;
  // Offsets of line starts, searched by halving: counting newlines from the top for every token
  // made a long list quadratic (8,000 items took 12 s).
  const starts = [0];
  for (let i = body.indexOf("\n"); i >= 0; i = body.indexOf("\n", i + 1)) starts.push(i + 1);
  const lineAt = (pos: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= pos) lo = mid;
      else hi = mid - 1;
    }
    return firstLine + lo;
  };
  const srcOf = (pos: number, raw: string): SourceLine[] => {
    const start = lineAt(pos);
    return raw
      .replace(/\n+$/u, "")
      .split("\n")
      .map((text, i) => ({ line: start + i, text }))
      .filter((l) => l.text.trim() !== "");
  };
  for (const tok of tokens) {
    const found = body.indexOf(tok.raw, offset);
    const pos = found >= 0 ? found : offset;
    offset = pos + tok.raw.length;
    const src = srcOf(pos, tok.raw);
    const line = src[0]?.line ?? lineAt(pos);
    const base = { line, src, blankBefore: blank, indent: 0 };
    blank = false;
    switch (tok.type) {
      case "space":
        blank = true;
        break;
      case "heading": {
        const h = tok as Tokens.Heading;
        const r = inline(h.tokens);
        units.push({ ...base, kind: "heading", text: squash(r.text), html: r.html.trim(), level: h.depth });
        break;
      }
      case "paragraph": {
        const p = tok as Tokens.Paragraph;
        const r = inline(p.tokens);
        const onlyImages = (p.tokens ?? []).every(
          (t) => t.type === "image" || (t.type === "text" && t.raw.trim() === "") || t.type === "br",
        );
        units.push({ ...base, kind: "line", text: squash(r.text), html: r.html.trim(), image: onlyImages });
        break;
      }
      case "list":
        pushList(tok as Tokens.List, pos, base.blankBefore);
        break;
      case "blockquote": {
        const q = tok as Tokens.Blockquote;
        const r = inline(
          q.tokens?.flatMap((t) =>
            "tokens" in t && Array.isArray(t.tokens)
              ? [...t.tokens, { type: "br", raw: "\n" } as Token]
              : [t],
          ),
        );
        units.push({
          ...base,
          kind: "quote",
          text: squash(r.text),
          html: r.html.replace(/(?:<br>)+$/u, "").trim(),
        });
        break;
      }
      case "code":
        units.push({ ...base, kind: "code", text: (tok as Tokens.Code).text });
        break;
      case "table": {
        const t = tok as Tokens.Table;
        const rows = [
          t.header.map((c) => squash(inline(c.tokens).text)),
          ...t.rows.map((r) => r.map((c) => squash(inline(c.tokens).text))),
        ];
        units.push({
          ...base,
          kind: "table",
          text: rows.map((r) => r.join(" | ")).join("\n"),
          rows,
          header: true,
        });
        break;
      }
      case "hr":
        units.push({ ...base, kind: "rule", text: tok.raw.trim() });
        break;
      case "html": {
        const text = squash(stripTags(tok.raw));
        units.push({ ...base, kind: text === "" ? "html" : "line", text, html: escapeHtml(text) });
        break;
      }
      case "def":
        units.push({ ...base, kind: "def", text: tok.raw.trim() });
        break;
      default: {
        const any = tok as { text?: unknown };
        if (typeof any.text === "string" && any.text.trim() !== "") {
          const text = squash(decodeEntities(any.text));
          units.push({ ...base, kind: "line", text, html: escapeHtml(text) });
        }
      }
    }
  }
  return units;

  function pushList(list: Tokens.List, listPos: number, blankBefore: boolean): void {
    let itemOffset = listPos;
    for (const item of list.items) {
      const found = body.indexOf(item.raw, itemOffset);
      const pos = found >= 0 ? found : itemOffset;
      itemOffset = pos + item.raw.length;
      const own = item.tokens.filter((t) => t.type !== "list");
      const r = inline(own.flatMap((t) => ("tokens" in t && Array.isArray(t.tokens) ? t.tokens : [t])));
      const nestedRaw = item.tokens.filter((t) => t.type === "list").map((t) => t.raw);
      const ownRaw = nestedRaw.reduce((acc, n) => acc.replace(n, ""), item.raw);
      const src = srcOf(pos, ownRaw);
      units.push({
        kind: "item",
        text: squash(r.text),
        html: r.html.trim(),
        line: src[0]?.line ?? lineAt(pos),
        src,
        blankBefore,
        indent: 0,
        ordered: list.ordered,
      });
      blankBefore = false;
      for (const t of item.tokens) {
        if (t.type === "list") {
          const nestedPos = body.indexOf(t.raw, pos);
          pushList(t as Tokens.List, nestedPos >= 0 ? nestedPos : pos, false);
        }
      }
    }
  }
}
