/**
 * @jest-environment jsdom
 */
/*
 * The pane in Chinese: when Office's display language is Chinese every word it shows is Chinese
 * (formulas, function and argument names, table names stay as they are in every language); the
 * choice follows Office until the analyst uses the switch, which is remembered.
 */
import { CATALOG, Lang, acceptsText, findFunction } from "../../src/core";
import type { ActionReport } from "../../src/taskpane/actions";
import {
  HostInfo,
  LANGUAGE_KEY,
  PaneActions,
  PaneOptions,
  renderPane,
} from "../../src/taskpane/ui/pane";
import { CHINESE, englishWords } from "../helpers/chinese";
import { memoryStorage } from "./storage";

const IN_CHINESE_EXCEL: HostInfo = { host: "Excel", displayLanguage: "zh-CN" };
const IN_ENGLISH_EXCEL: HostInfo = { host: "Excel", displayLanguage: "en-US" };

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res) => (resolve = res));
  return { promise, resolve };
}

const report = (summary: string): ActionReport => ({ ok: true, summary, details: [] });

function render(
  host: HostInfo | "not yet",
  options: PaneOptions = {},
  overrides: Partial<PaneActions> = {}
) {
  const root = document.createElement("div");
  document.body.replaceChildren(root);
  const actions = {
    loadAppendixTables: jest.fn(async (lang?: Lang) => report(`loaded ${lang}`)),
    buildModelSheet: jest.fn(async (lang?: Lang) => report(`built ${lang}`)),
    insertFormula: jest.fn(async (formula: string, lang?: Lang) =>
      report(`inserted ${formula} ${lang}`)
    ),
    ...overrides,
  };
  const pane = renderPane(root, actions, options);
  if (host !== "not yet") pane.setHost(host);
  return { root, actions, pane };
}

/** Every text the pane shows or reads out, outside code (formulas and names are not translated). */
function shownTexts(root: HTMLElement): string[] {
  const texts: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node.textContent ?? "").trim();
    if (text && !node.parentElement?.closest("code")) texts.push(text);
  }
  for (const element of root.querySelectorAll("*"))
    for (const name of ["aria-label", "placeholder", "title", "alt"]) {
      const value = element.getAttribute(name);
      if (value) texts.push(value);
    }
  return texts;
}

const heading = (root: HTMLElement, id: string) =>
  root.querySelector(`#cnai-${id}-heading`)?.textContent;
const button = (root: HTMLElement, text: string) =>
  [...root.querySelectorAll<HTMLElement>("button.button")].find(
    (b) => b.textContent === text
  ) as HTMLElement;
const statusOf = (root: HTMLElement, section: string) =>
  root.querySelector<HTMLElement>(`#cnai-${section}-status`) as HTMLElement;
const languageSwitch = (root: HTMLElement) =>
  root.querySelector<HTMLButtonElement>("#cnai-language") as HTMLButtonElement;
const shownFunctions = (root: HTMLElement) =>
  [...root.querySelectorAll<HTMLElement>("li.fn")]
    .filter((li) => !li.hidden)
    .map((li) => li.dataset.name);

function search(root: HTMLElement, text: string): void {
  const box = root.querySelector("#cnai-search") as HTMLElement & { value?: string };
  box.value = text;
  box.dispatchEvent(new Event("input", { bubbles: true }));
}

describe("in Chinese Excel", () => {
  test("every word the pane shows is Chinese; names and formulas stay as they are", () => {
    const { root } = render(IN_CHINESE_EXCEL);
    expect(root.getAttribute("lang")).toBe("zh-CN");
    const texts = shownTexts(root);
    expect(texts.length).toBeGreaterThan(100);
    const untranslated = texts.filter((text) => englishWords(text).length > 0);
    expect(untranslated).toEqual([]);
    expect(texts.filter((text) => CHINESE.test(text)).length).toBeGreaterThan(80);
  });

  test("the sections and their buttons", () => {
    const { root } = render(IN_CHINESE_EXCEL);
    expect(["data", "model", "functions"].map((id) => heading(root, id))).toEqual([
      "数据",
      "模型",
      "函数",
    ]);
    expect(button(root, "载入附录表格").closest("section")?.id).toBe("cnai-data");
    expect(button(root, "搭建模型工作表").closest("section")?.id).toBe("cnai-model");
    expect(
      [...root.querySelectorAll("button.button")].filter((b) => b.textContent === "插入")
    ).toHaveLength(CATALOG.length);
    expect(root.querySelector('label[for="cnai-search"]')?.textContent).toBe("搜索函数");
    expect(root.querySelector("#cnai-search")?.getAttribute("placeholder")).toBe(
      "名称、说明或参数"
    );
    expect(root.querySelector(".pane-subtitle")?.textContent).toBe(
      "中国AI技术栈Excel模型 · 版本1.0.0"
    );
    // The hidden notice for outside Excel is in Chinese too.
    expect(root.querySelector("#cnai-outside-heading")?.textContent).toBe("在Excel中打开CNAI");
  });

  test("every function in Chinese, with its English name, formula and arguments, and its Chinese help page", () => {
    const { root } = render(IN_CHINESE_EXCEL);
    for (const def of CATALOG) {
      const item = root.querySelector(`li[data-name="${def.name}"]`) as HTMLElement;
      const text = item.textContent ?? "";
      expect(item.querySelector("h3")?.textContent).toBe(`CNAI.${def.name}`);
      expect(item.querySelector(".fn-description")?.textContent).toBe(def.zh.description);
      expect(item.querySelector("code.formula")?.textContent).toBe(def.examples[0].formula);
      expect(item.querySelector(".fn-result")?.textContent).toBe(`→ ${def.examples[0].zh.result}`);
      for (const param of def.params) {
        expect(text).toContain(param.name);
        expect(text).toContain(param.zh.description);
        expect(text).toContain(`可接受：${acceptsText(param, "zh-CN")}。`);
      }
      const help = item.querySelector("a") as HTMLAnchorElement;
      expect(help.getAttribute("href")).toBe(`help/zh-CN/${def.name.toLowerCase()}.html`);
      expect(help.textContent).toBe("帮助");
      expect(help.getAttribute("aria-label")).toBe(`CNAI.${def.name}的帮助（在新窗口中打开）`);
    }
    const summary = root.querySelector('li[data-name="PARITY_AT"] summary')?.textContent;
    const parity = findFunction("PARITY_AT")!;
    expect(summary).toBe(
      `${parity.params.length}个参数：${parity.params.map((p) => p.name).join("、")}`
    );
    expect(root.querySelector('li[data-name="VERSION"] .fn-args')?.textContent).toBe("无参数。");
    expect(root.querySelector('li[data-name="TOKEN_MARGIN"] dt:nth-of-type(4)')?.textContent).toBe(
      "start_margin 可选，默认为64%"
    );
  });

  test("search matches Chinese descriptions and English names alike", () => {
    const { root } = render(IN_CHINESE_EXCEL);
    expect(root.querySelector(".search-result")?.textContent).toBe(`共${CATALOG.length}个函数。`);
    search(root, "毛利率");
    expect(shownFunctions(root)).toEqual(["TOKEN_MARGIN", "MARGIN_EXPANSION"]);
    expect(root.querySelector(".search-result")?.textContent).toBe(
      `${CATALOG.length}个函数中有2个与“毛利率”匹配。`
    );
    search(root, "弹性");
    expect(shownFunctions(root)).toEqual(["DEMAND_ELASTICITY"]);
    search(root, "stall_from");
    expect(shownFunctions(root)).toEqual(["PARITY_AT"]);
    search(root, "PRICE_COMPRESSION");
    expect(shownFunctions(root)).toEqual(["PRICE_COMPRESSION"]);
    search(root, "不存在");
    expect(root.querySelector(".search-result")?.textContent).toBe("没有与“不存在”匹配的函数。");
  });

  test("actions run in Chinese: the sheets are written in the pane's language", async () => {
    const pending = deferred<ActionReport>();
    const { root, actions } = render(
      IN_CHINESE_EXCEL,
      {},
      {
        loadAppendixTables: jest.fn(() => pending.promise),
      }
    );
    button(root, "载入附录表格").click();
    expect(actions.loadAppendixTables).toHaveBeenCalledWith("zh-CN");
    expect(statusOf(root, "data").textContent).toBe("正在载入附录表格…");
    // No switching language in the middle of an action.
    expect(languageSwitch(root).hasAttribute("disabled")).toBe(true);
    pending.resolve(report("已将表1载入“芯片性能对标”。"));
    await settle();
    expect(languageSwitch(root).hasAttribute("disabled")).toBe(false);

    button(root, "搭建模型工作表").click();
    expect(actions.buildModelSheet).toHaveBeenCalledWith("zh-CN");
    await settle();
    const insert = root.querySelector(
      'li[data-name="MARGIN_EXPANSION"] button.button'
    ) as HTMLElement;
    expect(insert.getAttribute("aria-label")).toBe(
      "将=CNAI.MARGIN_EXPANSION(30%,15%,2)插入活动单元格"
    );
    insert.click();
    expect(actions.insertFormula).toHaveBeenCalledWith(
      "=CNAI.MARGIN_EXPANSION(30%,15%,2)",
      "zh-CN"
    );
  });

  test("an action that fails is reported in Chinese", async () => {
    const { root } = render(
      IN_CHINESE_EXCEL,
      {},
      {
        buildModelSheet: jest.fn(async () => {
          throw Object.assign(new Error("The sheet is protected"), { code: "AccessDenied" });
        }),
      }
    );
    button(root, "搭建模型工作表").click();
    await settle();
    const status = statusOf(root, "model");
    expect(status.dataset.state).toBe("error");
    expect(status.querySelector("p")?.textContent).toBe(
      "未能搭建模型工作表：The sheet is protected。"
    );
    expect(status.querySelector("li")?.textContent).toBe("Excel错误代码：AccessDenied。");
  });
});

describe("choosing the language", () => {
  test("follows Office's display language: Chinese for zh-CN, English otherwise", () => {
    for (const [displayLanguage, lang, heading] of [
      ["zh-CN", "zh-CN", "数据"],
      ["zh-SG", "zh-CN", "数据"],
      ["en-US", "en", "Data"],
      ["zh-TW", "en", "Data"],
      ["de-DE", "en", "Data"],
    ]) {
      const { root, pane } = render({ host: "Excel", displayLanguage });
      expect(pane.language()).toBe(lang);
      expect(root.querySelector("#cnai-data-heading")?.textContent).toBe(heading);
    }
  });

  test("before Office answers, the guess it was given; then Office's language", () => {
    const { root, pane } = render("not yet", { language: "zh-CN" });
    expect(pane.language()).toBe("zh-CN");
    expect(root.querySelector(".hint")?.textContent).toBe("正在等待Excel启动加载项…");
    pane.setHost(IN_ENGLISH_EXCEL);
    expect(pane.language()).toBe("en");
    expect(heading(root, "data")).toBe("Data");
  });

  test("the switch shows the other language, in that language, and is remembered", () => {
    const storage = memoryStorage();
    const { root, pane } = render(IN_CHINESE_EXCEL, { storage });
    const toEnglish = languageSwitch(root);
    expect(toEnglish.textContent).toBe("English");
    expect(toEnglish.getAttribute("lang")).toBe("en");
    toEnglish.focus();
    toEnglish.click();
    expect(pane.language()).toBe("en");
    expect(heading(root, "data")).toBe("Data");
    expect(storage.items.get(LANGUAGE_KEY)).toBe("en");
    expect(document.activeElement).toBe(languageSwitch(root)); // focus stays on the switch
    expect(languageSwitch(root).textContent).toBe("中文");

    // The next session in Chinese Excel: the analyst's choice wins over Office's language.
    const next = render(IN_CHINESE_EXCEL, { storage });
    expect(next.pane.language()).toBe("en");
    // Switching back to what Office would choose goes back to following Office.
    languageSwitch(next.root).click();
    expect(next.pane.language()).toBe("zh-CN");
    expect(storage.items.has(LANGUAGE_KEY)).toBe(false);
  });

  test("switching keeps the search and the reports already shown", async () => {
    const { root } = render(IN_CHINESE_EXCEL);
    button(root, "载入附录表格").click();
    await settle();
    search(root, "margin");
    languageSwitch(root).click();
    expect(statusOf(root, "data").textContent).toBe("loaded zh-CN");
    expect(statusOf(root, "data").dataset.state).toBe("ok");
    expect((root.querySelector("#cnai-search") as HTMLElement & { value?: string }).value).toBe(
      "margin"
    );
    expect(shownFunctions(root)).toEqual(["TOKEN_MARGIN", "MARGIN_EXPANSION"]);
    expect(root.querySelector(".search-result")?.textContent).toBe(
      `2 of ${CATALOG.length} functions match “margin”.`
    );
    // In English the buttons still work, and now act in English.
    expect(button(root, "Load appendix tables").hasAttribute("disabled")).toBe(false);
  });

  test("Office's language arriving during an action applies once it has finished", async () => {
    const pending = deferred<ActionReport>();
    const { root, pane } = render(
      { host: "Excel" },
      {},
      {
        buildModelSheet: jest.fn(() => pending.promise),
      }
    );
    button(root, "Build model sheet").click();
    pane.setHost(IN_CHINESE_EXCEL);
    expect(pane.language()).toBe("en");
    pending.resolve(report("Built."));
    await settle();
    expect(pane.language()).toBe("zh-CN");
    expect(statusOf(root, "model").textContent).toBe("Built.");
  });

  test("storage the browser denies: the choice lasts for the session", () => {
    const denied = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("SecurityError");
      },
      removeItem: () => {
        throw new Error("SecurityError");
      },
    };
    const { root, pane } = render(IN_CHINESE_EXCEL, { storage: denied });
    expect(pane.language()).toBe("zh-CN");
    languageSwitch(root).click();
    expect(pane.language()).toBe("en");
  });

  test("outside Excel, the explanation in Chinese", () => {
    const { root } = render({ host: null }, { language: "zh-CN" });
    const notice = root.querySelector("#cnai-outside") as HTMLElement;
    expect(notice.hidden).toBe(false);
    const text = notice.textContent ?? "";
    expect(text).toContain("此页面是在浏览器中打开的，而不是在Excel中。");
    expect(text).toContain("“开始” › “加载项” › “更多加载项” › “上传我的加载项”");
    expect(text).toContain("npm start");
    expect(text).toContain("manifest.xml");
    expect(root.querySelector(".hint")?.textContent).toBe(
      "仅在Excel中可用：请见上方的“在Excel中打开CNAI”。"
    );
    expect(shownTexts(root).filter((t) => englishWords(t).length > 0)).toEqual([]);
  });
});
