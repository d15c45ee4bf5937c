// Markdown, rendered to HTML by our own sanitising walker (src/pipeline/extract/markdown.ts).
import { readWithFrontMatter } from "./plain";
import type { Format } from "./types";

export const markdown: Format = {
  name: "markdown",
  extensions: [".md", ".markdown"],
  read: (t) => readWithFrontMatter(t, "markdown"),
};
