/* global process */
// jest.config.js's "oldest Excel" project: the pane's suites host their workbooks as the oldest
// Excel the manifest admits (test/helpers/host.ts).
process.env.CNAI_EXCEL = "oldest";
