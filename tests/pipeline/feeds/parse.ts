// Independent reading of the rendered feeds (fast-xml-parser), so tests check what a reader sees rather
// than the strings the renderer happened to write.

import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { RenderedRoute } from "../../../src/pipeline/render/types";

export type Node = Record<string, unknown>;

const ALWAYS_ARRAYS = new Set(["entry", "item", "link", "category", "author", "atom:link", "dc:creator"]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  textNodeName: "#text",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  alwaysCreateTextNode: false,
  isArray: (name) => ALWAYS_ARRAYS.has(name),
});

export function parseXml(xml: string): Node {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed: ${valid.err.msg} at line ${valid.err.line}`);
  return parser.parse(xml) as Node;
}

/** Text of an element that may carry attributes. */
export function text(node: unknown): string {
  if (typeof node === "string") return node;
  if (node && typeof node === "object" && "#text" in node) return String((node as Node)["#text"]);
  if (node && typeof node === "object") return "";
  throw new Error(`no text in ${JSON.stringify(node)}`);
}

export function arr(node: unknown): Node[] {
  if (node === undefined) return [];
  return (Array.isArray(node) ? node : [node]) as Node[];
}

export function atomFeed(xml: string): Node {
  return parseXml(xml).feed as Node;
}

export function rssChannel(xml: string): Node {
  return (parseXml(xml).rss as Node).channel as Node;
}

export function byPath(routes: RenderedRoute[], path: string): RenderedRoute {
  const r = routes.find((x) => x.path === path);
  if (!r) throw new Error(`no route ${path}; have ${routes.map((x) => x.path).join(", ")}`);
  return r;
}

/** What the renderer promises to drop: characters XML 1.0 forbids plus the C1 block. */
export function stripControls(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the test mirrors the renderer's contract.
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g, "");
}
