/* eslint-disable no-undef */
// The workbench (`npm run workbench`): a development page that runs the built add-in beside a
// HyperFormula workbook. Its own config and its own output folder, dist-workbench/, so that neither
// HyperFormula nor any workbench code can reach the add-in's bundles in dist/ (webpack.config.js).
//
// The page loads, in this order: shim.js (installs window.CustomFunctions), /addin/functions.js (the
// add-in's own bundle from dist/, served by scripts/workbench.js) and main.js (the workbench).
const path = require("path");
const typescriptRule = require("./scripts/webpack-typescript");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

module.exports = (env, options) => {
  const dev = options.mode !== "production";
  return {
    mode: dev ? "development" : "production",
    // No eval-based source maps: the page runs under a Content-Security-Policy without 'unsafe-eval'.
    devtool: dev ? "source-map" : false,
    entry: {
      shim: "./src/workbench/shim.ts",
      main: "./src/workbench/main.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist-workbench"),
      filename: "[name].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [typescriptRule],
    },
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "index.html",
        template: "./src/workbench/index.html",
        // The template places the scripts itself: the add-in's functions.js goes between the two.
        inject: false,
        minify: false,
      }),
      new CopyWebpackPlugin({
        patterns: [{ from: "src/workbench/workbench.css", to: "workbench.css" }],
      }),
    ],
  };
};
