// Tables in plain-text captures: pipe tables ("a | b"), column-aligned tables (two or more spaces between
// cells) and tables whose cells were glued together when copied from a browser ("EventTime",
// "Llama 4 releasedApril 2026"). A run becomes a table only when every row splits into the same columns.
import { collapse, wordCount } from "./text";
import type { Unit } from "./units";

function pipeCells(t: string): string[] | null {
  if (!t.includes("|")) return null;
  const cells = t
    .replace(/^\|/u, "")
    .replace(/\|$/u, "")
    .split("|")
    .map((c) => collapse(c));
  return cells.length >= 2 ? cells : null;
}

const isRuleRow = (cells: string[]): boolean => cells.every((c) => /^:?-{2,}:?$/u.test(c));

function spaceCells(raw: string): string[] | null {
  const cells = raw.trim().split(/ {2,}/u);
  return cells.length >= 2 && cells.every((c) => wordCount(c) <= 8) ? cells.map(collapse) : null;
}

/** "EventTime" -> ["Event", "Time"]: two to five capitalised words run together. */
export function gluedHeader(t: string): string[] | null {
  if (!/^(?:\p{Lu}\p{Ll}+){2,5}$/u.test(t)) return null;
  return t.match(/\p{Lu}\p{Ll}+/gu);
}

/**
 * Splits a glued row into `k` cells at places where a lowercase letter or digit runs straight into a
 * capital ("releasedApril"). Boundaries inside a capitalised word ("LeCun", "OpenAI") are used last.
 */
export function splitGluedRow(t: string, k: number): string[] | null {
  const candidates: { pos: number; strong: boolean }[] = [];
  const re = /(?<=[\p{Ll}\d%)\]])(?=\p{Lu})/gu;
  for (const m of t.matchAll(re)) {
    const pos = m.index ?? 0;
    const start = t.lastIndexOf(" ", pos - 1) + 1;
    const fragment = t.slice(start, pos);
    candidates.push({ pos, strong: /^[\p{Ll}\d]/u.test(fragment) });
  }
  if (candidates.length < k - 1) return null;
  const strong = candidates.filter((c) => c.strong);
  const chosen = (strong.length >= k - 1 ? strong.slice(-(k - 1)) : candidates.slice(-(k - 1))).map(
    (c) => c.pos,
  );
  if (chosen.length !== k - 1) return null;
  const cells: string[] = [];
  let from = 0;
  for (const p of chosen) {
    cells.push(t.slice(from, p));
    from = p;
  }
  cells.push(t.slice(from));
  return cells.every((c) => c.trim() !== "") ? cells.map(collapse) : null;
}

function tableUnit(run: Unit[], rows: string[][], header: boolean): Unit {
  const first = run[0] as Unit;
  return {
    kind: "table",
    text: rows.map((r) => r.join(" | ")).join("\n"),
    rows,
    header,
    line: first.line,
    src: run.flatMap((u) => u.src),
    blankBefore: first.blankBefore,
    indent: 0,
  };
}

/** Replaces runs of plain-text lines that form a table by one table unit. */
export function detectTables(units: Unit[]): Unit[] {
  const out: Unit[] = [];
  let i = 0;
  while (i < units.length) {
    const u = units[i] as Unit;
    if (u.kind !== "line") {
      out.push(u);
      i++;
      continue;
    }
    const run: Unit[] = [u];
    for (let j = i + 1; j < units.length; j++) {
      const v = units[j] as Unit;
      if (v.kind !== "line" || v.blankBefore) break;
      run.push(v);
    }
    const found = tryPipe(run) ?? trySpaces(run) ?? tryGlued(run);
    if (found) {
      out.push(found.unit);
      i += found.used;
    } else {
      out.push(u);
      i++;
    }
  }
  return out;
}

type Found = { unit: Unit; used: number } | null;

function tryPipe(run: Unit[]): Found {
  const first = pipeCells(run[0]?.text ?? "");
  if (!first) return null;
  const rows: string[][] = [first];
  let header = false;
  let used = 1;
  for (const u of run.slice(1)) {
    const cells = pipeCells(u.text);
    if (!cells || cells.length !== first.length) break;
    used++;
    if (isRuleRow(cells)) {
      header = rows.length === 1;
      continue;
    }
    rows.push(cells);
  }
  // Without a |---| rule row, two piped lines could be a byline and a share bar: ask for three.
  if (rows.length < (header ? 2 : 3)) return null;
  return { unit: tableUnit(run.slice(0, used), rows, header), used };
}

function trySpaces(run: Unit[]): Found {
  const first = spaceCells(run[0]?.src[0]?.text ?? "");
  if (!first || run[0]?.src.length !== 1) return null;
  const rows: string[][] = [first];
  for (const u of run.slice(1)) {
    const cells = u.src.length === 1 ? spaceCells(u.src[0]?.text ?? "") : null;
    if (!cells || cells.length !== first.length) break;
    rows.push(cells);
  }
  if (rows.length < 3) return null;
  return { unit: tableUnit(run.slice(0, rows.length), rows, true), used: rows.length };
}

function tryGlued(run: Unit[]): Found {
  const header = gluedHeader(run[0]?.text ?? "");
  if (!header) return null;
  const rows: string[][] = [header];
  for (const u of run.slice(1)) {
    const cells = splitGluedRow(u.text, header.length);
    if (!cells) break;
    rows.push(cells);
  }
  if (rows.length < 3) return null;
  return { unit: tableUnit(run.slice(0, rows.length), rows, true), used: rows.length };
}
