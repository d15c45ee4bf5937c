// How deep a Markdown capture nests lists and block quotes, read from the source before lexing.
/**
 * Deepest nesting of lists and block quotes, and its line, read from the source before lexing: the
 * lexer's work grows with the square of the depth (800 levels took 13 s; 5,000 never ended), so a
 * capture nested deeper than MARKDOWN_MAX_DEPTH is refused before it reaches the lexer. Linear: one
 * pass, with a stack of the indents of the list items still open.
 */
export const MARKDOWN_MAX_DEPTH = 20;
const CONTAINER = /^(?: {0,3}>| *(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))[ \t]*/u;

export function markdownDepth(body: string): { depth: number; line: number } {
  const open: number[] = [];
  let deepest = { depth: 0, line: 1 };
  let line = 0;
  for (const raw of body.split("\n")) {
    line++;
    const text = raw.replace(/\t/gu, "    ");
    const indent = text.length - text.trimStart().length;
    if (text.trim() === "" || /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/u.test(text))
      continue;
    let rest = text;
    let chained = 0;
    for (
      let m = CONTAINER.exec(rest);
      m && m[0].length > 0 && chained <= MARKDOWN_MAX_DEPTH;
      m = CONTAINER.exec(rest)
    ) {
      chained++;
      rest = rest.slice(m[0].length);
    }
    const isItem = /^ *(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/u.test(text);
    while (open.length > 0 && (open[open.length - 1] as number) >= indent && (isItem || indent === 0))
      open.pop();
    const depth = open.length + chained;
    if (depth > deepest.depth) deepest = { depth, line };
    if (isItem) open.push(indent);
  }
  return deepest;
}
