/* eslint-disable no-undef */
/** Closes the Chromium test/global-setup.js launched for the run's browser tests. */
module.exports = require("./e2e/chromium").closeSharedChromium;
