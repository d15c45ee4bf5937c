// Text hygiene shared by the three formats. Input should already be clean, but one stray control
// character must never make a whole feed unparseable, so characters XML 1.0 forbids are dropped (they
// cannot be escaped). JSON Feed gets the same cleaning so every format says the same thing.

import { stripForbiddenChars } from "../../../shared/escape";

// Feeds escape `"` but not `'` (attributes here are always double-quoted), unlike the pages' helper.
const XML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** Removes every character an XML 1.0 document may not contain (the pages use the same rule). */
export const cleanText = stripForbiddenChars;

/** Escapes for an XML text node or a double-quoted attribute (one helper is safe in both places). */
export function escapeXml(value: string): string {
  return cleanText(value).replace(/[&<>"]/g, (c) => XML_ENTITIES[c] ?? c);
}

/**
 * Turns plain text into the HTML that shows it literally. RSS `<description>` is HTML by convention,
 * so a plain-text summary mentioning `<script>` must be escaped once as HTML before it is escaped as XML.
 */
export function plainTextToHtml(value: string): string {
  return escapeXml(value);
}
