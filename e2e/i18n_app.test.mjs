// The page's own words in 中文: with lang=zh the inputs, results, chart cards, sections, copy
// status and panic banner read in Chinese, their English is gone, and the header's switch brings
// the English back without a reload.
import { assert, ready } from "./harness.mjs";

const text = (page, selector) => page.textContent(selector).then((t) => t.trim());

/** Every text node and accessible name under <body>, hidden ones included (not <noscript>). */
const allText = (page) =>
  page.evaluate(() => {
    const parts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.parentElement.closest("noscript")) parts.push(n.textContent);
    }
    document.querySelectorAll("[aria-label]").forEach((e) => parts.push(e.getAttribute("aria-label")));
    return parts.join("\n");
  });

// Today's English, each of which must be gone from the 中文 page.
const ENGLISH = [
  "Compute budget (FLOPs)",
  "e.g. 1e21, 5.76e23",
  "Start from",
  "Judge allocations with",
  "Copy as Markdown",
  "Copy link",
  "Point at the chart for values.",
  "Parameters N against compute",
  "Results table (scrolls sideways on narrow screens)",
  "How to read this",
  "Model shape",
  "Why Kaplan says 0.73",
  "Something went wrong inside isoflop.",
];

export const tests = {
  async "i18n app: with lang=zh the labels, hints, cards, sections and panic banner read in 中文"({ page, context, origin }) {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
    await page.goto(`${origin}/?lang=zh`);
    await ready(page);

    assert((await text(page, "#inputs-title")) === "问题", "inputs heading");
    assert((await text(page, 'label[for="budget"]')) === "计算预算（FLOPs）", "budget label");
    assert((await text(page, "#budget-msg")).startsWith("例如 1e21、5.76e23"), "budget hint");
    assert((await page.$eval("#mode-scale", (i) => i.parentElement.textContent.trim())) === "放大已有的训练运行", "scale mode");
    assert((await text(page, "#results-title")) === "逐条定律的全部数值", "results heading");
    assert((await text(page, "#copy-markdown")) === "复制为 Markdown", "copy button");
    assert((await text(page, "#card-params h3")) === "参数量 N 随计算量的变化", "chart card title");
    assert((await page.getAttribute("#chart-params", "aria-label")).startsWith("算力最优参数量"), "canvas name");
    assert((await text(page, "#readout-params")) === "将指针移到图表上即可查看数值。", "readout prompt");
    assert((await text(page, "#shape-title")) === "模型结构", "shape heading");
    assert((await text(page, "#why summary h2")).startsWith("为何 Kaplan 得出 0.73"), "why heading");
    assert((await text(page, "#explainer-title")) === "如何解读", "explainer heading");
    // The banner is hidden until a panic, but already written in the page's language.
    assert(await page.$eval("#panic-banner", (e) => e.hidden), "no panic");
    assert((await page.textContent("#panic-title")) === "isoflop 内部出错了。", "panic banner title");
    assert((await page.getAttribute("#panic-banner", "lang")) === "zh-CN", "panic banner language");

    // A field's message keeps the Chinese forms it accepts.
    await page.fill("#budget", "abc");
    await page.waitForFunction(() => document.querySelector("#budget-msg").classList.contains("error"));
    assert((await text(page, "#budget-msg")).includes("例如 1e21"), "error message lists the 中文 forms");
    await page.fill("#budget", "5.76e23");

    await page.click("#copy-link");
    await page.waitForFunction(() => document.querySelector("#share-status").textContent === "已复制链接。");

    const all = await allText(page);
    const left = ENGLISH.filter((s) => all.includes(s));
    assert(left.length === 0, `English left in the 中文 page: ${left.join(" | ")}`);

    // The switch brings the English back, the copy status included.
    await page.click("#lang-toggle");
    await page.waitForFunction(() => document.querySelector('label[for="budget"]').textContent === "Compute budget (FLOPs)");
    assert((await text(page, "#share-status")) === "Copied the link.", "copy status follows the language");
    assert((await text(page, "#card-params h3")) === "Parameters N against compute", "chart card title in English");
  },
};
