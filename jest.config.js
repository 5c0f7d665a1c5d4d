/** @type {import("jest").Config} */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  // The manifest and bundle tests read dist/; test/global-setup.js builds it once if missing or stale.
  globalSetup: "<rootDir>/test/global-setup.js",
  transform: { "^.+\\.ts$": "ts-jest" },
};
