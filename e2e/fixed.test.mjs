// Fixed or tied coefficients in the "Fit your runs" panel, and the flat-optimum columns of the
// results table, as a visitor uses them; both travel in the link.
import { syntheticCsv } from "./fit.test.mjs";
import { assert, colourCounts, near, parseCount, ready, tableCell } from "./harness.mjs";

// The law fit.test.mjs generates its runs from: Epoch AI's refit (Besiroglu et al. 2024).
const TRUTH = { E: 1.8172, A: 482.01, B: 2085.43, alpha: 0.3478, beta: 0.3658 };
// Hoffmann et al. 2022, App. D.2 Eq. 10, as printed: the law chinchilla-a3.
const PRINTED = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };
const printedLoss = (n, d) => PRINTED.E + PRINTED.A / Math.pow(n, PRINTED.alpha) + PRINTED.B / Math.pow(d, PRINTED.beta);
// Kaplan et al. 2020, Eq. 1.5 with the joint fit of Table 2 (α_N 0.076, α_D 0.103, N_c 6.4e13,
// D_c 1.8e13): the law kaplan2020's loss.
const kaplanLoss = (n, d) => Math.pow(Math.pow(6.4e13 / n, 0.076 / 0.103) + 1.8e13 / d, 0.103);

async function estimate(page, coef) {
  return Number(await page.textContent(`#fit-results tr[data-coef="${coef}"] td.estimate`));
}

/** [N_min, N_max] within (1 + tol) of the best loss at budget c, by a scan of 200 001 points
 * evenly spaced in ln N from 1e5 to 1e16 (1.3e-4 apart): a second method, independent of the
 * page's closed-form optimum and bisection. */
function flatRangeByScan(lossOf, c, tol) {
  const loss = (x) => {
    const n = Math.exp(x);
    return lossOf(n, c / (6 * n));
  };
  const xs = [];
  for (let i = 0; i <= 200000; i++) xs.push(Math.log(1e5) + (Math.log(1e16) - Math.log(1e5)) * (i / 200000));
  const best = xs.reduce((m, x) => Math.min(m, loss(x)), Infinity);
  const inside = xs.filter((x) => loss(x) <= best * (1 + tol));
  return [Math.exp(inside[0]), Math.exp(inside[inside.length - 1])];
}

function range(text) {
  const parts = text.split(" – ");
  assert(parts.length === 2, `a range: ${JSON.stringify(text)}`);
  return parts.map(parseCount);
}

export const tests = {
  async "fixed: a fixed α is held by the fit, kept in the link, and a bad value names its field"({ page, origin }) {
    await page.goto(`${origin}/?flops=1e21`);
    await ready(page);
    await page.fill("#fit-data", syntheticCsv());
    await page.fill("#fit-bootstrap", "0");
    await page.fill("#fit-fix-alpha", "0.3478");
    await page.waitForFunction(() => location.search.includes("fixa=0.3478"), null, { timeout: 5000 });
    await page.click("#fit-run");
    await page.waitForFunction(() => document.querySelector("#fit-status").dataset.state !== "running", null, { timeout: 60000 });
    assert((await page.getAttribute("#fit-status", "data-state")) === "done", `fit ended: ${await page.textContent("#fit-status")}`);
    // α is held exactly; β and E, fitted with α at its true value, land near the truth
    // (tests/fit_synthetic.rs states ±0.03 for β and ±0.02 relative for E on these 48 runs).
    assert((await estimate(page, "alpha")) === 0.3478, `α held: ${await estimate(page, "alpha")}`);
    const beta = await estimate(page, "beta");
    assert(Math.abs(beta - TRUTH.beta) < 0.03, `β ${beta}`);
    near(await estimate(page, "E"), TRUTH.E, 0.02, "E");
    assert(/Held fixed: α = 0\.3478\./.test(await page.textContent("#fit-results caption")), "the caption says α was held");

    // The link keeps the fixed α: a reload shows it in its field.
    const url = page.url();
    await page.goto(url);
    await ready(page);
    assert((await page.inputValue("#fit-fix-alpha")) === "0.3478", "α kept after reload");
    assert((await page.inputValue("#fit-fix-beta")) === "", "β still empty");

    // A bad value: the field keeps the text, says what it accepts, and the link keeps the last
    // good values; the run refuses with the same message.
    await page.fill("#fit-fix-beta", "-1");
    assert((await page.inputValue("#fit-fix-beta")) === "-1", "the typed text stays");
    assert((await page.getAttribute("#fit-fix-beta", "aria-invalid")) === "true", "β marked invalid");
    const msg = await page.textContent("#fit-fix-beta-msg");
    assert(/a fixed β must be a positive number such as 0\.34, or empty to fit it \(got "-1"\)/.test(msg), `β message: ${msg}`);
    await page.fill("#fit-data", syntheticCsv());
    await page.click("#fit-run");
    await page.waitForFunction(() => document.querySelector("#fit-status").dataset.state === "failed", null, { timeout: 5000 });
    assert(/Fix the options first: a fixed β must be/.test(await page.textContent("#fit-status")), "the run says which field");
    assert(!page.url().includes("fixb="), `no bad β in the link: ${page.url()}`);

    // A tie that contradicts two fixed exponents is named under the tie box.
    await page.fill("#fit-fix-beta", "0.4");
    await page.waitForFunction(() => location.search.includes("fixb=0.4"), null, { timeout: 5000 });
    await page.check("#fit-tie");
    assert(/α = β cannot hold with α fixed at 0\.3478 and β at 0\.4/.test(await page.textContent("#fit-tie-msg")), "tie message");
    await page.waitForTimeout(400);
    assert(!page.url().includes("tie=1"), `no contradictory tie in the link: ${page.url()}`);
    // Approaches 1 and 2 fit no loss: the fields are disabled there.
    assert(!(await page.$eval("#fit-fixed", (f) => f.disabled)), "enabled for Approach 3");
    assert(!/NaN|Infinity/.test(await page.textContent("#fit")), "no NaN in the panel");
  },

  async "flat: the flat-optimum columns follow the tolerance, match a scan, and travel in the link"({ page, origin }) {
    const c = 5.76e23;
    await page.goto(`${origin}/?flops=${c}&laws=chinchilla-a3,kaplan2020,chinchilla-a1`);
    await ready(page);
    const cell = (law, col) => tableCell(page, law, col);
    // The long header on hover, the tolerance in the group's heading over the short one.
    const header = async () => `${await page.getAttribute("#results th.flat-n", "title")} | ${await page.textContent("#results tr.groups")}`;
    assert(/N within \+0\.5 % of the best loss/.test(await header()), `header: ${await header()}`);
    // Counts are shown to three figures: 0.5 % covers the rounding.
    const check = async (tol) => {
      for (const [law, lossOf] of [["kaplan2020", kaplanLoss], ["chinchilla-a3", printedLoss]]) {
        const [lo, hi] = flatRangeByScan(lossOf, c, tol);
        const [nlo, nhi] = range(await cell(law, "flat-n"));
        near(nlo, lo, 0.005, `${law}: N_min at +${tol * 100} %`);
        near(nhi, hi, 0.005, `${law}: N_max at +${tol * 100} %`);
        const [dlo, dhi] = range(await cell(law, "flat-d"));
        near(dlo, c / (6 * hi), 0.005, `${law}: D_min = C/(6 N_max)`);
        near(dhi, c / (6 * lo), 0.005, `${law}: D_max = C/(6 N_min)`);
      }
      const [lo, hi] = range(await cell("chinchilla-a3", "flat-n"));
      return hi / lo;
    };
    const narrow = await check(0.005);
    // The judge's flat range is shaded on the IsoFLOP chart: amber at 25 % over white.
    const shade = async () => (await colourCounts(page, "#chart-isoflop", ["#f9e7bf"], 3))[0];
    await page.waitForTimeout(200);
    const shadeNarrow = await shade();
    assert(shadeNarrow > 300, `shaded pixels at +0.5 %: ${shadeNarrow}`);
    assert((await cell("chinchilla-a1", "flat-n")).trim() === "—", "Approach 1 predicts no loss");
    const why = await page.getAttribute('#results tr[data-law="chinchilla-a1"] td.flat-n', "title");
    assert(/this law has no loss model/.test(why), `why not: ${why}`);

    await page.fill("#flat-tolerance", "2");
    await page.waitForFunction(() => location.search.includes("flat=2"), null, { timeout: 5000 });
    assert(/\+2 %/.test(await header()), `header at 2 %: ${await header()}`);
    const wide = await check(0.02);
    assert(wide > narrow, `a larger tolerance widens the range: ${narrow} → ${wide}`);
    await page.waitForTimeout(200);
    const shadeWide = await shade();
    assert(shadeWide > shadeNarrow, `a wider shade: ${shadeNarrow} → ${shadeWide} px`);

    // A bad tolerance keeps the text and the last good value, and says what is accepted.
    await page.fill("#flat-tolerance", "150");
    assert((await page.getAttribute("#flat-tolerance", "aria-invalid")) === "true", "marked invalid");
    assert(/Out of range: a tolerance in percent/.test(await page.textContent("#flat-tolerance-msg")), "message");
    await page.waitForTimeout(400);
    assert(page.url().includes("flat=2"), `the link keeps the last good value: ${page.url()}`);
    assert(/\+2 %/.test(await header()), "the table keeps it too");

    const url = page.url();
    await page.goto(url);
    await ready(page);
    assert((await page.inputValue("#flat-tolerance")) === "2", "kept after reload");
    // Back to the default: the link says nothing about it.
    await page.fill("#flat-tolerance", "0.5");
    await page.waitForFunction(() => !location.search.includes("flat="), null, { timeout: 5000 });
    assert(!/NaN|Infinity/.test(await page.textContent("#results")), "no NaN in the table");
  },
};
