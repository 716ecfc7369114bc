// The sweep planner as a reader uses it: the runs it plans spend the sweep's compute around the
// prior law's N_opt (Hoffmann et al. 2022, Eq. 4, computed here), the simulations arrive from the
// workers without a long task on the page, the CSV downloads with the fit panel's columns, and
// that CSV — its losses filled in here from a known law — fits by Approach 2 with the parabola
// bias stated and the estimate corrected back to the law's own N_opt. Bad input names its field.
import { assert, colourCounts, near, parseCount, ready, renderAll } from "./harness.mjs";

// Hoffmann et al. 2022, Eq. 10 (α > β: the parabolas report a larger N than the law's).
const TRUTH = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };
const loss = (n, d) => TRUTH.E + TRUTH.A / Math.pow(n, TRUTH.alpha) + TRUTH.B / Math.pow(d, TRUTH.beta);
const nOpt = (law, c) => {
  const g = Math.pow((law.alpha * law.A) / (law.beta * law.B), 1 / (law.alpha + law.beta));
  return g * Math.pow(c / 6, law.beta / (law.alpha + law.beta));
};
// Epoch AI's refit (Besiroglu et al. 2024), the planner's default prior.
const EPOCH = { E: 1.8172, A: 482.01, B: 2085.43, alpha: 0.3478, beta: 0.3658 };

const LONGTASK_PROBE = () => {
  window.__longtasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });
};

/** Scrolls to the planner, whose part comes as the reader nears it, and waits for its form. */
async function reachPlanner(page) {
  await page.$eval("#planner-slot", (e) => e.scrollIntoView());
  await page.waitForSelector("#planner-slot[data-state=ready]", { state: "attached", timeout: 15000 });
  await page.waitForSelector("#plan-width", { state: "attached", timeout: 10000 });
}

/** Waits for the workers' simulations of the inputs as they are. */
async function simulated(page) {
  await page.waitForSelector("#plan-simulated tbody tr", { state: "attached", timeout: 60000 });
  await renderAll(page);
}

export const tests = {
  async "planner: plan, simulate, export, fit the runs by Approach 2, see the bias and the law's own N_opt"({ page, origin }) {
    await page.addInitScript(LONGTASK_PROBE);
    await page.goto(`${origin}/?flops=5.76e23&psizes=9&pwidth=8&psims=40`);
    await ready(page);
    // The link sets planner inputs: its part is fetched at once.
    await page.waitForSelector("#planner-slot[data-state=ready]", { state: "attached", timeout: 15000 });
    const t0 = await page.evaluate(() => performance.now());
    await simulated(page);
    const t1 = await page.evaluate(() => performance.now());
    const long = await page.evaluate(([a, b]) => window.__longtasks.filter((t) => t.start >= a && t.start <= b), [t0, t1]);
    assert(long.length === 0, `the simulations ran off the page's thread: ${JSON.stringify(long)}`);

    // The runs: 5 budgets × 9 sizes, spending 1 % of the target.
    const runs = await page.$$eval("#plan-runs tbody tr", (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
    assert(runs.length === 45, `45 runs, got ${runs.length}`);
    const summary = await page.textContent("#plan-summary");
    assert(/^45 runs in 5 budgets/.test(summary) && /\(1\.00 % of the target\)/.test(summary), summary);
    // The middle size of each budget is the prior's N_opt there (Eq. 4, three figures shown).
    for (let b = 0; b < 5; b++) {
      const row = runs[b * 9 + 4];
      near(parseCount(row[1]), nOpt(EPOCH, Number(row[0])), 0.006, `budget ${row[0]}: centre N`);
    }
    // ×8 either side: the smallest and largest sizes are N_opt/8 and 8·N_opt.
    near(parseCount(runs[8][1]) / parseCount(runs[0][1]), 64, 0.02, "the sizes span ×8 either side");
    const approaches = await page.$$eval("#plan-simulated tbody tr", (trs) => trs.map((tr) => tr.dataset.approach));
    assert(approaches.join() === "2,3", `both approaches: ${approaches}`);
    assert(/parabola was unusable/.test(await page.textContent("#plan-unusable")), "the unusable-parabola line");
    assert(/as you typed them/.test(await page.textContent("#plan-chosen")), "the design as typed");
    // Both charts drawn, a colour per number of sizes.
    for (const id of ["plan-bias", "plan-error"]) {
      const colours = (await page.getAttribute(`#chart-${id}`, "data-series-colors")).split(",");
      assert(colours.length >= 5, `${id}: a series per number of sizes (${colours})`);
      const counts = await colourCounts(page, `#chart-${id}`, colours.slice(0, 2), 6);
      assert(counts.every((c) => c > 20), `${id} drawn: ${counts}`);
    }

    // The CSV, downloaded, has the fit panel's columns and the loss empty.
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#plan-download")]);
    const csv = await (await download.createReadStream()).toArray().then((b) => Buffer.concat(b).toString("utf8"));
    const lines = csv.trim().split("\n");
    assert(lines[0] === "budget,params,tokens,flops,loss" && lines.length === 46, `CSV: ${lines.slice(0, 2)}`);
    assert(lines.slice(1).every((l) => l.endsWith(",")), "the loss column is empty");
    const total = lines.slice(1).reduce((s, l) => s + Number(l.split(",")[3]), 0);
    near(total, 5.76e21, 1e-5, "the runs spend 1 % of the target");

    // The runs done: losses from Eq. 10, pasted into the fit panel, fitted by Approach 2.
    const filled = [lines[0], ...lines.slice(1).map((l) => {
      const [, n, d] = l.split(",").map(Number);
      return `${l}${loss(n, d).toFixed(9)}`;
    })].join("\n");
    await page.fill("#fit-data", filled);
    assert((await page.getAttribute("#fit-rows", "data-used")) === "45", "45 rows used");
    await page.selectOption("#fit-approach", "2");
    await page.fill("#fit-bootstrap", "40");
    await page.click("#fit-run");
    await page.waitForFunction(() => document.querySelector("#fit-status").dataset.state !== "running", null, { timeout: 60000 });
    assert((await page.getAttribute("#fit-status", "data-state")) === "done", await page.textContent("#fit-status"));
    const bias = await page.$$eval("#fit-bias p", (ps) => ps.map((p) => p.textContent));
    assert(/^Parabola bias at 5\.76e23 FLOPs: N_opt \+[0-9.]+ %/.test(bias[0]), `the bias line: ${bias}`);
    const corrected = /Corrected for it: N_opt ([0-9.]+[KMBT])/.exec(bias[1]);
    assert(corrected, `the corrected estimate: ${bias[1]}`);
    near(parseCount(corrected[1]), nOpt(TRUTH, 5.76e23), 0.006, "corrected N_opt is the law's own (Eq. 4)");
  },

  async "planner: each bad input names its field and what it accepts, the rest kept; in 中文 too"({ page, origin }) {
    await page.goto(`${origin}/`);
    await ready(page);
    assert((await page.getAttribute("#planner-slot", "data-state")) === "waiting", "the planner waits for the reader");
    await reachPlanner(page);
    // Nothing is simulated until the reader asks: the runs shown are ×4, 7 sizes.
    assert(await page.isVisible("#plan-simulate"), "a Simulate button");
    assert(/^35 runs in 5 budgets/.test(await page.textContent("#plan-summary")), "the provisional runs");
    assert(page.workers().length === 0, `no workers before the reader asks: ${page.workers().length}`);
    await page.fill("#plan-sizes", "7");
    await page.fill("#plan-width", "1");
    const width = await page.textContent("#plan-width-msg");
    assert(/the width must be above 1/.test(width), `width: ${width}`);
    assert((await page.getAttribute("#plan-width", "aria-invalid")) === "true", "the width is marked");
    await page.fill("#plan-budgets", "1");
    assert(/at least two budgets/.test(await page.textContent("#plan-budgets-msg")), "budgets");
    await page.fill("#plan-offset", "lots");
    assert(/not a number/i.test(await page.textContent("#plan-offset-msg")), await page.textContent("#plan-offset-msg"));
    // Nothing else lost: the sizes as typed, and the link keeps the values that read.
    assert((await page.inputValue("#plan-sizes")) === "7", "sizes kept");
    await page.waitForFunction(() => location.search.includes("pwidth=1"), null, { timeout: 3000 });
    assert(/psizes=7/.test(await page.evaluate(() => location.search)), "sizes in the link");
    assert(!(await page.$("#plan-simulated")), "no simulations of a design that cannot be fitted");
    // 中文.
    await page.click("#lang-toggle");
    await page.waitForFunction(() => /宽度必须大于 1/.test(document.querySelector("#plan-width-msg").textContent), null, { timeout: 3000 });
    assert(/规划/.test(await page.textContent("#planner h2")), "the title in 中文");
    // Fixed, the simulations run and choose the budgets' sizes the reader left open.
    await page.click("#lang-toggle");
    await page.fill("#plan-width", "4");
    await page.fill("#plan-budgets", "");
    await page.fill("#plan-offset", "");
    await page.fill("#plan-sizes", "");
    await page.fill("#plan-simulations", "20");
    await simulated(page);
    const chosen = await page.textContent("#plan-chosen");
    assert(/Chosen by simulation: of 5 designs/.test(chosen), chosen);
    // Done, the workers are let go.
    for (let i = 0; i < 50 && page.workers().length > 0; i++) await page.waitForTimeout(100);
    assert(page.workers().length === 0, `workers left after the simulations: ${page.workers().length}`);
  },
};
