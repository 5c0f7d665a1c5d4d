/* eslint-disable no-undef */
const path = require("path");
const typescriptRule = require("./scripts/webpack-typescript");
const { stripProse } = require("./scripts/strip-prose");
const { publicOrigin } = require("./scripts/public-url");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const MinimizerPlugin = require("minimizer-webpack-plugin");
const { sources, WebpackError } = require("webpack");

// The help pages are rendered from the same TypeScript catalogue as the functions.
require("ts-node").register({ transpileOnly: true });
const {
  helpFiles,
  localizedMetadata,
  DEV_ORIGIN,
  LOCALIZED_METADATA,
} = require("./scripts/reference.ts");

// A deployment sets CNAI_PUBLIC_URL (e.g. https://cnai.example.com) to rewrite the dev origin in the
// manifest and functions.json; without it the build serves from https://localhost:3000. Anything
// but an https origin fails the build with the reason (scripts/public-url.js).
const publicUrl = process.env.CNAI_PUBLIC_URL
  ? publicOrigin(process.env.CNAI_PUBLIC_URL)
  : DEV_ORIGIN;
const rewriteUrls = (text) => text.split(DEV_ORIGIN).join(publicUrl);

class HelpPagesPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("HelpPagesPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "HelpPagesPlugin", stage: compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          for (const [file, content] of Object.entries(helpFiles())) {
            compilation.emitAsset(file, new sources.RawSource(content), { minimized: true });
          }
        }
      );
    });
  }
}

/**
 * functions.zh-CN.json, made from the metadata plugin's functions.json and the catalogue's Chinese
 * texts (never edited by hand). A functions.json that disagrees with the catalogue fails the build.
 */
class LocalizedMetadataPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("LocalizedMetadataPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "LocalizedMetadataPlugin", stage: compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const english = compilation.getAsset("functions.json");
          if (!english) return; // the metadata plugin has reported why
          for (const [lang, file] of Object.entries(LOCALIZED_METADATA)) {
            try {
              const json = localizedMetadata(english.source.source().toString(), lang);
              compilation.emitAsset(file, new sources.RawSource(json));
            } catch (error) {
              compilation.errors.push(new WebpackError(`${file}: ${error.message}`));
            }
          }
        }
      );
    });
  }
}

const METADATA_FILES = ["functions.json", ...Object.values(LOCALIZED_METADATA)];

/** The metadata files come from the plugins above; this only rewrites their help URLs for a deployment. */
class RewriteMetadataUrlsPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("RewriteMetadataUrlsPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "RewriteMetadataUrlsPlugin", stage: compilation.PROCESS_ASSETS_STAGE_REPORT },
        () => {
          if (publicUrl === DEV_ORIGIN) return;
          for (const file of METADATA_FILES) {
            const asset = compilation.getAsset(file);
            if (asset)
              compilation.updateAsset(
                file,
                new sources.RawSource(rewriteUrls(asset.source.source().toString()))
              );
          }
        }
      );
    });
  }
}

/**
 * dist/functions.js: Excel's runtime needs the functions' specs and math, not their prose, which
 * functions.json, the help pages and the pane carry (scripts/strip-prose.js). Its own ts-loader
 * instance, transpile-only: the taskpane's instance, `npm run lint` and `tsc --noEmit` in CI type-check.
 */
const RUNTIME_LAYER = "functions";
const runtimeTypescript = {
  loader: "ts-loader",
  options: {
    ...typescriptRule.use.options,
    instance: "functions-runtime",
    transpileOnly: true,
    getCustomTransformers: () => ({ before: [stripProse] }),
  },
};

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  const devServer = env && env.WEBPACK_SERVE ? await devServerOptions() : undefined;
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      // The functions bundle is its own layer: its copy of the catalogue is compiled without prose.
      // Its Monte Carlo engine is a chunk of its own (risk.js, src/functions/excel.ts), fetched
      // beside the page that hosts the runtime: taskpane.html, in dist/ with it, in Excel and in
      // the workbench's /addin/ alike — so a relative path, not one guessed from a script tag.
      functions: {
        import: "./src/functions/functions.ts",
        layer: RUNTIME_LAYER,
        publicPath: "",
      },
      taskpane: "./src/taskpane/taskpane.ts",
    },
    experiments: { layers: true },
    // JavaScript minified by swc (Rust) instead of webpack's default terser: the build takes 3.8 s
    // of CPU instead of 6.3 s — every clean `npm test` builds dist/ first — and functions.js comes
    // out 1.3 KB smaller (docs/benchmarks.md). Listed before webpack's own minimizers ("..."),
    // which leave an asset already minimized alone and still minify the HTML. The tests read the
    // minified bundles, so they prove it.
    optimization: {
      minimizer: [
        new MinimizerPlugin({
          minify: MinimizerPlugin.swcMinify,
          minimizerOptions: { compress: true, mangle: true },
          extractComments: false,
        }),
        "...",
      ],
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      chunkFilename: "[name].js",
      // The chunk announces itself on globalThis: a page's window, and the realm tests run it in.
      globalObject: "globalThis",
      clean: true,
    },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        {
          test: typescriptRule.test,
          exclude: typescriptRule.exclude,
          oneOf: [
            { issuerLayer: RUNTIME_LAYER, use: runtimeTypescript },
            { use: typescriptRule.use },
          ],
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: "./src/functions/functions.ts",
      }),
      new LocalizedMetadataPlugin(),
      new RewriteMetadataUrlsPlugin(),
      new HelpPagesPlugin(),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Shared runtime: the pane's page also hosts the custom functions.
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => rewriteUrls(content.toString()),
          },
        ],
      }),
    ],
    devServer,
  };
};

async function devServerOptions() {
  const { getHttpsOptions } = require("./scripts/https-options");
  return {
    headers: { "Access-Control-Allow-Origin": "*" },
    server: { type: "https", options: await getHttpsOptions() },
    port: Number(process.env.npm_package_config_dev_server_port) || 3000,
    static: false,
  };
}
