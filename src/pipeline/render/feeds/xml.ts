// Small, checked edits on the package's XML output, and a final well-formedness gate: a feed that a
// parser would reject must stop the build rather than reach a reader.

import { XMLValidator } from "fast-xml-parser";
import { FeedInputError } from "./errors";
import { escapeXml } from "./text";

/** Replaces exactly one occurrence of `find`; anything else means the package changed its output. */
export function replaceOnce(
  xml: string,
  find: string | RegExp,
  replacement: string | ((match: string) => string),
): string {
  const re = typeof find === "string" ? new RegExp(escapeRegExp(find), "g") : new RegExp(find.source, "g");
  const count = xml.match(re)?.length ?? 0;
  if (count !== 1) {
    throw new Error(
      `feed renderer: expected one ${String(find)} in the feed package's output, found ${count}`,
    );
  }
  return xml.replace(re, (m) => (typeof replacement === "string" ? replacement : replacement(m)));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** `<name attr="value" .../>` with every value escaped. */
export function emptyElement(name: string, attrs: Record<string, string>): string {
  const a = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join("");
  return `<${name}${a}/>`;
}

export function assertWellFormed(xml: string, what: string): void {
  const result = XMLValidator.validate(xml);
  if (result !== true) {
    throw new Error(
      `feed renderer produced malformed XML for ${what}: ${result.err.msg} (line ${result.err.line})`,
    );
  }
}

// BCP 47 shape (not registry membership): enough to keep markup out of xml:lang and <language>.
const LANGUAGE_TAG = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/;

export function checkLanguage(value: string, where: string): string {
  if (!LANGUAGE_TAG.test(value))
    throw new FeedInputError(`${where} is ${JSON.stringify(value)}, not a BCP 47 language tag`);
  return value;
}
