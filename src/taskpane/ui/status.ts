/* global HTMLElement */
/** A section's status line: what an action is doing, then its report in words. */
import { Lang, textsIn } from "../../core";
import type { ActionReport } from "../actions";
import { PANE_TEXT } from "../text";
import { Builder } from "./dom";

export interface StatusRegion {
  readonly element: HTMLElement;
  working(text: string): void;
  show(report: ActionReport): void;
}

/**
 * A polite live region that exists, empty, from the start: screen readers announce changes only
 * to regions that were already in the page.
 */
export function statusRegion(h: Builder, id: string): StatusRegion {
  const element = h("div", { id, class: "status", role: "status", "aria-live": "polite" });
  return {
    element,
    working(text) {
      element.dataset.state = "working";
      element.replaceChildren(h("p", { class: "status-summary" }, text));
    },
    show(report) {
      element.dataset.state = report.ok ? "ok" : "error";
      const summary = h("p", { class: "status-summary" }, report.summary);
      if (report.details.length === 0) element.replaceChildren(summary);
      else {
        const details = report.details.map((line) => h("li", {}, line));
        element.replaceChildren(summary, h("ul", { class: "status-details" }, ...details));
      }
    },
  };
}

/** An action that threw (or resolved to something that is not a report), as a report in words. */
export function failureReport(couldNot: string, error: unknown, lang: Lang = "en"): ActionReport {
  const t = textsIn(PANE_TEXT, lang);
  const message =
    error instanceof Error ? error.message : typeof error === "string" ? error : t.noReport;
  const sentence = (text: string) =>
    /[.!?。！？]$/.test(text) ? text : `${text}${lang === "en" ? "." : "。"}`;
  const code = (error as { code?: unknown } | null)?.code;
  return {
    ok: false,
    summary: sentence(t.failed(couldNot, message.trim() || t.noMessage)),
    // Office.js errors carry a code such as "InvalidArgument" or "ItemNotFound".
    details: typeof code === "string" && code ? [t.errorCode(code)] : [],
  };
}

export function isReport(value: unknown): value is ActionReport {
  const report = value as ActionReport | null | undefined;
  return (
    typeof report === "object" &&
    report !== null &&
    typeof report.ok === "boolean" &&
    typeof report.summary === "string" &&
    Array.isArray(report.details)
  );
}
