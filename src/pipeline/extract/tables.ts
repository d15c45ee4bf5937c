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

/** Work done by `detectTables`: rows looked at, for tests that bound it (linear in the lines). */
export interface TableWork {
  rows: number;
}

/**
 * Replaces runs of plain-text lines that form a table by one table unit. Linear: a run's end is found
 * once, not once per line of it, and each try reads rows only while they still fit the table (a failed
 * try reads at most three rows; a found table is consumed).
 */
export function detectTables(units: Unit[], work: TableWork = { rows: 0 }): Unit[] {
  const out: Unit[] = [];
  let i = 0;
  let runEnd = 0;
  while (i < units.length) {
    const u = units[i] as Unit;
    if (u.kind !== "line") {
      out.push(u);
      i++;
      continue;
    }
    if (runEnd <= i) {
      runEnd = i + 1;
      while (runEnd < units.length) {
        const v = units[runEnd] as Unit;
        if (v.kind !== "line" || v.blankBefore) break;
        runEnd++;
        work.rows++;
      }
    }
    const run: Run = { units, start: i, end: runEnd, work };
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

/** Lines units[start..end) with no blank line between them; `at(k)` is the k-th. */
interface Run {
  units: Unit[];
  start: number;
  end: number;
  work: TableWork;
}

const at = (r: Run, k: number): Unit | undefined => {
  if (r.start + k >= r.end) return undefined;
  r.work.rows++;
  return r.units[r.start + k];
};
const slice = (r: Run, n: number): Unit[] => r.units.slice(r.start, r.start + n);

type Found = { unit: Unit; used: number } | null;

function tryPipe(run: Run): Found {
  const first = pipeCells(at(run, 0)?.text ?? "");
  if (!first) return null;
  const rows: string[][] = [first];
  let header = false;
  let rules = 0;
  let used = 1;
  for (let u = at(run, 1); u; u = at(run, used)) {
    const cells = pipeCells(u.text);
    if (!cells || cells.length !== first.length) break;
    if (isRuleRow(cells)) {
      // A table has one rule row, under its header: a second one ends it, so a column of rules can
      // never be read again from every line.
      if (++rules > 1) break;
      used++;
      header = rows.length === 1;
      continue;
    }
    used++;
    rows.push(cells);
  }
  // Without a |---| rule row, two piped lines could be a byline and a share bar: ask for three.
  if (rows.length < (header ? 2 : 3)) return null;
  return { unit: tableUnit(slice(run, used), rows, header), used };
}

function trySpaces(run: Run): Found {
  const u0 = at(run, 0);
  const first = spaceCells(u0?.src[0]?.text ?? "");
  if (!first || u0?.src.length !== 1) return null;
  const rows: string[][] = [first];
  for (let u = at(run, 1); u; u = at(run, rows.length)) {
    const cells = u.src.length === 1 ? spaceCells(u.src[0]?.text ?? "") : null;
    if (!cells || cells.length !== first.length) break;
    rows.push(cells);
  }
  if (rows.length < 3) return null;
  return { unit: tableUnit(slice(run, rows.length), rows, true), used: rows.length };
}

function tryGlued(run: Run): Found {
  const header = gluedHeader(at(run, 0)?.text ?? "");
  if (!header) return null;
  const rows: string[][] = [header];
  for (let u = at(run, 1); u; u = at(run, rows.length)) {
    const cells = splitGluedRow(u.text, header.length);
    if (!cells) break;
    rows.push(cells);
  }
  if (rows.length < 3) return null;
  return { unit: tableUnit(slice(run, rows.length), rows, true), used: rows.length };
}
