// Text hygiene shared by the three formats. Input should already be clean, but one stray control
// character must never make a whole feed unparseable, so characters XML 1.0 forbids are dropped (they
// cannot be escaped). JSON Feed gets the same cleaning so every format says the same thing.

// C0 controls except TAB/LF/CR, DEL and the C1 block (XML 1.0 §2.2 "discouraged"; never meaningful in
// prose), lone surrogates, U+FFFE and U+FFFF.
const FORBIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const XML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** Removes every character an XML 1.0 document may not contain. */
export function cleanText(value: string): string {
  return value.replace(FORBIDDEN, "");
}

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
