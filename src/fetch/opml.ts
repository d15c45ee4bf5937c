// corpus/sources.opml: the feeds to follow, as any feed reader exports them (OPML 2.0, outlines with an
// `xmlUrl`, nested in folders or not). Parsed by feedsmith after fast-xml-parser has checked that the
// file is well-formed, so a typo gets its line rather than a silently shorter subscription list.
import { XMLValidator } from "fast-xml-parser";
import { parseOpml } from "feedsmith";
import type { Problem } from "../pipeline/problems";
import { feedStem } from "./names";

export interface Source {
  url: URL;
  /** The outline's title or text, for messages. */
  title: string;
  /** The line of its outline in the OPML file. */
  line: number;
  /** The saved file's name without extension, from the address (names.ts). */
  stem: string;
}

export interface SourcesRead {
  sources: Source[];
  /** Outlines that cannot be fetched, and a file that is not OPML: reported, and the exit code says so. */
  problems: Problem[];
  warnings: Problem[];
}

interface Outline {
  text?: string;
  title?: string;
  type?: string;
  xmlUrl?: string;
  outlines?: Outline[];
}

/**
 * The line of each `<outline` tag, in document order, which is the order the parsed outlines are visited
 * in (the parser keeps no positions). Comments are blanked first: a commented-out outline is no outline.
 */
function outlineLines(text: string): number[] {
  const bare = text.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ""));
  const lines: number[] = [];
  let line = 1;
  let from = 0;
  for (const m of bare.matchAll(/<outline\b/g)) {
    for (let i = bare.indexOf("\n", from); i >= 0 && i < m.index; i = bare.indexOf("\n", i + 1)) line++;
    from = m.index;
    lines.push(line);
  }
  return lines;
}

export function readSources(text: string, file: string): SourcesRead {
  const out: SourcesRead = { sources: [], problems: [], warnings: [] };
  const problem = (line: number, message: string, fix: string) =>
    out.problems.push({ file, line, message, fix });
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    problem(valid.err.line, `is not well-formed XML: ${valid.err.msg}`, "correct the markup at that line");
    return out;
  }
  let doc: { body?: { outlines?: Outline[] } };
  try {
    doc = parseOpml(text) as typeof doc;
  } catch (e) {
    problem(1, `is not an OPML file (${(e as Error).message})`, OPML_FIX);
    return out;
  }
  const lines = outlineLines(text);
  let index = 0;
  const byUrl = new Map<string, Source>();
  const byStem = new Map<string, Source>();
  const visit = (o: Outline) => {
    const line = lines[index++] ?? 1;
    const name = (o.title ?? o.text ?? "").trim();
    const raw = o.xmlUrl?.trim();
    if (raw === undefined || raw === "") {
      if (o.type?.toLowerCase() === "rss")
        problem(
          line,
          `the outline "${name}" is a feed (type="rss") with no xmlUrl`,
          'add the feed\'s address as xmlUrl="https://..."',
        );
      for (const c of o.outlines ?? []) visit(c);
      return;
    }
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      problem(
        line,
        `xmlUrl "${raw}" is not an absolute address`,
        "write the feed's full address, https://...",
      );
      return;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      problem(
        line,
        `xmlUrl "${raw}" is not an http(s) address`,
        "write the feed's http:// or https:// address",
      );
      return;
    }
    url.hash = "";
    const earlier = byUrl.get(url.href);
    if (earlier) {
      out.warnings.push({
        file,
        line,
        message: `${url.href} is listed twice (first on line ${earlier.line}); it is fetched once`,
        fix: "remove one of the two outlines",
      });
      return;
    }
    const stem = feedStem(url);
    const clash = byStem.get(stem);
    if (clash) {
      problem(
        line,
        `${url.href} would be saved under the same name as ${clash.url.href} (line ${clash.line}): ${stem}`,
        "keep one of the two addresses (they are most likely the same feed)",
      );
      return;
    }
    const source: Source = { url, title: name, line, stem };
    byUrl.set(url.href, source);
    byStem.set(stem, source);
    out.sources.push(source);
    for (const c of o.outlines ?? []) visit(c);
  };
  for (const o of doc.body?.outlines ?? []) visit(o);
  if (out.sources.length === 0 && out.problems.length === 0)
    problem(1, "lists no feed (no outline has an xmlUrl)", OPML_FIX);
  return out;
}

const OPML_FIX =
  'list each feed as <outline text="Name" type="rss" xmlUrl="https://..."/> inside <body> (see corpus/README.md, Subscriptions)';
