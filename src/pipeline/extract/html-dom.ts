// The little of the DOM the HTML reader uses, typed structurally: the build's tsconfig has no DOM lib
// (the same code must not pretend to run in a browser), and linkedom's document satisfies these.
import { parseHTML } from "linkedom";

export interface DomNode {
  nodeType: number;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

export interface DomElement extends DomNode {
  tagName: string;
  children: ArrayLike<DomElement>;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  remove(): void;
}

export interface DomDocument {
  documentElement: DomElement | null;
  body: DomElement;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

export function parseDocument(html: string): DomDocument {
  return parseHTML(html).document as unknown as DomDocument;
}

export const isElement = (n: DomNode): n is DomElement => n.nodeType === 1;
