// XML access for the checks: well-formedness through fast-xml-parser's XMLValidator, then a parse where
// every element is an array of objects, so "how many <author> does this item have" is just a length.
import { XMLParser, XMLValidator } from "fast-xml-parser";

export interface XNode {
  [key: string]: XNode[] | string | undefined;
}

export function wellFormed(xml: string): string | null {
  const r = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  return r === true ? null : `line ${r.err.line}:${r.err.col}: ${r.err.code} ${r.err.msg}`;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  alwaysCreateTextNode: true,
  textNodeName: "#text",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (_name, _jpath, _isLeaf, isAttribute) => !isAttribute,
});

export function parseXml(xml: string): XNode {
  return parser.parse(xml) as XNode;
}

export function kids(node: XNode | undefined, name: string): XNode[] {
  const v = node?.[name];
  return Array.isArray(v) ? v : [];
}

export function kid(node: XNode | undefined, name: string): XNode | undefined {
  return kids(node, name)[0];
}

export function attr(node: XNode | undefined, name: string): string | undefined {
  const v = node?.[`@_${name}`];
  return typeof v === "string" ? v : undefined;
}

/** Text content of an element (direct text only, which is what feed fields hold). */
export function text(node: XNode | undefined): string {
  const v = node?.["#text"];
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return v.map((x) => (typeof x === "string" ? x : "")).join("");
  return "";
}

export function isAbsoluteHttpUrl(s: string | undefined | null): boolean {
  if (!s) return false;
  try {
    const u = new URL(s);
    return (u.protocol === "http:" || u.protocol === "https:") && s === s.trim();
  } catch {
    return false;
  }
}
