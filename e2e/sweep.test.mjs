// Approaches 1 and 2 in the "Fit your runs" panel. The sweep is generated here, in JavaScript,
// from Chinchilla's TeX coefficients (Hoffmann et al. 2022, Eq. 10: E 1.69, A 406.4, B 410.7,
// α 0.34, β 0.28), 5 budgets × 7 model sizes around each budget's optimum, with seeded 0.2 %
// noise; its compute-optimal N grows as C^a with a = β/(α+β) = 0.4516 (Eq. 4).
import { assert, colourCounts, near, parseCount, ready } from "./harness.mjs";

const TRUTH = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };
const A_TRUE = TRUTH.beta / (TRUTH.alpha + TRUTH.beta);

/** N_opt at C under the law (Hoffmann et al. 2022, Eq. 4): G·(C/6)^a. */
function nOpt(c) {
  const { A, B, alpha, beta } = TRUTH;
  const g = Math.pow((alpha * A) / (beta * B), 1 / (alpha + beta));
  return g * Math.pow(c / 6, A_TRUE);
}

export function sweepCsv(seed = 2022, sigma = 0.002) {
  let s = seed >>> 0;
  const uniform = () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const lines = ["params,tokens,flops,loss"];
  for (const c of [1e18, 1e19, 1e20, 1e21, 1e22]) {
    for (let k = -3; k <= 3; k++) {
      const n = nOpt(c) * Math.pow(1.6, k);
      const d = c / (6 * n);
      const loss = (TRUTH.E + TRUTH.A / Math.pow(n, TRUTH.alpha) + TRUTH.B / Math.pow(d, TRUTH.beta)) * Math.exp(sigma * normal());
      lines.push(`${n.toExponential(6)},${d.toExponential(6)},${c.toExponential(6)},${loss.toFixed(6)}`);
    }
  }
  return lines.join("\n") + "\n";
}

async function estimate(page, coef) {
  return Number(await page.textContent(`#fit-results tr[data-coef="${coef}"] td.estimate`));
}

export const tests = {
  async "sweep: Approach 2 draws the IsoFLOP profiles and becomes the law sweep-fit"({ page, origin, artifacts }) {
    await page.goto(`${origin}/?flops=1e21`);
    await ready(page);
    await page.fill("#fit-data", sweepCsv());
    assert((await page.getAttribute("#fit-rows", "data-used")) === "35", "35 rows used");
    const disabled = await page.$$eval("#fit-approach option", (os) => os.map((o) => o.disabled));
    assert(disabled.every((d) => !d), `every approach allowed: ${disabled}`);
    await page.selectOption("#fit-approach", "2");
    await page.fill("#fit-bootstrap", "200");
    await page.selectOption("#fit-holdout", "largest-budget");
    await page.click("#fit-run");
    await page.waitForFunction(() => document.querySelector("#fit-status").dataset.state !== "running", null, { timeout: 60000 });
    const status = await page.textContent("#fit-status");
    assert((await page.getAttribute("#fit-status", "data-state")) === "done", `fit ended: ${status}`);
    assert((await page.getAttribute("#fit-results", "data-approach")) === "2", "an Approach-2 table");

    // a within 0.02 of β/(α+β): the parabola's bias on this symmetric design is well below that.
    const a = await estimate(page, "a");
    assert(Math.abs(a - A_TRUE) < 0.02, `a ${a} vs ${A_TRUE.toFixed(4)}`);
    assert((await estimate(page, "n_points")) === 5, "five budgets used");
    const held = await page.textContent("#fit-held-out");
    assert(/Refitted on 28 runs without the largest budget \(7 runs held out\)/.test(held), `held-out check: ${held}`);
    assert(/N_opt at C = 1\.00e22 FLOPs: predicted/.test(held), `held-out N_opt: ${held}`);
    const interval = await page.textContent('#fit-results tr[data-coef="a"] td.interval');
    assert(/ – /.test(interval), `a has an interval: ${interval}`);
    assert(/ – /.test(await page.textContent('#fit-results tr[data-coef="N_opt"] td.interval')), "N_opt interval at the budget");

    // One colour per budget on the canvas: dots and parabola pixels in each.
    assert((await page.getAttribute("#fit-sweep", "data-budgets")) === "5", "five budgets drawn");
    const colours = (await page.getAttribute("#fit-sweep", "data-colors")).split(" ");
    await page.waitForTimeout(200);
    const counts = await colourCounts(page, "#fit-sweep", colours, 6);
    assert(counts.every((n) => n > 40), `pixels per budget colour ${colours} → ${counts}`);
    await page.locator("#fit-sweep").screenshot({ path: `${artifacts}/sweep-chart.png` });
    assert(!/NaN|Infinity/.test(await page.textContent("#fit")), "no NaN in the panel");

    await page.click("#fit-use");
    await page.waitForSelector('#results tr[data-law="sweep-fit"]', { timeout: 5000 });
    assert(/In use/.test(await page.textContent("#fit-use-status")), "the panel says the fit is in use");
    await page.waitForFunction(() => location.search.includes("sfit="), null, { timeout: 5000 });
    const url = page.url();
    assert(/laws=[^&]*sweep-fit/.test(url), `sweep-fit in the laws: ${url}`);
    await page.screenshot({ path: `${artifacts}/sweep.png`, fullPage: true });

    await page.goto(url);
    await ready(page);
    await page.waitForSelector('#results tr[data-law="sweep-fit"]', { timeout: 5000 });
    assert((await page.$$('#results tr[data-law="sweep-fit"]')).length === 1, "one sweep-fit row after reload");
  },

  async "sweep: Approach 1 through pasted envelope points (Table 3), used as the law sweep-fit"({ page, origin }) {
    // Hoffmann et al. 2022, Table 3 (Approach 1): model size N and its compute-optimal FLOPs.
    const TABLE3 = [
      [1.92e19, 400e6], [1.21e20, 1e9], [1.23e22, 10e9], [5.76e23, 67e9], [3.85e24, 175e9],
      [9.9e24, 280e9], [3.43e25, 520e9], [1.27e26, 1e12], [1.3e28, 10e12],
    ];
    // A second method: ordinary least squares of ln N on ln C, here in JavaScript.
    const xs = TABLE3.map(([c]) => Math.log(c));
    const ys = TABLE3.map(([, n]) => Math.log(n));
    const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
    const my = ys.reduce((s, y) => s + y, 0) / ys.length;
    const slope = xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
    const nAt = (c) => Math.exp(my + slope * (Math.log(c) - mx));

    await page.goto(`${origin}/?flops=5.76e23`);
    await ready(page);
    await page.fill("#fit-data", "C,N_opt\n" + TABLE3.map(([c, n]) => `${c},${n}`).join("\n") + "\n");
    assert((await page.getAttribute("#fit-rows", "data-kind")) === "envelope", "read as envelope points");
    assert((await page.getAttribute("#fit-rows", "data-used")) === "9", "nine points used");
    const options = await page.$$eval("#fit-approach option", (os) => os.map((o) => [o.value, o.disabled, o.selected]));
    assert(JSON.stringify(options) === JSON.stringify([["1", false, true], ["2", true, false], ["3", true, false]]), `Approach 1 only: ${JSON.stringify(options)}`);
    assert(/no loss column/.test(await page.textContent('#fit-approach-notes li[data-approach="3"]')), "why not Approach 3");
    await page.fill("#fit-bootstrap", "200");
    await page.click("#fit-run");
    await page.waitForFunction(() => document.querySelector("#fit-status").dataset.state !== "running", null, { timeout: 60000 });
    assert((await page.getAttribute("#fit-status", "data-state")) === "done", `fit ended: ${await page.textContent("#fit-status")}`);
    assert((await page.getAttribute("#fit-results", "data-approach")) === "1", "an Approach-1 table");
    assert(/Approach 1 \(envelope\) on 9 envelope points/.test(await page.textContent("#fit-results caption")), "caption");
    // a equals the least-squares slope (to the four figures shown), and the paper's 0.50 to 0.02.
    const a = await estimate(page, "a");
    assert(Math.abs(a - slope) < 1e-3, `a ${a} vs least squares ${slope.toFixed(4)}`);
    assert(Math.abs(a - 0.5) < 0.02, `a ${a} vs the paper's 0.50`);
    near(parseCount(await page.textContent('#fit-results tr[data-coef="N_opt"] td.estimate')), nAt(5.76e23), 0.01, "N_opt at 5.76e23");
    assert(/ – /.test(await page.textContent('#fit-results tr[data-coef="a"] td.interval')), "a has an interval");
    assert(!/NaN|Infinity/.test(await page.textContent("#fit")), "no NaN in the panel");

    await page.click("#fit-use");
    await page.waitForSelector('#results tr[data-law="sweep-fit"]', { timeout: 5000 });
    near(parseCount(await page.textContent('#results tr[data-law="sweep-fit"] td.n-params')), nAt(5.76e23), 0.01, "the law's N in the table");
    await page.waitForFunction(() => location.search.includes("sfita=1"), null, { timeout: 5000 });
    const url = page.url();
    await page.goto(url);
    await ready(page);
    await page.waitForSelector('#results tr[data-law="sweep-fit"]', { timeout: 5000 });
    assert(/Approach 1/.test(await page.getAttribute('#results tr[data-law="sweep-fit"] th', "title")), "the law says Approach 1 after reload");
    assert(/Approach 1/.test(await page.textContent("#cite-sweep-fit")), "and in its note under the table");
  },

  async "sweep: Approaches 2 and 3 side by side, each with its intervals, against Eq. 4"({ page, origin }) {
    await page.goto(`${origin}/?flops=1e21`);
    await ready(page);
    assert(await page.$eval("#fit-compare", (b) => b.disabled), "no runs, no comparison");
    await page.fill("#fit-data", sweepCsv());
    assert(!(await page.$eval("#fit-compare", (b) => b.disabled)), "the runs allow both");
    await page.fill("#fit-bootstrap", "100");
    await page.click("#fit-compare");
    await page.waitForFunction(() => document.querySelector("#fit-status").dataset.state !== "running", null, { timeout: 120000 });
    assert((await page.getAttribute("#fit-status", "data-state")) === "done", `compare ended: ${await page.textContent("#fit-status")}`);
    const cell = (coef, approach, kind) => page.textContent(`#fit-compare tr[data-coef="${coef}"] td.${kind}[data-approach="${approach}"]`);
    // The law's own a = β/(α+β) and N_opt = G·(C/6)^a (Eq. 4): Approach 3 to 0.01 in a,
    // Approach 2 to 0.02 (its parabolas' bias, as in the test above); N_opt to 5 % at three
    // figures.
    for (const [approach, tolA] of [["2", 0.02], ["3", 0.01]]) {
      const a = Number(await cell("a", approach, "estimate"));
      assert(Math.abs(a - A_TRUE) < tolA, `Approach ${approach}: a ${a} vs ${A_TRUE.toFixed(4)}`);
      near(parseCount(await cell("N_opt", approach, "estimate")), nOpt(1e21), 0.05, `Approach ${approach}: N_opt`);
      near(parseCount(await cell("D_opt", approach, "estimate")), 1e21 / (6 * nOpt(1e21)), 0.05, `Approach ${approach}: D_opt`);
      for (const coef of ["a", "N_opt", "D_opt"]) {
        const text = await cell(coef, approach, "interval");
        const [lo, hi] = text.split(" – ").map((t) => (coef === "a" ? Number(t) : parseCount(t)));
        const est = coef === "a" ? Number(await cell(coef, approach, "estimate")) : parseCount(await cell(coef, approach, "estimate"));
        assert(lo < hi && lo <= est * 1.01 && est <= hi * 1.01, `Approach ${approach} ${coef}: ${est} in ${text}`);
      }
    }
    assert(/Approaches 2 and 3 on the same 35 runs .*from 100 bootstrap resamples each/.test(await page.textContent("#fit-compare caption")), "caption");
    assert(!/NaN|Infinity/.test(await page.textContent("#fit")), "no NaN in the panel");

    // The example's runs do not cluster into budgets: no comparison.
    await page.click("#fit-example");
    await page.waitForFunction(() => document.querySelector("#fit-rows")?.dataset.used === "48", null, { timeout: 5000 });
    assert(await page.$eval("#fit-compare", (b) => b.disabled), "no comparison without budgets");
  },

  async "sweep: runs that do not cluster into budgets leave Approach 2 unavailable, with the reason"({ page, origin }) {
    await page.goto(`${origin}/`);
    await ready(page);
    await page.click("#fit-example");
    await page.waitForFunction(() => document.querySelector("#fit-rows")?.dataset.used === "48", null, { timeout: 5000 });
    const two = await page.$eval('#fit-approach option[value="2"]', (o) => o.disabled);
    assert(two, "Approach 2 disabled for the example's runs");
    const note = await page.textContent('#fit-approach-notes li[data-approach="2"]');
    assert(/Approach 2 \(IsoFLOP profiles\) is not available: .*do not cluster into budgets/.test(note), `reason: ${note}`);
    assert(await page.$eval('#fit-approach-notes li[data-approach="2"]', (li) => !li.hidden), "the reason is shown");
    assert(await page.$eval('#fit-approach-notes li[data-approach="3"]', (li) => li.hidden), "no note for Approach 3");
    const three = await page.$eval('#fit-approach option[value="3"]', (o) => o.disabled);
    assert(!three, "Approach 3 allowed");

    // Approach 3 with a held-out check: the same fit, and the check's sentences under it.
    await page.fill("#fit-bootstrap", "0");
    await page.selectOption("#fit-holdout", "0.2");
    await page.click("#fit-run");
    await page.waitForFunction(() => document.querySelector("#fit-status").dataset.state !== "running", null, { timeout: 60000 });
    assert((await page.getAttribute("#fit-status", "data-state")) === "done", `fit ended: ${await page.textContent("#fit-status")}`);
    assert(await page.$('#fit-results tr[data-coef="alpha"]'), "Approach 3's coefficients");
    const held = await page.textContent("#fit-held-out");
    assert(/Refitted on 38 runs without the 20 % of runs with the most compute \(10 runs held out\)/.test(held), `held-out: ${held}`);
    assert(/Loss predicted for what was left out: mean error/.test(held), `held-out loss: ${held}`);
    assert(!/NaN|Infinity/.test(await page.textContent("#fit")), "no NaN in the panel");
  },
};
