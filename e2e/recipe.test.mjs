// The training recipe, as a reader uses it: the rates and batches follow the papers' formulas
// computed here from what the page shows (a second method), they follow a budget typed in the
// page, the section's inputs go into the link and come back in both languages, the chart draws,
// and bad input is refused with its reason.
import { assert, colourCounts, near, parseCount, ready, renderAll, settled } from "./harness.mjs";

// DeepSeek-AI 2024, Eq. 1; Step Law (Li et al. 2025), the mean of its 1000 bootstrap fits.
const deepseekLr = (c) => 0.3118 * Math.pow(c, -0.125);
const deepseekBatch = (c) => 0.292 * Math.pow(c, 0.3271);
const stepLr = (n, d) => 1.797339994 * Math.pow(n, -0.7129222912) * Math.pow(d, 0.3074909504);

/** The cells of one law's fit row, by class. */
async function recipeRow(page, law, source) {
  await settled(page);
  await renderAll(page);
  return page.$eval(`#recipe-table tr[data-law="${law}"][data-source="${source}"]`, (tr) =>
    Object.fromEntries([...tr.querySelectorAll("td")].map((td) => [td.className.split(" ")[0], td.textContent])),
  );
}

/** The law's N, D, and its model's M and non-embedding N as the row's heading says them. */
async function heading(page, law) {
  const text = await page.$eval(`#recipe-table tr[data-law="${law}"] th.recipe-law`, (th) => th.textContent);
  const count = (re) => parseCount(re.exec(text)[1]);
  return {
    text,
    n: count(/N = ([0-9.]+[KMBT]?)/),
    d: count(/D = ([0-9.]+[KMBT]?)/),
    m: Number(/M = ([0-9.e+-]+) FLOPs/.exec(text)[1]),
    nonEmb: count(/([0-9.]+[KMBT]?) non-embedding/),
  };
}

const rate = (text) => Number(text.trim());

/** Scrolls to the recipe, whose part is fetched as the reader comes near it, and waits for it. */
async function reachRecipe(page) {
  await page.$eval("#recipe-slot", (e) => e.scrollIntoView());
  await page.waitForSelector("#recipe-slot[data-state=ready]", { state: "attached", timeout: 15000 });
  await page.waitForSelector("#recipe-table tbody tr", { state: "attached", timeout: 10000 });
}

export const tests = {
  async "recipe: the rates and batches are the papers' at each law's N and D, and follow the budget"({ page, origin }) {
    await page.goto(`${origin}/`);
    await ready(page);
    assert((await page.getAttribute("#recipe-slot", "data-state")) === "waiting", "the recipe waits for the reader");
    await reachRecipe(page);
    let previousD = null;
    for (const flops of [null, "1e21"]) {
      if (flops) {
        await page.fill("#budget", "");
        await page.type("#budget", flops);
      }
      const h = await heading(page, "chinchilla-a1");
      assert(h.d !== previousD, `the recipe follows the budget: D ${h.d}`);
      previousD = h.d;
      const ds = await recipeRow(page, "chinchilla-a1", "deepseek2024");
      // M and D are shown to three figures: 0.5 % each, a sixth of it in the rate.
      near(rate(ds.lr), deepseekLr(h.m * h.d), 0.006, `DeepSeek peak LR at ${flops ?? "5.76e23"}`);
      const [seqs, context] = ds.sequences.split("×").map((s) => Number(s.replace(/,/g, "")));
      assert(context === 2048, `context ${context}`);
      near(seqs, deepseekBatch(h.m * h.d) / 2048, 0.004, "DeepSeek batch in sequences");
      const steps = Number(ds.steps);
      near(steps, h.d / (seqs * 2048), 0.006, "steps = D / batch");
      const sl = await recipeRow(page, "chinchilla-a1", "steplaw2025");
      near(rate(sl.lr), stepLr(h.nonEmb, h.d), 0.006, "Step Law peak LR");
      const [lo, hi] = sl["lr-interval"].split("–").map(Number);
      assert(lo < rate(sl.lr) && rate(sl.lr) < hi, `interval ${sl["lr-interval"]} around ${sl.lr}`);
      // 67.8B parameters on 1.42T tokens are far outside either fit: said, not trusted.
      assert(/extrapolated/.test(ds.range) && /extrapolated/.test(sl.range), `${ds.range} | ${sl.range}`);
      assert(!/NaN/.test(await page.textContent("#recipe")), "no NaN");
    }
    // The chart draws the allocation's line in Chinchilla's colour.
    await page.$eval("#recipe", (e) => e.scrollIntoView());
    await page.waitForTimeout(300);
    const [chinchilla] = await colourCounts(page, "#chart-schedule", ["#0072b2"], 6);
    assert(chinchilla > 100, `schedule chart: ${chinchilla} px of Chinchilla's colour`);
  },

  async "recipe: schedule, warm-up, context and a run go into the link and come back in both languages"({ page, origin }) {
    await page.goto(`${origin}/`);
    await ready(page);
    await reachRecipe(page);
    await page.selectOption("#recipe-schedule", "multistep");
    await page.type("#recipe-warmup", "500");
    await page.type("#recipe-context", "4096");
    await page.type("#recipe-run-params", "7B");
    assert(await page.isVisible("#recipe-run-needs-both"), "a run needs both N and D");
    await page.type("#recipe-run-tokens", "2T");
    await page.waitForFunction(
      () => /sched=multistep&warm=500&ctx=4096&rn=7e9&rd=2e12/.test(location.search),
      null,
      { timeout: 3000 },
    );
    const run = await heading(page, "run");
    near(run.d, 2e12, 1e-9, "the run's D");
    const sl = await recipeRow(page, "run", "steplaw2025");
    near(rate(sl.lr), stepLr(run.nonEmb, 2e12), 0.006, "Step Law at your run");
    assert(sl.warmup === "500", `warm-up ${sl.warmup}`);
    assert(/× 4,096$/.test(sl.sequences), `sequences ${sl.sequences}`);
    const ds = await recipeRow(page, "run", "deepseek2024");
    const before = { lr: ds.lr, seqs: ds.sequences };

    // The link in 中文: the same numbers, the section in Chinese, the fields as typed.
    // A link that sets the recipe's inputs fetches its part at once.
    await page.goto(`${origin}/${await page.evaluate(() => location.search)}&lang=zh`);
    await ready(page);
    await page.waitForSelector('#recipe-table tr[data-law="run"]', { state: "attached", timeout: 10000 });
    const zh = await recipeRow(page, "run", "deepseek2024");
    assert(zh.lr === before.lr && zh.sequences === before.seqs, `${JSON.stringify(zh)} vs ${JSON.stringify(before)}`);
    assert((await page.textContent("#recipe h2")).includes("训练配方"), "Chinese heading");
    assert(/外推/.test(zh.range), `Chinese range note: ${zh.range}`);
    assert((await page.inputValue("#recipe-warmup")) === "500", "warm-up kept");
    assert((await page.inputValue("#recipe-schedule")) === "multistep", "schedule kept");
    assert((await page.inputValue("#recipe-run-tokens")) === "2e12", `D kept: ${await page.inputValue("#recipe-run-tokens")}`);
  },

  async "recipe: bad input is refused with the reason, and the rest stays"({ page, origin }) {
    await page.goto(`${origin}/?rn=1e9&rd=2e10`);
    await ready(page);
    await page.waitForSelector('#recipe-table tr[data-law="run"]', { state: "attached", timeout: 10000 });
    const good = await recipeRow(page, "run", "steplaw2025");
    // A context of 0: the field says what it accepts; the table keeps the last good value.
    await page.type("#recipe-context", "0");
    const msg = await page.textContent("#recipe-context-msg");
    assert(/context length/.test(msg) && /4096/.test(msg) && (await page.getAttribute("#recipe-context", "aria-invalid")) === "true", msg);
    assert((await recipeRow(page, "run", "steplaw2025")).lr === good.lr, "the table keeps the last good context");
    await page.fill("#recipe-context", "");
    // A warm-up longer than the run: each fit's row says so.
    await page.type("#recipe-warmup", "9999999");
    await settled(page);
    await page.waitForSelector('#recipe-table tr[data-law="run"] td.recipe-error', { state: "attached", timeout: 5000 });
    const row = await page.$eval('#recipe-table tr[data-law="run"][data-source="steplaw2025"] td.recipe-error', (td) => td.textContent);
    assert(/warm-up: 9999999 steps is not shorter than the run's \d+ steps/.test(row), row);
    assert(!/NaN/.test(await page.textContent("#recipe")), "no NaN");
    assert((await page.inputValue("#recipe-run-params")) === "1e9", "the run's N is kept");
  },
};
