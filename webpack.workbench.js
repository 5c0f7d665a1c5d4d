/* eslint-disable no-undef */
// The workbench (`npm run workbench`): a development page that runs the built add-in beside a
// workbook on CNAI's Excel host (src/host/, over HyperFormula). Its own config and its own output
// folder, dist-workbench/, so that neither HyperFormula nor any workbench code can reach the
// add-in's bundles in dist/ (webpack.config.js).
//
// Two bundles:
//   main.js    the page (src/workbench/main.ts): the workbook, its host, the grid, and the add-in's
//              own /addin/taskpane.html in an iframe beside it
//   office.js  what that taskpane.html gets for office.js (src/workbench/office.ts): Microsoft's
//              Excel client, excel-web-16.00.js from @microsoft/office-js, put first in the same
//              file so that it loads as one classic script before the pane's deferred scripts
const path = require("path");
const fs = require("fs");
const webpack = require("webpack");
const typescriptRule = require("./scripts/webpack-typescript");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const EXCEL_CLIENT = path.join(
  path.dirname(require.resolve("@microsoft/office-js/package.json")),
  "dist",
  "excel-web-16.00.js"
);

/** Puts Microsoft's Excel client, unchanged and unminified again, before office.js's own code. */
class ExcelClientFirst {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("ExcelClientFirst", (compilation) => {
      compilation.fileDependencies.add(EXCEL_CLIENT);
      compilation.hooks.processAssets.tap(
        // After minifying (the client is minified already), before the source map is made.
        {
          name: "ExcelClientFirst",
          stage: webpack.Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE + 1,
        },
        () => {
          const { ConcatSource, RawSource } = webpack.sources;
          compilation.updateAsset(
            "office.js",
            (own) =>
              new ConcatSource(new RawSource(fs.readFileSync(EXCEL_CLIENT, "utf8")), "\n;\n", own)
          );
        }
      );
    });
  }
}

module.exports = (env, options) => {
  const dev = options.mode !== "production";
  return {
    mode: dev ? "development" : "production",
    // No eval-based source maps: the page runs under a Content-Security-Policy without 'unsafe-eval'.
    devtool: dev ? "source-map" : false,
    entry: {
      main: "./src/workbench/main.ts",
      office: "./src/workbench/office.ts",
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
        chunks: ["main"],
        scriptLoading: "defer",
        minify: false,
      }),
      new CopyWebpackPlugin({
        patterns: [{ from: "src/workbench/workbench.css", to: "workbench.css" }],
      }),
      new ExcelClientFirst(),
    ],
  };
};
