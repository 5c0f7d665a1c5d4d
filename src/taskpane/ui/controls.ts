/* global HTMLButtonElement, HTMLElement, HTMLInputElement */
/**
 * The pane's controls: the browser's own <button> and <input>, drawn in Fluent 2's look by
 * taskpane.css. Native controls bring their role, keyboard use, focus and disabled state in every
 * webview Office runs the pane in (and in jsdom), with no component library to load or register:
 * three Fluent web components, with FAST and Fluent's tokens, were 98 KB of the pane's script and
 * declared engines that made `npm ci` warn on Node 20 (docs/development.md).
 */
import { Builder, icon } from "./dom";

/**
 * `<button type="button" class="button">` in Fluent 2's look: `appearance` ("primary" for an
 * action's main step, "outline", or the default "secondary") and `size` ("small" or "medium") are
 * read from `attributes` into data attributes for the style sheet; the rest are the button's own.
 * `hintId` joins its aria-describedby, so a screen reader reads the section's text, then why the
 * button is disabled.
 */
export function button(
  h: Builder,
  label: string,
  attributes: Readonly<Record<string, string>>,
  hintId = ""
): HTMLButtonElement {
  const { appearance = "secondary", size = "medium", ...own } = attributes;
  const describedBy = [own["aria-describedby"], hintId].filter(Boolean).join(" ");
  return h(
    "button",
    {
      ...own,
      type: "button",
      class: ["button", own.class].filter(Boolean).join(" "),
      "data-appearance": appearance,
      "data-size": size,
      "aria-describedby": describedBy || undefined,
    },
    label
  ) as HTMLButtonElement;
}

/** A busy button's spinner, before its label; the button's aria-busy says it in words. */
export function spinner(h: Builder, size: string): HTMLElement {
  return h("span", { class: "spinner", "data-size": size, "aria-hidden": "true" });
}

/**
 * A labelled search box: `<label for>` names the <input> (its accessible name), the icon is
 * decoration. `field` is what the layout places, `input` what holds the query.
 */
export function searchField(
  h: Builder,
  options: {
    readonly id: string;
    readonly label: string;
    readonly placeholder: string;
    readonly controls: string;
    readonly iconPath: string;
  }
): { field: HTMLElement; input: HTMLInputElement } {
  const input = h("input", {
    id: options.id,
    class: "search-input",
    type: "search",
    autocomplete: "off",
    spellcheck: "false",
    placeholder: options.placeholder,
    "aria-controls": options.controls,
  }) as HTMLInputElement;
  const field = h(
    "div",
    { class: "search" },
    h("label", { class: "search-label", for: options.id }, options.label),
    h("div", { class: "search-box" }, icon(h, options.iconPath, { class: "search-icon" }), input)
  );
  return { field, input };
}
