/* global setTimeout */
/**
 * The part of `Office` (office.js's common API) CNAI's code uses, as Excel provides it: what
 * `Office.onReady` reports, the display language, the requirement sets the host answers, and the
 * add-in's startup behaviour. The workbench's office.js stand-in and the client under Node install
 * it beside Microsoft's Excel client, so CNAI's pane code meets Office as it does in Excel.
 */

import { HOST_SETS, Requirements, versionAtLeast } from "./requirements";

/** The requirement sets the host implements, with their highest version. */
export const REQUIREMENT_SETS = HOST_SETS;

export interface OfficeOptions {
  /** `Office.context.displayLanguage`: "en-US", "zh-CN". */
  readonly displayLanguage?: string;
  /**
   * The sets `isSetSupported` answers from, and where it records each question (the host's member
   * gate reads it, src/host/requirements.ts); the host's own sets by default.
   */
  readonly requirements?: Requirements;
}

export interface StartupBehaviorLog {
  /** Every `Office.addin.setStartupBehavior` call, in order. */
  readonly calls: string[];
  current: string;
}

/**
 * `Office` as Excel would have initialized it: these members over `base` (the namespace the client
 * script defines, whose `context` cannot be redefined), and the record of startup-behaviour calls.
 */
export function officeAsExcel(
  base: object | undefined,
  options: OfficeOptions = {}
): { office: Record<string, unknown>; startup: StartupBehaviorLog; requirements: Requirements } {
  const requirements = options.requirements ?? { sets: HOST_SETS, asked: [] };
  const office = Object.create(base ?? null) as Record<string, unknown>;
  const startup: StartupBehaviorLog = { calls: [], current: "None" };
  const info = { host: "Excel", platform: "OfficeOnline" };
  const context = {
    displayLanguage: options.displayLanguage ?? "en-US",
    requirements: {
      isSetSupported(name: string, version?: string | number): boolean {
        const have = requirements.sets[name];
        const asked = String(version ?? "1.1");
        const answer = have !== undefined && versionAtLeast(have, asked);
        requirements.asked.push({ name, version: asked, answer });
        return answer;
      },
    },
  };
  const members = {
    context,
    HostType: { Excel: "Excel" },
    PlatformType: { OfficeOnline: "OfficeOnline" },
    StartupBehavior: { none: "None", load: "Load" },
    onReady(callback?: (reported: typeof info) => void) {
      if (callback) setTimeout(() => callback(info), 0);
      return Promise.resolve(info);
    },
    addin: {
      async setStartupBehavior(behavior: string) {
        if (behavior !== "None" && behavior !== "Load")
          throw Object.assign(new Error(`"${behavior}" is not a startup behavior.`), {
            code: "InvalidArgument",
          });
        startup.calls.push(behavior);
        startup.current = behavior;
      },
      async getStartupBehavior() {
        return startup.current;
      },
    },
  };
  // Own properties, defined rather than assigned: the base's `context` is read-only.
  for (const [key, value] of Object.entries(members))
    Object.defineProperty(office, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  return { office, startup, requirements };
}
