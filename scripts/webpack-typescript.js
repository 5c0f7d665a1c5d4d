/* eslint-disable no-undef */
/**
 * The TypeScript rule both webpack configs share (the add-in's and the workbench's): ES modules out
 * of TypeScript, so that webpack can drop what a bundle does not use — compiled to CommonJS, one
 * require() of Fluent pulls in every component and theme.
 */
module.exports = {
  test: /\.ts$/,
  exclude: /node_modules/,
  use: {
    loader: "ts-loader",
    options: {
      onlyCompileBundledFiles: true,
      compilerOptions: { module: "es2020" },
      // The tests' builds (test/global-setup.js): the same JavaScript (tsconfig's isolatedModules),
      // without the type check that `npm run build` and `npm run lint` do.
      transpileOnly: process.env.CNAI_TRANSPILE_ONLY === "1",
    },
  },
};
