// The model-shape section as a visitor uses it. Expected numbers are derived here by hand
// from the papers' formulas for Llama 3 8B (Dubey et al. 2024, Table 3: 32 layers, d 4096,
// 32 heads of 128, 8 KV heads, FFN 14336 gated, vocabulary 128,256 untied, context 8192):
//   per layer 4096·(2·4096 + 2·1024) + 3·4096·14336 + 2·4096 = 218,112,000
//   non-embedding 32 · 218,112,000 + 4096 = 6,979,588,096; embedding 2·128,256·4096
//   total 8,030,261,248
//   PaLM (Chowdhery et al. 2022, App. B): 6N + 12·L·h·k·S = 61,066,469,376 FLOPs per token
//   Kaplan's C (Kaplan et al. 2020, §2.1): 6·N_non-embedding = 41,877,528,576
import { createRequire } from "node:module";
import { assert, colourCounts, near, openPage, parseCount, ready, shownText, tableCell } from "./harness.mjs";

const N = 8030261248;
const PALM = 6 * N + 12 * 32 * 4096 * 8192;
const KAPLAN_C = 6 * (32 * (4096 * (2 * 4096 + 2 * 1024) + 3 * 4096 * 14336 + 2 * 4096) + 4096);

const cell = tableCell;
/** The results table as shown (never empty: a comparison of two empty texts proves nothing). */
async function tableText(page) {
  const text = await shownText(page, "#results");
  assert(/[0-9]\.[0-9]+[BT]/.test(text), `the table shows counts: ${text.slice(0, 80)}`);
  return text;
}
const settled = (page, key, value) =>
  page.waitForFunction(([k, v]) => new URLSearchParams(location.search).get(k) === v, [key, value], { timeout: 5000 });

export const tests = {
  async "pick a preset: its counts, every convention, true-cost tokens that follow the convention, and a link that keeps them"({ page, origin }) {
    await page.goto(`${origin}/?flops=1e23`);
    await ready(page);
    assert((await page.$$("#results td.true-tokens")).length === 0, "no true-cost column without a shape");
    await page.selectOption("#shape-preset", "llama3-8b");
    await page.waitForSelector("#results td.true-tokens");
    const counts = await page.textContent("#shape-counts");
    assert(counts.startsWith(`8.03B parameters (8,030,261,248)`), counts);
    assert(N === 32 * 218112000 + 4096 + 2 * 128256 * 4096, "the hand count adds up");
    const rows = await page.$$eval("#shape-conventions tbody tr", (trs) =>
      trs.map((tr) => ({ id: tr.dataset.convention, title: tr.title, ratio: tr.querySelector("td.ratio").textContent })),
    );
    assert(rows.length === 7, `7 conventions: ${rows.map((r) => r.id)}`);
    for (const r of rows) assert(/ — .*(19|20)\d\d/.test(r.title), `${r.id}: formula and citation on hover: ${r.title}`);
    near(parseFloat(rows.find((r) => r.id === "palm").ratio), PALM / (6 * N), 0.001, "PaLM over 6N");
    // The default convention is PaLM's: C / F.
    near(parseCount(await cell(page, "kaplan2020", "true-tokens")), 1e23 / PALM, 0.005, "tokens at PaLM's count");
    const atPalm = await cell(page, "kaplan2020", "true-tokens");
    await page.selectOption("#shape-convention", "6n_non_embedding");
    await page.waitForFunction(
      (old) => document.querySelector('#results tr[data-law="kaplan2020"] td.true-tokens').textContent !== old,
      atPalm,
    );
    near(parseCount(await cell(page, "kaplan2020", "true-tokens")), 1e23 / KAPLAN_C, 0.005, "tokens at Kaplan's C");
    assert((await page.getAttribute('#shape-conventions tr[data-convention="6n_non_embedding"]', "aria-current")) === "true", "the chosen row is marked");
    await settled(page, "conv", "6n_non_embedding");
    await settled(page, "shape", "llama3-8b");
    const before = await tableText(page);
    await page.reload();
    await ready(page);
    assert((await tableText(page)) === before, "same results after reload");
    assert((await page.inputValue("#shape-preset")) === "llama3-8b", "preset kept");
    assert((await page.inputValue("#shape-convention")) === "6n_non_embedding", "convention kept");
    assert((await page.textContent("#shape-counts")).startsWith("8.03B parameters"), "counts kept");
    assert((await page.inputValue("#shape-layers")) === "32", "fields filled from the link");
  },

  async "a bad field says why under itself and keeps the rest; a good edit becomes a typed shape in the link"({ page, origin }) {
    await page.goto(`${origin}/?shape=llama3-8b`);
    await ready(page);
    const counts = await page.textContent("#shape-counts");
    const tokens = await cell(page, "chinchilla-a1", "true-tokens");
    await page.fill("#shape-heads", "7");
    const msg = await page.textContent("#shape-heads-msg");
    assert(msg.includes("heads must divide d_model (4096 / 7 is not whole)"), msg);
    assert((await page.getAttribute("#shape-heads", "aria-invalid")) === "true", "heads marked invalid");
    assert((await page.getAttribute("#shape-layers", "aria-invalid")) === "false", "layers still fine");
    for (const [id, value] of [["#shape-layers", "32"], ["#shape-d-model", "4096"], ["#shape-ffn", "14336"], ["#shape-vocab", "128256"], ["#shape-context", "8192"], ["#shape-heads", "7"]]) {
      assert((await page.inputValue(id)) === value, `${id} keeps ${value}`);
    }
    assert((await page.textContent("#shape-counts")) === counts, "the last good shape's counts stay");
    assert((await cell(page, "chinchilla-a1", "true-tokens")) === tokens, "and its results");
    // 64 heads of 64 with the same 8 KV heads: K and V shrink to 8·64 wide, 4096·(2·4096 + 2·512)
    // + 3·4096·14336 + 2·4096 = 213,917,696 per layer; total 32 · that + 4096 + 1,050,673,152.
    await page.fill("#shape-heads", "64");
    const typed = 32 * 213917696 + 4096 + 2 * 128256 * 4096;
    await page.waitForFunction((old) => document.querySelector("#shape-counts").textContent !== old, counts);
    assert((await page.textContent("#shape-counts")).includes(`(${typed.toLocaleString("en-US")})`), await page.textContent("#shape-counts"));
    assert((await page.inputValue("#shape-preset")) === "typed", "the picker says typed");
    await settled(page, "shape", "32,4096,64,8,64,14336,128256,8192,gated");
    const computed = await page.evaluate(() => document.querySelector("main").textContent);
    assert(!/NaN|Infinity/.test(computed), "no NaN on the page");
  },

  async "the FLOPs-per-token chart draws every convention's line, and a suggested shape can be used"({ page, origin }) {
    await page.goto(`${origin}/?shape=llama3-8b&flops=1e22`);
    await ready(page);
    await page.locator("#chart-shape-ratio").scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    const colours = (await page.getAttribute("#chart-shape-ratio", "data-series-colors")).split(",");
    assert(colours.length === 7, `one line per convention: ${colours}`);
    const counts = await colourCounts(page, "#chart-shape-ratio", colours);
    colours.forEach((c, i) => assert(counts[i] > 40, `${c} has ${counts[i]} pixels`));
    const canvas = page.locator("#chart-shape-ratio");
    const box = await canvas.boundingBox();
    await canvas.hover({ position: { x: box.width * 0.8, y: box.height * 0.4 } });
    const readout = await page.textContent("#readout-shape-ratio");
    assert(/^N = [0-9.]+[KMBT]/.test(readout) && readout.includes("×"), readout);
    // The suggestion for the first law's N, used as the shape.
    const heading = await page.textContent("#suggest-heading");
    assert(heading.startsWith("For ") && heading.includes("Kaplan et al. 2020's N"), heading);
    await page.click("#use-suggestion");
    await page.waitForFunction(() => document.querySelector("#shape-preset").value === "typed");
    const result = await page.textContent("#suggest-result");
    const exact = /Exactly ([0-9,]+) parameters/.exec(result)[1];
    assert((await page.textContent("#shape-counts")).includes(`(${exact})`), "the suggested shape's exact count");
    const memory = await page.textContent("#shape-memory");
    assert(/Model state: .* = [0-9.]+ [MGT]B/.test(memory) && memory.includes("NVIDIA H100 SXM (80 GB)"), memory);
  },

  async "axe-core finds no accessibility violations in the section with a shape and a bad field"({ browser, origin }) {
    // axe is injected as a script, which the page's CSP would (rightly) refuse: bypass it here.
    const { context, page } = await openPage(browser, { bypassCSP: true });
    try {
      await page.goto(`${origin}/?shape=qwen2.5-7b&mode=hardware&mem=fp32-adam&shard=zero2`);
      await ready(page);
      await page.fill("#shape-kv-heads", "5");
      const require = createRequire(import.meta.url);
      await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
      const result = await page.evaluate(async () => await window.axe.run(document.querySelector("section.shape"), { resultTypes: ["violations"] }));
      const summary = result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 2).map((n) => n.target).join(" ")}`);
      assert(result.violations.length === 0, `axe violations: ${summary.join(" | ")}`);
      assert((await page.$$("#results td.shape-days")).length >= 2, "hardware mode has the shape's days");
    } finally {
      await context.close();
    }
  },
};
