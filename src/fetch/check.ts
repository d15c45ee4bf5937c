// Is a fetched body a feed the build can read? Decided by the reader the build uses for the saved file's
// name (the format registry, src/pipeline/read/formats), after the checks it leaves to the parser: a
// well-formed document (feedsmith reads a truncated file without a word) and not an HTML page. The copy
// saved is UTF-8, as every corpus file must be.
import { XMLValidator } from "fast-xml-parser";
import { parseDocument } from "../pipeline/extract/html-dom";
import { formatOf } from "../pipeline/read/formats/index";
import type { SourceRead } from "../pipeline/read/formats/types";
import { decode } from "../pipeline/read/read";

export type Checked =
  | { ok: true; kind: "xml" | "json"; bytes: Uint8Array; read: SourceRead; charset: string }
  | { ok: false; message: string; fix: string };

const bad = (message: string, fix: string): Checked => ({ ok: false, message, fix });
const NOT_A_FEED_FIX = "check that the address is the feed's (RSS, Atom or JSON Feed), not a page";

/** BOM, then the Content-Type charset (RFC 7303: it outranks the document), then the XML declaration. */
function charsetOf(bytes: Uint8Array, contentType: string | null): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  const header = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? "")?.[1];
  if (header) return header.toLowerCase();
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 200));
  const declared = /^<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1];
  return (declared ?? "utf-8").toLowerCase();
}

// An HTML page, XHTML (with an XML prolog) included, told by how it starts: served as a feed or not.
const HTML_START = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html[\s>])/i;

/** The feeds an HTML page names in `<link rel="alternate">`: the address the user most likely meant. */
function alternates(html: string, base: string): string[] {
  const doc = parseDocument(html);
  const out: string[] = [];
  for (const l of Array.from(doc.querySelectorAll("link[rel~=alternate][href]"))) {
    const type = (l.getAttribute("type") ?? "").toLowerCase();
    if (!/^application\/(?:rss\+xml|atom\+xml|feed\+json|rdf\+xml)$/.test(type)) continue;
    try {
      const u = new URL(l.getAttribute("href") ?? "", base);
      if (!out.includes(u.href)) out.push(u.href);
    } catch {
      // an unusable href names nothing
    }
  }
  return out;
}

/**
 * The validator's complaint in words. Its message for a document that stops with elements still open
 * (a transfer cut short, the commonest breakage) is a JSON dump of the open tags: said plainly instead.
 */
function xmlError(err: { msg: string; line: number }, text: string): string {
  const open = /^Invalid '(\[.*\])' found\.$/.exec(err.msg)?.[1];
  if (open) {
    try {
      const tags = JSON.parse(open) as string[];
      return `it ends at line ${text.split("\n").length} with <${tags.join("> <")}> still open: it was cut short`;
    } catch {
      // not the shape expected: the validator's own words below
    }
  }
  return `line ${err.line}: ${err.msg}`;
}

export function checkFeed(bytes: Uint8Array, contentType: string | null, url: string): Checked {
  const charset = charsetOf(bytes, contentType);
  let text: string;
  try {
    text = new TextDecoder(charset, { fatal: true }).decode(bytes);
  } catch (e) {
    return e instanceof RangeError
      ? bad(`the response is in the unknown character set "${charset}"`, NOT_A_FEED_FIX)
      : bad(`the response is not valid ${charset} text`, "tell the publisher the feed's encoding is broken");
  }
  if (text.trim() === "") return bad("the response is empty", NOT_A_FEED_FIX);
  if (HTML_START.test(text)) {
    const feeds = alternates(text, url);
    return bad(
      "the response is an HTML page, not a feed",
      feeds.length
        ? `the page names its feed${feeds.length > 1 ? "s" : ""}: ${feeds.join(", ")}; list that address as xmlUrl`
        : "find the site's feed address (its pages often link it as RSS or Atom) and list that as xmlUrl",
    );
  }
  const kind = /^\s*[{[]/.test(text) ? "json" : "xml";
  if (kind === "json") {
    try {
      JSON.parse(text);
    } catch (e) {
      return bad(`the response is not valid JSON (${(e as Error).message})`, NOT_A_FEED_FIX);
    }
  } else {
    const v = XMLValidator.validate(text);
    if (v !== true)
      return bad(`the response is not well-formed XML (${xmlError(v.err, text)})`, NOT_A_FEED_FIX);
  }
  // Saved as served when it is UTF-8 already; otherwise re-encoded, with a declaration that says so.
  const utf8 =
    charset === "utf-8" || charset === "utf8"
      ? bytes
      : new TextEncoder().encode(
          text
            .replace(/^\uFEFF/, "")
            .replace(/^(<\?xml[^>]*\bencoding\s*=\s*)(["'])[^"']*\2/i, "$1$2UTF-8$2"),
        );
  const decoded = decode(utf8);
  if (!decoded.ok) return bad(`the response ${decoded.message}`, decoded.fix);
  const read = readSaved(`feed.${kind}`, decoded.text);
  const first = read.problems[0];
  if (first) return bad(`the response ${first.message}`, first.fix);
  return { ok: true, kind, bytes: utf8, read, charset };
}

/** What the build reads out of a saved feed of this name: the same reader, so fetch and build agree. */
export function readSaved(name: string, text: string): SourceRead {
  const format = formatOf(name);
  if (!format) throw new Error(`no corpus format reads ${name}`);
  return format.read(text);
}
