/* eslint-disable no-undef */
/**
 * The functions bundle without the catalogue's prose. Each function is declared once, in
 * src/core/functions/*.ts: its spec (name, parameters with their kinds, units, limits and defaults),
 * its math, and its prose — the description, what it returns, its source in the note, its examples
 * and every Chinese text. The prose is for people: functions.json and its Chinese copy, the help
 * pages, docs/functions.md and the pane's reference, all built from the same declarations by
 * scripts/reference.ts and the pane's own bundle. Excel's runtime needs only the spec and the math,
 * so the build compiles these files for dist/functions.js with a TypeScript transformer that drops
 * the prose keys from their object literals.
 *
 * The error messages stay: they are made from the spec (names, units, limits, `accepts`), never from
 * the prose. test/functions/bundle-prose.test.ts holds the bundle to that, and runs this transformer
 * on the catalogue's files to check what it removes.
 */
const ts = require("typescript");

/** Keys whose values are prose in the catalogue's declarations; no spec or math uses these names. */
const PROSE_KEYS = ["description", "returns", "source", "zh", "examples"];
const PROSE = new Set(PROSE_KEYS);

/** The files that declare the catalogue's functions: src/core/functions/*.ts. */
const CATALOGUE_FILE = /[\\/]src[\\/]core[\\/]functions[\\/][^\\/]+\.ts$/;

const keyOf = (property) =>
  ts.isPropertyAssignment(property) &&
  (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))
    ? property.name.text
    : undefined;

/** A `before` transformer for ts-loader: object literals in catalogue files lose their prose keys. */
function stripProse(context) {
  return (sourceFile) => {
    if (!CATALOGUE_FILE.test(sourceFile.fileName)) return sourceFile;
    const visit = (node) => {
      if (ts.isObjectLiteralExpression(node)) {
        const kept = node.properties
          .filter((property) => !PROSE.has(keyOf(property)))
          .map((property) => ts.visitNode(property, visit));
        return ts.factory.updateObjectLiteralExpression(node, kept);
      }
      return ts.visitEachChild(node, visit, context);
    };
    return ts.visitNode(sourceFile, visit);
  };
}

/** Compiles a file as the functions bundle does (ES2019 JavaScript, prose dropped): for the tests. */
function transpileForRuntime(fileName, source) {
  return ts.transpileModule(source, {
    fileName,
    compilerOptions: { target: ts.ScriptTarget.ES2019, module: ts.ModuleKind.ES2020 },
    transformers: { before: [stripProse] },
  }).outputText;
}

module.exports = { stripProse, transpileForRuntime, PROSE_KEYS, CATALOGUE_FILE };
