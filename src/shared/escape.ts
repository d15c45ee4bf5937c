// One escaping helper for every HTML and XML text node or attribute value built from data. Data is
// meant to arrive clean, but a title with a stray control character must not produce a document that
// XML parsers reject, so characters XML 1.0 forbids are dropped rather than escaped (they cannot be).

// C0 controls except TAB/LF/CR, DEL and the C1 block (XML 1.0 §2.2 "discouraged"; never meaningful in
// prose), lone surrogates, U+FFFE and U+FFFF.
const FORBIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Removes characters that XML 1.0 forbids in documents (see FORBIDDEN). */
export function stripForbiddenChars(value: string): string {
  return value.replace(FORBIDDEN, "");
}

/**
 * Escapes text for an HTML or XML text node or quoted attribute value. Quotes are escaped too, so the
 * same helper is safe in both positions; `&#39;` (not `&apos;`) keeps it valid in HTML 4 era parsers.
 */
export function escapeHtml(value: string): string {
  return stripForbiddenChars(value).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** XML has the same needs: one implementation, two names for readability at call sites. */
export const escapeXml = escapeHtml;
