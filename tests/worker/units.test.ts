// Pure helpers of the Worker, table-driven.
import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, parseIsoDate } from "../../src/worker/api-query";
import { parseIfNoneMatch } from "../../src/worker/conditional";
import { shortHash } from "../../src/worker/hash";
import { parseHttpDate } from "../../src/worker/http-date";

const NOW = Date.UTC(2026, 5, 1);
const T = Date.UTC(1994, 10, 6, 8, 49, 37);

describe("parseHttpDate (RFC 9110 §5.6.7)", () => {
  it.each([
    ["Sun, 06 Nov 1994 08:49:37 GMT", T],
    ["Sunday, 06-Nov-94 08:49:37 GMT", T],
    ["Sun Nov  6 08:49:37 1994", T],
    ["Sun Nov 16 08:49:37 1994", Date.UTC(1994, 10, 16, 8, 49, 37)],
    // Two-digit year more than 50 years ahead means last century; otherwise this one.
    ["Tuesday, 01-Jan-80 00:00:00 GMT", Date.UTC(1980, 0, 1)],
    ["Tuesday, 01-Jan-70 00:00:00 GMT", Date.UTC(2070, 0, 1)],
    ["Friday, 01-Jan-27 00:00:00 GMT", Date.UTC(2027, 0, 1)],
    ["  Sun, 06 Nov 1994 08:49:37 GMT  ", T],
    ["Sun, 06 Nov 1994 08:49:37 UTC", null],
    ["Sun, 6 Nov 1994 08:49:37 GMT", null],
    ["sun, 06 nov 1994 08:49:37 gmt", null],
    ["Sun, 31 Feb 1994 08:49:37 GMT", null],
    ["Sun, 06 Nov 1994 24:00:00 GMT", null],
    ["1994-11-06T08:49:37Z", null],
    ["", null],
    ["garbage", null],
  ])("%j -> %s", (input, expected) => {
    expect(parseHttpDate(input, NOW)).toBe(expected);
  });
});

describe("parseIfNoneMatch", () => {
  it.each([
    ['"a"', ["a"]],
    ['W/"a"', ["a"]],
    ['"a", W/"b" ,"c"', ["a", "b", "c"]],
    ['"a",,"b",', ["a", "b"]],
    ["*", "*"],
    [" * ", "*"],
    ['""', [""]],
    ["a", null],
    ['"a', null],
    ['"a" "b"', null],
    ['"a b"', null],
    ["", []],
  ])("%j -> %j", (input, expected) => {
    expect(parseIfNoneMatch(input)).toEqual(expected);
  });
});

describe("parseIsoDate", () => {
  it.each([
    ["2026-03-01", false, Date.UTC(2026, 2, 1)],
    ["2026-03-01", true, Date.UTC(2026, 2, 2) - 1],
    ["2026-03-01T12:00:00Z", false, Date.UTC(2026, 2, 1, 12)],
    ["2026-03-01T12:00:00Z", true, Date.UTC(2026, 2, 1, 12)],
    ["2026-03-01T12:00Z", false, Date.UTC(2026, 2, 1, 12)],
    ["2026-03-01T12:00:00.5Z", false, Date.UTC(2026, 2, 1, 12, 0, 0, 500)],
    ["2026-03-01T12:00:00+02:00", false, Date.UTC(2026, 2, 1, 10)],
    ["2026-03-01T12:00:00-0130", false, Date.UTC(2026, 2, 1, 13, 30)],
    ["2026-03-01 12:00:00", false, Date.UTC(2026, 2, 1, 12)],
    ["2024-02-29", false, Date.UTC(2024, 1, 29)],
    ["2026-02-29", false, null],
    ["2026-02-30", false, null],
    ["2026-00-10", false, null],
    ["2026-3-1", false, null],
    ["2026-03-01T24:00:00Z", false, null],
    ["2026-03-01T12:00:00+25:00", false, null],
    ["20260301", false, null],
    ["", false, null],
  ] as const)("%j (end of day %s) -> %s", (input, end, expected) => {
    expect(parseIsoDate(input, end)).toBe(expected);
  });
});

describe("cursors", () => {
  it.each([
    { date: 0, id: "urn:uuid:1" },
    { date: Date.UTC(2026, 0, 1), id: "urn:uuid:00000000-0000-4000-8000-000000000001" },
    { date: -1000, id: "é,ü,," },
  ])("round-trips %j", (c) => {
    const text = encodeCursor(c);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text)).toEqual(c);
  });

  it.each(["", "!!!", "a", "djE", "djIsMSx4", btoa("v1,abc,x"), btoa("v1,1,")])("rejects %j", (text) => {
    expect(decodeCursor(text)).toBeNull();
  });

  it("decodes only exactly: other padding bits or a padded or non-canonical date are refused", () => {
    const text = encodeCursor({ date: 5, id: "ab" }); // "v1,5,ab": 7 bytes in 10 characters, 4 spare bits
    const tail = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const lastAt = tail.indexOf(text.slice(-1));
    const sibling = `${text.slice(0, -1)}${tail[lastAt + 1]}`; // same bytes, other padding bits
    expect(decodeCursor(sibling)).toBeNull();
    expect(decodeCursor(`${text}==`)).toBeNull();
    expect(decodeCursor(text)).toEqual({ date: 5, id: "ab" });
    expect(decodeCursor(btoa("v1,05,ab").replace(/=+$/, ""))).toBeNull();
    expect(decodeCursor(btoa("v1,-0,ab").replace(/=+$/, ""))).toBeNull();
  });
});

it("shortHash is deterministic and spreads", () => {
  expect(shortHash("https://a.example")).toBe(shortHash("https://a.example"));
  expect(shortHash("https://a.example")).not.toBe(shortHash("https://b.example"));
  expect(shortHash("")).toMatch(/^[0-9a-z]{11}$/);
});
