// Kept units -> Block list -> HTML and plain text. All text is escaped here; only Markdown inline HTML
// produced by our own sanitising walker is passed through.
import type { Block } from "../../shared/types";
import type { Slot } from "./clean";
import { endsSentence, escapeHtml, isHeadingLike, isQuestion, wordCount } from "./text";

const QUOTE_PAIRS: Record<string, string> = { "“": "”", '"': '"', "«": "»", "„": "“" };

/** A whole paragraph in quotation marks, e.g. a pull quote: “...” */
function isPullQuote(t: string): boolean {
  const open = t.charAt(0);
  const close = QUOTE_PAIRS[open];
  if (close === undefined || t.length < 20) return false;
  const end = t.trimEnd();
  const closeAt = end.indexOf(close, 1);
  return closeAt === end.length - 1;
}

/** "Would I do it again?" alone above a paragraph: a section heading phrased as a question. */
function questionHeading(t: string, next: Slot | undefined): boolean {
  return (
    isQuestion(t) &&
    wordCount(t) <= 10 &&
    /^[\p{Lu}\d]/u.test(t) &&
    next !== undefined &&
    next.u.kind === "line" &&
    !isQuestion(next.u.text) &&
    wordCount(next.u.text) >= 12
  );
}

/**
 * A short line is a heading only when the structure says so: it introduces prose (the next block is a
 * paragraph of some length) and it does not stand in a run of short lines (a list of names or links).
 */
function structuralHeading(t: string, prev: Slot | undefined, next: Slot | undefined): boolean {
  if (!isHeadingLike(t) || next === undefined) return false;
  const prose = (x: string): boolean => wordCount(x) >= 12 || (endsSentence(x) && wordCount(x) >= 4);
  // It introduces prose, or a list of real items (not one-word links).
  const introduces =
    (next.u.kind === "line" && prose(next.u.text)) || (next.u.kind === "item" && wordCount(next.u.text) >= 6);
  if (!introduces) return false;
  return prev === undefined || prev.u.kind !== "line" || prose(prev.u.text) || !isHeadingLike(prev.u.text);
}

export function toBlocks(slots: Slot[]): Block[] {
  const kept = slots.filter((s) => s.rule === null);
  const blocks: Block[] = [];
  kept.forEach((s, i) => {
    const u = s.u;
    const html = u.html !== undefined && u.html !== "" ? { html: u.html } : {};
    switch (u.kind) {
      case "table":
        blocks.push({ type: "table", rows: u.rows ?? [], header: u.header ?? false, line: u.line });
        return;
      case "code":
        blocks.push({ type: "code", text: u.text, line: u.line });
        return;
      case "quote":
        blocks.push({ type: "quote", text: u.text, line: u.line, ...html });
        return;
      case "item": {
        const prev = blocks.at(-1);
        // "2. A new data-centre deal" alone between paragraphs is a numbered section heading, not a list.
        const alone = kept[i - 1]?.u.kind !== "item" && kept[i + 1]?.u.kind !== "item";
        if (alone && u.number !== undefined && kept[i + 1]?.u.kind === "line" && isHeadingLike(u.text)) {
          blocks.push({ type: "heading", level: 2, text: `${u.number}. ${u.text}`, line: u.line });
          return;
        }
        const prevSlot = kept[i - 1];
        if (prev?.type === "list" && prev.ordered === (u.ordered ?? false) && prevSlot?.u.kind === "item") {
          prev.items.push(u.text);
          if (prev.itemsHtml) prev.itemsHtml.push(u.html ?? escapeHtml(u.text));
        } else {
          blocks.push({
            type: "list",
            ordered: u.ordered ?? false,
            items: [u.text],
            line: u.line,
            ...(u.html !== undefined ? { itemsHtml: [u.html] } : {}),
          });
        }
        return;
      }
      case "heading": {
        const level = s.faq ? 3 : u.level === undefined || u.level <= 2 ? 2 : u.level === 3 ? 3 : 4;
        blocks.push({ type: "heading", level, text: u.text, line: u.line });
        return;
      }
      default: {
        if (s.faq) blocks.push({ type: "heading", level: 3, text: u.text, line: u.line });
        else if (
          u.html === undefined &&
          (structuralHeading(u.text, kept[i - 1], kept[i + 1]) || questionHeading(u.text, kept[i + 1]))
        )
          blocks.push({ type: "heading", level: 2, text: u.text, line: u.line });
        else if (isPullQuote(u.text)) blocks.push({ type: "quote", text: u.text, line: u.line, ...html });
        else blocks.push({ type: "paragraph", text: u.text, line: u.line, ...html });
      }
    }
  });
  return blocks;
}

export function blocksToHtml(blocks: Block[]): string {
  return blocks
    .map((b) => {
      switch (b.type) {
        case "heading":
          return `<h${b.level}>${escapeHtml(b.text)}</h${b.level}>`;
        case "paragraph":
          return `<p>${b.html ?? escapeHtml(b.text)}</p>`;
        case "quote":
          return `<blockquote><p>${b.html ?? escapeHtml(b.text)}</p></blockquote>`;
        case "code":
          return `<pre><code>${escapeHtml(b.text)}</code></pre>`;
        case "list": {
          const tag = b.ordered ? "ol" : "ul";
          const items = b.items.map((t, i) => `<li>${b.itemsHtml?.[i] ?? escapeHtml(t)}</li>`).join("");
          return `<${tag}>${items}</${tag}>`;
        }
        case "table": {
          const [head, ...body] = b.header ? b.rows : [undefined, ...b.rows];
          const cells = (r: string[], tag: string): string =>
            r.map((c) => `<${tag}>${escapeHtml(c)}</${tag}>`).join("");
          const thead = head ? `<thead><tr>${cells(head, "th")}</tr></thead>` : "";
          const tbody = body.map((r) => `<tr>${cells(r ?? [], "td")}</tr>`).join("");
          return `<table>${thead}<tbody>${tbody}</tbody></table>`;
        }
        default:
          return "";
      }
    })
    .join("\n");
}

/** Plain text: blocks separated by a blank line; list items and table rows one per line. */
export function blocksToText(blocks: Block[]): string {
  return blocks
    .map((b) => {
      switch (b.type) {
        case "list":
          return b.items.map((t, i) => (b.ordered ? `${i + 1}. ${t}` : `- ${t}`)).join("\n");
        case "table": {
          const rows = b.rows.map((r) => r.join(" | "));
          if (b.header && rows.length > 0) rows.splice(1, 0, b.rows[0]?.map(() => "---").join(" | ") ?? "");
          return rows.join("\n");
        }
        default:
          return b.text;
      }
    })
    .join("\n\n");
}
