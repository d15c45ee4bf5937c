// How the npm `feed` package is kept away from our data. The package (and xml-js under it) escapes
// text and attributes inconsistently, splits only the first `]]>` of a CDATA section, lets `<` through
// in attributes, turns a literal "&amp;" into "&", re-serialises URLs through `new URL` and passes
// control characters on. So it only ever sees opaque placeholders; after it has laid out the document
// every placeholder (with any CDATA wrapper the package put round it) is replaced by our own escaping.

import { escapeXml } from "./text";

const MARK = "FEEDTOKEN";
// `new URL` leaves this form untouched, so URL placeholders survive the package's URL "sanitising".
const URL_PREFIX = "https://feed-token.invalid/";
const PLACEHOLDER =
  /<!\[CDATA\[(?:https:\/\/feed-token\.invalid\/)?FEEDTOKEN(\d+)Z\]\]>|(?:https:\/\/feed-token\.invalid\/)?FEEDTOKEN(\d+)Z/g;

/**
 * What `hole()` is filled with: an empty element, so an item holding it is checked well-formed as it will
 * be with its content (escaped text, no markup), and no escaped value can contain it.
 */
export const CONTENT_HOLE = "<feed-content-hole/>";

export interface Placeholders {
  /** A placeholder for text that will be XML-escaped into the document. */
  text(value: string): string;
  /** A placeholder that survives `new URL(...)`; `value` must already be absolute. */
  url(value: string): string;
  /** A placeholder filled with CONTENT_HOLE, where the item's content goes later (items.ts). */
  hole(): string;
  /** Replaces every placeholder in `xml`; throws on one it did not hand out (a package change). */
  fill(xml: string): string;
}

export function placeholders(): Placeholders {
  const values: string[] = [];
  const add = (value: string): string => `${MARK}${values.push(value) - 1}Z`;
  let hole = -1;
  return {
    text: add,
    hole: () => {
      hole = values.length;
      return add("");
    },
    url: (value) => `${URL_PREFIX}${add(value)}`,
    fill: (xml) =>
      xml.replace(PLACEHOLDER, (_m, a: string | undefined, b: string | undefined) => {
        const value = values[Number(a ?? b)];
        if (value === undefined)
          throw new Error(`feed renderer: unknown placeholder ${a ?? b} in package output`);
        return Number(a ?? b) === hole ? CONTENT_HOLE : escapeXml(value);
      }),
  };
}
