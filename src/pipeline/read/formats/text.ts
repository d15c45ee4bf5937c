// Plain text pasted from a web page, chrome and all.
import { readWithFrontMatter } from "./plain";
import type { Format } from "./types";

export const text: Format = {
  name: "text",
  extensions: [".txt"],
  read: (t) => readWithFrontMatter(t, "text"),
};
