import { describe, expect, it } from "vitest";
import { escapeHtml, stripForbiddenChars } from "../../../src/shared/escape";

describe("escapeHtml", () => {
  it.each([
    ["plain", "plain"],
    ["<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    ["Tom & Jerry", "Tom &amp; Jerry"],
    ["&amp; already", "&amp;amp; already"],
    [`"double" 'single'`, "&quot;double&quot; &#39;single&#39;"],
    ["bell\u0007 nul\u0000 esc\u001b", "bell nul esc"],
    ["tab\tnew\nline\r", "tab\tnew\nline\r"],
    ["שלום 🦙 مرحبا", "שלום 🦙 مرحبا"],
    ["lone \uD800 high, lone \uDC00 low", "lone  high, lone  low"],
    ["non\uFFFEchar\uFFFF", "nonchar"],
    ["", ""],
  ])("%j -> %j", (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });

  it("keeps valid surrogate pairs (emoji)", () => {
    expect(stripForbiddenChars("🦙🚀")).toBe("🦙🚀");
  });
});
