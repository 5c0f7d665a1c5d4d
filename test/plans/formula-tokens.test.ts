/**
 * CNAI's formula tokenizer (src/plans/formula-tokens.ts) and what reads formulas with it: the saved
 * form (src/plans/saved-form.ts), Snapshot's "calls CNAI" (src/plans/snapshot.ts), the repair's
 * decision per cell (src/taskpane/repair.ts). Every formula of issue 19 as a table, expected
 * results written by hand; and a property test against HyperFormula's own lexer on generated
 * formulas, on the part of the grammar both read (HyperFormula knows neither structured nor
 * external references, reads `\` as an escape in text, no exponent in numbers and `#N/A/0` as one
 * error: those are in the tables).
 */
import fc from "fast-check";
import { HyperFormula } from "hyperformula";
import {
  Token,
  TokenKind,
  callsIn,
  joinTokens,
  leadingSheet,
  readFormula,
  readsBack,
} from "../../src/plans/formula-tokens";
import {
  calledFunctions,
  fromSavedForm,
  holdsSavedForm,
  toSavedForm,
} from "../../src/plans/saved-form";
import { callsCnai } from "../../src/plans/snapshot";
import { repairOf } from "../../src/taskpane/repair";
import { LICENSE_KEY } from "../../src/host/engine";

const IDS = ["PARITY_AT", "VERSION", "MARGIN_EXPANSION"];

function tokens(formula: string): readonly Token[] {
  const reading = readFormula(formula);
  if (!reading.ok) throw new Error(`${formula} not read: ${reading.reason} at ${reading.at}`);
  return reading.tokens;
}

/** Tokens as "kind text" without white space: what a table can show. */
const shown = (formula: string) =>
  tokens(formula)
    .filter((t) => t.kind !== "space")
    .map((t) => `${t.kind} ${t.text}`);

describe("the tokens of a formula", () => {
  test.each<[string, string[]]>([
    ['="say ""hi"""&A1', ["operator =", 'string "say ""hi"""', "operator &", "name A1"]],
    [
      "='Bob''s data'!$A$1:B2",
      ["operator =", "quoted 'Bob''s data'", "bang !", "name $A$1", "operator :", "name B2"],
    ],
    [
      "=[Book2.xlsx]Sheet1!_xldudf_CNAI_PARITY_AT(1)",
      [
        "operator =",
        "book [Book2.xlsx]",
        "name Sheet1",
        "bang !",
        "name _xldudf_CNAI_PARITY_AT",
        "open (",
        "number 1",
        "close )",
      ],
    ],
    ["=[2]!Rate*2", ["operator =", "book [2]", "bang !", "name Rate", "operator *", "number 2"]],
    [
      "='[Book2.xlsx]Sheet 1'!A1",
      ["operator =", "quoted '[Book2.xlsx]Sheet 1'", "bang !", "name A1"],
    ],
    // In a structured reference ' escapes the next character and " is an ordinary one.
    [
      "=Table1['#Qty]+Table1[Col']x]",
      [
        "operator =",
        "name Table1",
        "structured ['#Qty]",
        "operator +",
        "name Table1",
        "structured [Col']x]",
      ],
    ],
    [
      '=Table1["Qty]&"x"',
      ["operator =", "name Table1", 'structured ["Qty]', "operator &", 'string "x"'],
    ],
    [
      "=Table1[[#This Row],[Qty]]*[@Price]",
      [
        "operator =",
        "name Table1",
        "structured [[#This Row],[Qty]]",
        "operator *",
        "structured [@Price]",
      ],
    ],
    [
      "=利润_xldudf_CNAI_PARITY_AT(1)",
      ["operator =", "name 利润_xldudf_CNAI_PARITY_AT", "open (", "number 1", "close )"],
    ],
    [
      "=IFERROR(#N/A,#div/0!)+1.5E-3%",
      [
        "operator =",
        "name IFERROR",
        "open (",
        "error #N/A",
        "separator ,",
        "error #div/0!",
        "close )",
        "operator +",
        "number 1.5E-3",
        "operator %",
      ],
    ],
    [
      '={1,"a";-2,TRUE}',
      [
        "operator =",
        "arrayOpen {",
        "number 1",
        "separator ,",
        'string "a"',
        "separator ;",
        "operator -",
        "number 2",
        "separator ,",
        "name TRUE",
        "arrayClose }",
      ],
    ],
    [
      "=A1#+.5>=2",
      ["operator =", "name A1", "operator #", "operator +", "number .5", "operator >=", "number 2"],
    ],
    [
      "=@A1:A3<>1",
      ["operator =", "operator @", "name A1", "operator :", "name A3", "operator <>", "number 1"],
    ],
  ])("%s", (formula, expected) => {
    expect(shown(formula)).toEqual(expected);
    expect(joinTokens(tokens(formula))).toBe(formula);
  });

  test.each([
    ['="open', 0 + 1, "a text that is never closed"],
    ["='Sheet 1!A1", 1, "a sheet name that is never closed"],
    ["=Table1[[#This Row],[Qty]", 7, "a [ that is never closed"],
    ["=1~2", 2, 'the character "~"'],
  ])("%s is not read: where and why", (formula, at, reason) => {
    expect(readFormula(formula)).toEqual({ ok: false, at, reason });
    expect(readsBack(formula)).toBe(false);
  });

  test.each([
    ["=SUM((1)", false],
    ["=SUM(1))", false],
    ["={1,2)", false],
    ["=(1,2}", false],
    ["={1,2}", true],
    ["=SUM({1,2},(3))", true],
  ])("%s reads back whole: %s", (formula, whole) => {
    expect(readsBack(formula)).toBe(whole);
  });

  test.each([
    ["='CNAI Model'!$A$1", "CNAI Model"],
    ["=Sheet1!A1:B2", "Sheet1"],
    ["='Bob''s'!A1", "Bob's"],
    ["= Sheet1!A1", "Sheet1"],
    ["Sheet1!A1", "Sheet1"],
    ["=#REF!$A$1", undefined],
    ["=[2]!Rate", undefined],
    ["=Sales[2]!A1", undefined],
    ["=A1", undefined],
    ["", undefined],
    ["=", undefined],
  ])("the sheet %s starts with: %s", (formula, sheet) => {
    expect(leadingSheet(formula)).toBe(sheet);
  });

  // Numbers as Excel writes them: an exponent in either case, signed or not; a trailing point
  // belongs to the number; an "E" without digits after it is not an exponent.
  test.each<[string, string[]]>([
    ["=1e5", ["operator =", "number 1e5"]],
    ["=1E+5", ["operator =", "number 1E+5"]],
    ["=2.5e-12*3", ["operator =", "number 2.5e-12", "operator *", "number 3"]],
    ["=12.+1", ["operator =", "number 12.", "operator +", "number 1"]],
    ["=2E", ["operator =", "number 2", "name E"]],
    ["=2E+A1", ["operator =", "number 2", "name E", "operator +", "name A1"]],
  ])("%s: numbers", (formula, expected) => {
    expect(shown(formula)).toEqual(expected);
  });

  test("a point on its own is no number", () => {
    expect(readFormula("=.+1")).toEqual({ ok: false, at: 1, reason: 'the character "."' });
  });

  // Brackets before "!": a workbook only when they stand alone and hold no other bracket; right
  // after a table's name they are its column, whatever follows (Excel refuses such a formula; the
  // reading must not turn it into another workbook's call).
  test.each<[string, string[]]>([
    ["[Book2.xlsx]Sheet1!A1", ["book [Book2.xlsx]", "name Sheet1", "bang !", "name A1"]],
    [
      "=[12]!F(1)",
      ["operator =", "book [12]", "bang !", "name F", "open (", "number 1", "close )"],
    ],
    [
      "=Sales[2]!F(1)",
      [
        "operator =",
        "name Sales",
        "structured [2]",
        "bang !",
        "name F",
        "open (",
        "number 1",
        "close )",
      ],
    ],
    ["=[[Qty]]Sheet1!A1", ["operator =", "structured [[Qty]]", "name Sheet1", "bang !", "name A1"]],
    [
      "=Sales[[#Data],[Qty]][x]!A1",
      [
        "operator =",
        "name Sales",
        "structured [[#Data],[Qty]]",
        "structured [x]",
        "bang !",
        "name A1",
      ],
    ],
  ])("%s: which brackets are a workbook", (formula, expected) => {
    expect(shown(formula)).toEqual(expected);
  });

  test.each<[string, { name: string; external?: boolean }[]]>([
    ["=A1+SUM(B1, MAX (C1))*PI()", [{ name: "SUM" }, { name: "MAX" }, { name: "PI" }]],
    ["SUM(1)", [{ name: "SUM" }]],
    ["=Sheet1!F(1)+[Book2.xlsx]Sheet1!G(2)", []],
    [
      "=[2]!F(1)+[12]!G(2)",
      [
        { name: "F", external: true },
        { name: "G", external: true },
      ],
    ],
    ["=Sales[2]!F(1)", []],
    ["!F(1)", []],
    ["=(1)+A1", []],
  ])("%s: the calls of functions", (formula, expected) => {
    const calls = callsIn(tokens(formula)).map((call) =>
      call.external === undefined ? { name: call.name } : { name: call.name, external: true }
    );
    expect(calls).toEqual(expected);
  });

  test("a call's place among the tokens, and its workbook's", () => {
    expect(callsIn(tokens("=1+[2]!F(1)"))).toEqual([{ index: 5, name: "F", external: 3 }]);
    expect(callsIn(tokens("SUM(1)"))).toEqual([{ index: 0, name: "SUM" }]);
  });

  test("a formula read again is the same reading while it is among the last four read", () => {
    const first = readFormula("=1+1");
    expect(readFormula("=1+1")).toBe(first);
    for (const other of ["=2", "=3", "=4"]) readFormula(other);
    expect(readFormula("=1+1")).toBe(first);
    for (const other of ["=5", "=6", "=7", "=8"]) readFormula(other);
    const again = readFormula("=1+1");
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  // Excel keeps the line breaks an analyst types with Alt+Enter, and tabs, in a formula's text:
  // they are white space between tokens, as the space is.
  test.each([
    ["=1+\n2", "\n"],
    ["=1+\r\n2", "\r\n"],
    ["=1+\t2", "\t"],
    ["=1+ \t\r\n 2", " \t\r\n "],
  ])("%j: white space %j between + and 2", (formula, white) => {
    expect(tokens(formula).map((t) => [t.kind, t.text])).toEqual([
      ["operator", "="],
      ["number", "1"],
      ["operator", "+"],
      ["space", white],
      ["number", "2"],
    ]);
  });
});

describe("issue 19's formulas: read, rewritten or left", () => {
  // [formula as saved, as the repair and the open read it (external form allowed)]
  test.each([
    [
      "=Table1['#Qty]+_xldudf_CNAI_PARITY_AT(1)+Table1['#Cost]",
      "=Table1['#Qty]+CNAI.PARITY_AT(1)+Table1['#Cost]",
    ],
    ['=Table1["Qty]&_xldudf_CNAI_VERSION()&"x"', '=Table1["Qty]&CNAI.VERSION()&"x"'],
    [
      '="say ""_xldudf_CNAI_VERSION()"" ok"&_xldudf_CNAI_VERSION()',
      '="say ""_xldudf_CNAI_VERSION()"" ok"&CNAI.VERSION()',
    ],
    [
      "=Table1[[#This Row],[_xldudf_CNAI_VERSION(]]+_xldudf_CNAI_VERSION()",
      "=Table1[[#This Row],[_xldudf_CNAI_VERSION(]]+CNAI.VERSION()",
    ],
    ["=[1]!_xldudf_CNAI_PARITY_AT(B1)", "=CNAI.PARITY_AT(B1)"],
    // Not CNAI's calls: a name on another workbook's or this workbook's sheet, part of a longer name.
    [
      "=[Book2.xlsx]Sheet1!_xldudf_CNAI_PARITY_AT(1)",
      "=[Book2.xlsx]Sheet1!_xldudf_CNAI_PARITY_AT(1)",
    ],
    ["=Sheet1!_xldudf_CNAI_PARITY_AT(1)", "=Sheet1!_xldudf_CNAI_PARITY_AT(1)"],
    ["='My sheet'!_xldudf_CNAI_PARITY_AT(1)", "='My sheet'!_xldudf_CNAI_PARITY_AT(1)"],
    ["=利润_xldudf_CNAI_PARITY_AT(1)", "=利润_xldudf_CNAI_PARITY_AT(1)"],
    ["=Table1[_xldudf_CNAI_PARITY_AT(1)]", "=Table1[_xldudf_CNAI_PARITY_AT(1)]"],
  ])("%s reads as %s", (saved, read) => {
    expect(fromSavedForm(saved, "CNAI", IDS, { external: true })).toBe(read);
    expect(readsBack(read)).toBe(true);
  });

  test.each([
    // [as entered, as the export saves it]
    [
      "=Table1['#Qty]+CNAI.PARITY_AT(1)+Table1['#Cost]",
      "=Table1['#Qty]+_xldudf_CNAI_PARITY_AT(1)+Table1['#Cost]",
    ],
    ['=Table1["Qty]&CNAI.VERSION()&"x"', '=Table1["Qty]&_xldudf_CNAI_VERSION()&"x"'],
    ["=Table1[CNAI.VERSION()]+1", "=Table1[CNAI.VERSION()]+1"],
    ["='CNAI.PARITY_AT (v2)'!A1", "='CNAI.PARITY_AT (v2)'!A1"],
    ["=Sheet1!CNAI.PARITY_AT(1)", "=Sheet1!CNAI.PARITY_AT(1)"],
    ["=利润CNAI.PARITY_AT(1)", "=利润CNAI.PARITY_AT(1)"],
  ])("%s is saved as %s", (entered, saved) => {
    expect(toSavedForm(entered, "CNAI", IDS)).toBe(saved);
  });

  test.each([
    ["='CNAI.PARITY_AT (v2)'!A1", false],
    ["='CNAI.PARITY_AT (v2)'!A1*2+SUM('CNAI.PARITY_AT (v2)'!B1:B3)", false],
    ["='CNAI.PARITY_AT (v2)'!A1+CNAI.PARITY_AT(\"2H25\")", true],
    ['="CNAI.PARITY_AT(1)"', false],
    ["=Table1[CNAI.PARITY_AT(x)]", false],
    ["=Sheet1!CNAI.PARITY_AT(1)", false],
    ["=cnai.parity_at(1)", true],
    ["=CNAI.PARITY_AT (1)", true],
  ])("Snapshot: %s calls CNAI: %s", (formula, calls) => {
    expect(callsCnai(formula)).toBe(calls);
  });

  test.each([
    ["=Table1['#Qty]+_xldudf_CNAI_PARITY_AT(1)+Table1['#Cost]", "rewrite"],
    ["=[Book2.xlsx]Sheet1!_xldudf_CNAI_PARITY_AT(1)", "none"],
    ["=Sheet1!_xldudf_CNAI_PARITY_AT(1)", "none"],
    ["=利润_xldudf_CNAI_PARITY_AT(1)", "none"],
    ["='CNAI.PARITY_AT (v2)'!A1", "none"],
    ["=Table1[_xldudf_CNAI_PARITY_AT(1)]", "none"],
  ])("the repair of %s showing #NAME?: %s", (formula, kind) => {
    expect(repairOf(formula, "#NAME?").kind).toBe(kind);
  });

  test("calls named in either form; the saved form found only in calls", () => {
    expect(
      calledFunctions(
        "=Table1['#Qty]+CNAI.PARITY_AT(1)+[1]!_xldudf_CNAI_PARTY_AT(2)+Sheet1!_xldudf_CNAI_X(3)",
        "CNAI"
      )
    ).toEqual(["PARITY_AT", "PARTY_AT"]);
    expect(holdsSavedForm("=Sheet1!_xldudf_CNAI_X(3)", "CNAI")).toBe(false);
    expect(holdsSavedForm("=Table1['#Qty]+_xldudf_CNAI_X(3)", "CNAI")).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Against HyperFormula's lexer

interface LexedToken {
  readonly tokenType: { readonly name: string };
  readonly image: string;
}

/**
 * HyperFormula's lexer (its FormulaLexer, built from `buildLexerConfig`), as its own parser holds
 * it: an engine's `_parser.tokenizeFormula`. Its package exports no deeper path.
 */
const lexer = (
  HyperFormula.buildEmpty({ licenseKey: LICENSE_KEY }) as unknown as {
    _parser: {
      tokenizeFormula(text: string): {
        tokens: LexedToken[];
        errors: { message: string }[];
      };
    };
  }
)._parser;

interface Unit {
  readonly kind: string;
  readonly text: string;
}

/** HyperFormula's tokens as units both readings share: a reference with its sheet is one unit. */
function hyperFormulaUnits(formula: string): Unit[] {
  const result = lexer.tokenizeFormula(formula);
  if (result.errors.length > 0)
    throw new Error(`HyperFormula's lexer refused ${formula}: ${result.errors[0].message}`);
  return result.tokens.flatMap((token) => {
    const name = token.tokenType.name;
    const text = token.image;
    if (name === "WhiteSpace") return [];
    if (name === "CellReference" || name === "NamedExpression")
      return [{ kind: "reference", text }];
    if (name.endsWith("ProcedureName")) return [{ kind: "call", text }];
    if (name === "StringLiteral") return [{ kind: "string", text }];
    if (name === "NumberLiteral") return [{ kind: "number", text }];
    if (name === "ErrorLiteral") return [{ kind: "error", text }];
    if (name.endsWith("Sep")) return [{ kind: "separator", text }];
    if (name === "LParen" || name === "RParen" || name.startsWith("Array"))
      return [{ kind: "bracket", text }];
    return [{ kind: "operator", text }];
  });
}

const BRACKETS: ReadonlySet<TokenKind> = new Set(["open", "close", "arrayOpen", "arrayClose"]);

/** CNAI's tokens as the same units. */
function cnaiUnits(formula: string): Unit[] {
  const all = tokens(formula).filter((t) => t.kind !== "space");
  const units: Unit[] = [];
  for (let i = 0; i < all.length; i++) {
    const token = all[i];
    const next = all[i + 1];
    if ((token.kind === "name" || token.kind === "quoted") && next?.kind === "bang") {
      units.push({ kind: "reference", text: token.text + next.text + all[i + 2].text });
      i += 2;
    } else if (
      token.kind === "name" &&
      next?.kind === "open" &&
      next.start === token.start + token.text.length
    ) {
      units.push({ kind: "call", text: `${token.text}(` });
      i += 1;
    } else if (token.kind === "name") units.push({ kind: "reference", text: token.text });
    else if (BRACKETS.has(token.kind)) units.push({ kind: "bracket", text: token.text });
    else units.push({ kind: token.kind, text: token.text });
  }
  return units;
}

/** Generated formulas on the grammar both lexers read. */
const formulas = (() => {
  const letter = fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzÀéü");
  const tail = fc.constantFrom(..."abcxyzXYZ019_.é");
  const word = fc
    .tuple(letter, fc.array(tail, { maxLength: 8 }))
    .map(([first, rest]) => first + rest.join(""))
    // Excel takes no name that reads as an R1C1 reference (RC, r2c3); neither does HyperFormula.
    .filter((name) => !/^[rR][0-9]*[cC][0-9]*$/.test(name));
  const column = fc.stringMatching(/^[A-Z]{1,3}$/);
  const cell = fc
    .tuple(fc.boolean(), column, fc.boolean(), fc.integer({ min: 1, max: 99999 }))
    .map(([a, c, b, r]) => `${a ? "$" : ""}${c}${b ? "$" : ""}${r}`);
  // Text of quoted sheet names and strings: the characters that trip a regex.
  const tricky = fc.constantFrom(
    ..."ab 利润'![]()#@,;:+-*&=<>{}_.".split(""),
    "_xldudf_CNAI_PARITY_AT(",
    "CNAI.VERSION(",
    "''"
  );
  const quotedSheet = fc
    .array(tricky, { minLength: 1, maxLength: 6 })
    .map((parts) => `'${parts.join("").replace(/'/g, "''")}'`);
  const sheet = fc.oneof(
    fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,6}$/),
    quotedSheet.filter((q) => q !== "''")
  );
  const reference = fc.oneof(
    cell,
    fc.tuple(sheet, cell).map(([s, c]) => `${s}!${c}`),
    fc.tuple(cell, cell).map(([a, b]) => `${a}:${b}`)
  );
  const text = fc
    .array(
      fc.oneof(
        tricky.filter((t) => t !== "''"),
        fc.constantFrom('"')
      ),
      { maxLength: 6 }
    )
    .map((parts) => parts.join("").replace(/"/g, "'"))
    .map((t) => `"${t}"`);
  const number = fc
    .tuple(fc.nat(99999), fc.option(fc.nat(999), { nil: undefined }))
    .map(([whole, part]) => (part === undefined ? `${whole}` : `${whole}.${part}`));
  // HyperFormula reads `#N/A/0` as one error literal (its pattern takes letters, digits and "/"
  // until "!" or "?"); Excel reads #N/A divided by 0, as CNAI does (the table above).
  const error = fc.constantFrom(
    "(#N/A)",
    "#REF!",
    "#DIV/0!",
    "#VALUE!",
    "#NAME?",
    "#NUM!",
    "#NULL!"
  );
  const array = fc
    .array(fc.array(fc.oneof(number, text), { minLength: 1, maxLength: 3 }), {
      minLength: 1,
      maxLength: 3,
    })
    .map((rows) => `{${rows.map((row) => row.join(",")).join(";")}}`);
  const space = fc.constantFrom("", "", " ");
  const binary = fc.constantFrom("+", "-", "*", "/", "^", "&", "=", "<>", "<", ">", "<=", ">=");
  const { expression } = fc.letrec<{ expression: string }>((tie) => ({
    expression: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      number,
      text,
      error,
      reference,
      word,
      array,
      fc
        .tuple(tie("expression"), space, binary, space, tie("expression"))
        .map((parts) => parts.join("")),
      tie("expression").map((e) => `(${e})`),
      tie("expression").map((e) => `-${e}`),
      tie("expression").map((e) => `${e}%`),
      fc
        .tuple(
          fc.oneof(word, fc.constantFrom("CNAI.PARITY_AT", "CNAI.VERSION", "SUM")),
          fc.array(tie("expression"), { maxLength: 3 })
        )
        // HyperFormula reads a function's name only when it starts with a letter.
        .filter(([name]) => /^[A-Za-zÀ-ʯ]/.test(name))
        .map(([name, args]) => `${name}(${args.join(",")})`)
    ),
  }));
  return expression.map((e) => `=${e}`);
})();

describe("against HyperFormula's lexer, on generated formulas", () => {
  test("the same strings, references, calls, errors, numbers and operators", () => {
    fc.assert(
      fc.property(formulas, (formula) => {
        expect(cnaiUnits(formula)).toEqual(hyperFormulaUnits(formula));
        expect(joinTokens(tokens(formula))).toBe(formula);
      }),
      { numRuns: 2000 }
    );
  });

  test("the saved form and back give the formula again, and touch no text, sheet name or table brackets", () => {
    const literal = (formula: string) =>
      tokens(formula)
        .filter((t) => t.kind === "string" || t.kind === "quoted" || t.kind === "structured")
        .map((t) => t.text);
    fc.assert(
      fc.property(formulas, (formula) => {
        const saved = toSavedForm(formula, "CNAI", IDS);
        expect(fromSavedForm(saved, "CNAI", IDS)).toBe(formula);
        expect(literal(saved)).toEqual(literal(formula));
        expect(readsBack(saved)).toBe(readsBack(formula));
        // Every CNAI call of the formula is a saved one afterwards: calls counted the same.
        expect(calledFunctions(saved, "CNAI")).toEqual(calledFunctions(formula, "CNAI"));
        expect(holdsSavedForm(saved, "CNAI")).toBe(calledFunctions(formula, "CNAI").length > 0);
      }),
      { numRuns: 1000 }
    );
  });
});
