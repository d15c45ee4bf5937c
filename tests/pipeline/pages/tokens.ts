// A deliberately small HTML tokenizer for tests: enough to list elements and attributes and to check
// nesting, without trusting the renderer's own string building. Text and attribute values are kept
// raw (entities not decoded) so tests can assert on the escaped form.

export interface StartTag {
  kind: "start";
  name: string;
  attrs: Map<string, string>;
  selfClosing: boolean;
}
export interface EndTag {
  kind: "end";
  name: string;
}
export interface Text {
  kind: "text";
  text: string;
}
export type Token = StartTag | EndTag | Text;

const VOID = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "track",
  "wbr",
]);
const TAG =
  /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/y;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

export function tokenize(html: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    if (lt === -1) {
      tokens.push({ kind: "text", text: html.slice(i) });
      break;
    }
    if (lt > i) tokens.push({ kind: "text", text: html.slice(i, lt) });
    if (html.startsWith("<!doctype", lt) || html.startsWith("<!DOCTYPE", lt) || html.startsWith("<!--", lt)) {
      const end = html.startsWith("<!--", lt) ? html.indexOf("-->", lt) + 3 : html.indexOf(">", lt) + 1;
      if (end <= lt) throw new Error(`unterminated declaration at ${lt}`);
      i = end;
      continue;
    }
    TAG.lastIndex = lt;
    const m = TAG.exec(html);
    if (m === null) throw new Error(`bare "<" in HTML at ${lt}: ${JSON.stringify(html.slice(lt, lt + 40))}`);
    const name = (m[2] ?? "").toLowerCase();
    if (m[1] === "/") tokens.push({ kind: "end", name });
    else {
      const attrs = new Map<string, string>();
      for (const a of (m[3] ?? "").matchAll(ATTR)) {
        const key = (a[1] ?? "").toLowerCase();
        if (attrs.has(key)) throw new Error(`duplicate attribute ${key} on <${name}>`);
        attrs.set(key, a[2] ?? a[3] ?? a[4] ?? "");
      }
      tokens.push({ kind: "start", name, attrs, selfClosing: m[4] === "/" });
    }
    i = TAG.lastIndex;
  }
  return tokens;
}

/** Throws when elements are not properly nested (void elements need no end tag). */
export function checkNesting(tokens: readonly Token[]): void {
  const stack: string[] = [];
  for (const t of tokens) {
    if (t.kind === "start" && !VOID.has(t.name) && !t.selfClosing) stack.push(t.name);
    else if (t.kind === "end") {
      const open = stack.pop();
      if (open !== t.name) throw new Error(`</${t.name}> closes <${open ?? "nothing"}>`);
    }
  }
  if (stack.length > 0) throw new Error(`unclosed elements: ${stack.join(", ")}`);
}

export function startTags(tokens: readonly Token[], name?: string): StartTag[] {
  return tokens.filter((t): t is StartTag => t.kind === "start" && (name === undefined || t.name === name));
}

/** Concatenated text content with the few entities the renderer emits decoded. */
export function textContent(tokens: readonly Token[]): string {
  return tokens
    .filter((t): t is Text => t.kind === "text")
    .map((t) => decode(t.text))
    .join("");
}

export function decode(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}
