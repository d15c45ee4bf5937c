// Text normalisation shared by the whole build: every later rule can then assume LF line ends, NFC and no
// invisible control characters, so one regular expression matches a capture however it was pasted.

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// Unicode noncharacters: U+FDD0..U+FDEF and the last two code points of every plane.
const NONCHAR =
  /[\uFDD0-\uFDEF\uFFFE\uFFFF]|[\u{1FFFE}\u{1FFFF}\u{2FFFE}\u{2FFFF}\u{3FFFE}\u{3FFFF}\u{4FFFE}\u{4FFFF}\u{5FFFE}\u{5FFFF}\u{6FFFE}\u{6FFFF}\u{7FFFE}\u{7FFFF}\u{8FFFE}\u{8FFFF}\u{9FFFE}\u{9FFFF}\u{AFFFE}\u{AFFFF}\u{BFFFE}\u{BFFFF}\u{CFFFE}\u{CFFFF}\u{DFFFE}\u{DFFFF}\u{EFFFE}\u{EFFFF}\u{FFFFE}\u{FFFFF}\u{10FFFE}\u{10FFFF}]/gu;
// In a `u` regexp a surrogate range only matches halves that are not part of a pair.
const LONE_SURROGATE = /[\uD800-\uDFFF]/gu;

/**
 * BOM strip, CRLF/CR -> LF, NFC, tab -> space, C0/C1 controls removed (except LF), noncharacters and lone
 * surrogates removed. Soft hyphens and zero-width spaces go too: they are invisible in a browser but split
 * words for every matcher. RTL text, bidi marks, ZWJ sequences and emoji are kept.
 */
export function normalizeText(input: string): string {
  return input
    .replace(LONE_SURROGATE, "")
    .replace(/\uFEFF/g, "")
    .replace(/\r\n?/g, "\n")
    .replace(/[\u2028\u2029]/g, "\n")
    .replace(/\t/g, " ")
    .replace(CONTROL, "")
    .replace(NONCHAR, "")
    .replace(/[\u00AD\u200B]/g, "")
    .normalize("NFC");
}
