/* global Document, Element, HTMLElement, Node */
/**
 * Building the pane's DOM. Text always goes in as text nodes, never through `innerHTML`: the pane
 * shows names, messages and formulas that come from data and from Excel.
 */

export type Child = Node | string | false | null | undefined;
export type Attributes = Readonly<Record<string, string | boolean | undefined>>;

/** `h("p", { class: "hint" }, "text", child)`: an element of the pane's document. */
export interface Builder {
  (tag: string, attributes?: Attributes, ...children: Child[]): HTMLElement;
  readonly document: Document;
}

function setAttributes(element: Element, attributes: Attributes): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) element.setAttribute(name, "");
    else if (typeof value === "string") element.setAttribute(name, value);
  }
}

export function builder(document: Document): Builder {
  const h = (tag: string, attributes: Attributes = {}, ...children: Child[]) => {
    const element = document.createElement(tag);
    setAttributes(element, attributes);
    for (const child of children) if (child) element.append(child);
    return element;
  };
  return Object.assign(h, { document });
}

const SVG = "http://www.w3.org/2000/svg";

/** A 20×20 icon from Fluent's icon set, by its path; decorative, so hidden from screen readers. */
export function icon(h: Builder, path: string, attributes: Attributes = {}): Element {
  const svg = h.document.createElementNS(SVG, "svg");
  setAttributes(svg, {
    viewBox: "0 0 20 20",
    "aria-hidden": "true",
    focusable: "false",
    ...attributes,
  });
  const shape = h.document.createElementNS(SVG, "path");
  shape.setAttribute("d", path);
  svg.append(shape);
  return svg;
}

/**
 * Boolean state (`disabled`, `hidden`…) as an attribute: the style sheet and the accessibility tree
 * read it, and on native controls it is the property too.
 */
export function setFlag(element: HTMLElement, name: string, on: boolean): void {
  if (on) element.setAttribute(name, "");
  else element.removeAttribute(name);
}
