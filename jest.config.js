/** @type {import("jest").Config} */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  // The manifest and bundle tests read dist/; test/global-setup.js builds it once if missing or stale.
  globalSetup: "<rootDir>/test/global-setup.js",
  // office-addin-mock 4 uses only the OfficeApp enum of office-addin-manifest, whose index pulls in
  // ES-module-only packages (strip-bom 5, node-fetch 3) that jest cannot load: map it to the enum.
  moduleNameMapper: {
    "^office-addin-manifest$": "<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js",
  },
  transform: { "^.+\\.ts$": "ts-jest" },
};
