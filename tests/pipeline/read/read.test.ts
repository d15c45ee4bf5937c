import { describe, expect, it } from "vitest";
import { decode } from "../../../src/pipeline/read/read";

const enc = (s: string) => new TextEncoder().encode(s);
const bytes = (...b: number[]) => new Uint8Array(b);

describe("decode", () => {
  const ok: [string, Uint8Array, string][] = [
    ["plain UTF-8", enc("Title\n\nBody"), "Title\n\nBody"],
    ["BOM is dropped", new Uint8Array([0xef, 0xbb, 0xbf, ...enc("Titre\r\n")]), "Titre\n"],
    ["CRLF and lone CR become LF", enc("a\r\nb\rc"), "a\nb\nc"],
    ["RTL and emoji are text", enc("שלום 👋"), "שלום 👋"],
  ];
  it.each(ok)("%s", (_name, input, text) => {
    expect(decode(input)).toEqual({ ok: true, text });
  });

  const bad: [string, Uint8Array, number, RegExp][] = [
    ["empty file", bytes(), 1, /is empty/],
    ["whitespace only", enc(" \n\t\n"), 1, /is empty/],
    ["BOM only", bytes(0xef, 0xbb, 0xbf), 1, /is empty/],
    ["NUL byte: binary", new Uint8Array([...enc("line1\nline2\n"), 0x00, 0x01]), 3, /binary/],
    [
      "Latin-1 é on line 2",
      new Uint8Array([...enc("Titre\nCaf"), 0xe9, ...enc("\n")]),
      2,
      /not valid UTF-8 \(byte 0xe9/,
    ],
    ["truncated sequence", new Uint8Array([...enc("a\nb\nc"), 0xe2, 0x82]), 3, /not valid UTF-8/],
  ];
  it.each(bad)("%s", (_name, input, line, message) => {
    const d = decode(input);
    expect(d.ok).toBe(false);
    if (!d.ok) {
      expect(d.line).toBe(line);
      expect(d.message).toMatch(message);
      expect(d.fix.length).toBeGreaterThan(10);
    }
  });
});
