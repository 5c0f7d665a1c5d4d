/* eslint-disable no-undef */
/**
 * The browser tests' environment: Node's, telling the test file which test has just failed, so
 * that test/e2e/browser.ts photographs the pages of a failed test only (a screenshot costs the
 * browser a full paint and a PNG: taken at every step, they were a tenth of the e2e files' CPU).
 */
const { TestEnvironment } = require("jest-environment-node");

/** The global a test file reads: the name of the last test whose body or hook failed. */
const FAILED = "cnaiFailedTest";

class BrowserTestEnvironment extends TestEnvironment {
  async handleTestEvent(event) {
    if (event.name === "test_start") this.global[FAILED] = undefined;
    if (event.name === "test_fn_failure" || event.name === "hook_failure")
      this.global[FAILED] = event.test?.name ?? event.hook?.type ?? "hook";
  }
}

module.exports = BrowserTestEnvironment;
