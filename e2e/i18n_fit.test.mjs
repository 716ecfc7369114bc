// The fit panel in 中文: the example runs fitted with ?lang=zh give a Chinese caption, table
// headers, row labels, status and data summary, with the numbers the English page shows; the
// option messages follow the page's language too.
import { assert, ready } from "./harness.mjs";

const CJK = /[\u4e00-\u9fff]/;

async function fitExample(page, origin, lang) {
  await page.goto(`${origin}/?flops=1e22${lang ? `&lang=${lang}` : ""}`);
  await ready(page);
  await page.click("#fit-example");
  await page.waitForFunction(() => document.querySelector("#fit-rows")?.dataset.used === "48", null, { timeout: 5000 });
  await page.fill("#fit-bootstrap", "20");
  await page.click("#fit-run");
  await page.waitForFunction(
    () => ["done", "failed"].includes(document.querySelector("#fit-status")?.dataset.state),
    null,
    { timeout: 120000 },
  );
  assert((await page.getAttribute("#fit-status", "data-state")) === "done", `fit ended: ${await page.textContent("#fit-status")}`);
}

export const tests = {
  async "fit panel in 中文: caption, headers, rows and status are Chinese, numbers as in English"({ page, origin }) {
    await fitExample(page, origin, "zh");
    const caption = (await page.textContent("#fit-results caption")).trim();
    assert(/^拟合了 48 个训练运行（global，\d+ ms）；95% 百分位区间来自 20 次自助法重采样。/.test(caption), `caption: ${caption}`);
    assert(caption.includes("计算预算 C = 1.00e22 FLOPs 时的分配。"), `allocation: ${caption}`);
    const headers = await page.$$eval("#fit-results thead th", (ths) => ths.map((t) => t.textContent.trim()));
    assert(JSON.stringify(headers) === JSON.stringify(["量", "估计值", "95% 区间"]), `headers: ${headers}`);
    const label = (await page.textContent('#fit-results tr[data-coef="N_opt"] th')).trim();
    assert(label === "该预算下的 N_opt", `N_opt row: ${label}`);
    const n = (await page.textContent('#fit-results tr[data-coef="N_opt"] td.estimate')).trim();
    assert(/^[\d.]+[KMBT]?（[\d.]+(万|亿|万亿)）$/.test(n), `N_opt in 万/亿: ${n}`);
    const alphaZh = (await page.textContent('#fit-results tr[data-coef="alpha"] td.estimate')).trim();
    assert(CJK.test(await page.textContent("#fit-status")), `status: ${await page.textContent("#fit-status")}`);
    assert(CJK.test(await page.textContent("#fit-rows")), `summary: ${await page.textContent("#fit-rows")}`);
    assert((await page.textContent("#fit-use")).trim() === "使用此拟合", "use this fit");
    assert(CJK.test(await page.textContent('#fit-approach-notes li[data-approach="2"]')), "approach 2's reason");
    assert(!/NaN|Infinity/.test(await page.textContent("#fit")), "no NaN in the panel");

    // A bad option says so in 中文.
    await page.fill("#fit-bootstrap", "9999");
    const msg = await page.textContent("#fit-bootstrap-msg").catch(() => "");
    const panel = await page.textContent("#fit");
    assert(panel.includes("K 必须是 0 至 4000 之间的整数（输入为 \"9999\"）"), `K message: ${msg}`);

    // The English page fits the same numbers.
    await fitExample(page, origin, "");
    const alphaEn = (await page.textContent('#fit-results tr[data-coef="alpha"] td.estimate')).trim();
    assert(alphaEn === alphaZh, `α ${alphaEn} vs ${alphaZh}`);
    assert(/^Fit of 48 runs \(global, \d+ ms\)/.test(await page.textContent("#fit-results caption")), "English caption");
  },
};
