// "Why Kaplan says 0.73 and Chinchilla 0.5": the section opens from the comparison, follows
// the link, and its numbers come from the papers' formulas computed here (a second method).
import { assert, colourCounts, near, parseCount, ready } from "./harness.mjs";

// Epoch's refit (Besiroglu et al. 2024): the total-counting exponent β/(α+β) by hand.
const EPOCH = { alpha: 0.3478, beta: 0.3658 };
const totalExponent = EPOCH.beta / (EPOCH.alpha + EPOCH.beta);

const findings = (page) => page.$$eval("#why-findings li", (lis) => lis.map((li) => li.textContent));

export const tests = {
  async "why: the comparison's link opens the section, charts draw, the link keeps it open"({ page, origin }) {
    await page.goto(`${origin}/`);
    await ready(page);
    assert(!(await page.$eval("#why", (d) => d.open)), "closed by default");
    await page.click("#why-link");
    await page.waitForFunction(() => document.querySelector("#why").open, null, { timeout: 3000 });
    await page.waitForSelector("#why-findings li", { timeout: 5000 });
    const [range, total] = await findings(page);
    // Pearce & Song 2024: ≈ 0.78 with Epoch's coefficients over Kaplan's range.
    near(Number(/C\^([0-9.]+)/.exec(range)[1]), 0.78, 0.015, "Kaplan-range exponent");
    near(Number(/C\^([0-9.]+)/.exec(total)[1]), totalExponent, 0.002, "total-counting exponent");
    await page.waitForFunction(() => new URLSearchParams(location.search).get("why") === "1", null, { timeout: 3000 });

    // The three charts draw their series: the law's colour (Epoch, #cc79a7) and the
    // total-counting line (#56b4e9) on the local-exponent chart; Porian's two data sets.
    await page.waitForTimeout(300);
    const [law, totalLine] = await colourCounts(page, "#chart-local-exponent", ["#cc79a7", "#56b4e9"], 6);
    assert(law > 100 && totalLine > 100, `local exponent: law ${law} px, total ${totalLine} px`);
    const [both] = await colourCounts(page, "#chart-both-ways", ["#cc79a7"], 6);
    assert(both > 100, `frontier both ways: ${both} px`);
    const [rw, owt2] = await colourCounts(page, "#chart-waterfall", ["#0072b2", "#cc79a7"], 6);
    assert(rw > 50 && owt2 > 50, `waterfall: RefinedWeb ${rw} px, OpenWebText2 ${owt2} px`);

    // Porian et al.'s final RefinedWeb step at the default 5.76e23: N = 77B·(5.76/5.88)^0.497.
    const n = parseCount(await page.textContent('#why-steps tr[data-step="tuned"] td.n-params').catch(() => "0"));
    if (n > 0) near(n, 77e9 * Math.pow(5.76e23 / 5.88e23, 0.497), 0.02, "tuned step N at the budget");
    const rows = await page.$$eval("#why-steps tbody tr", (trs) => trs.length);
    assert(rows === 10, `${rows} step rows`);
    // The fields start with what a reader would type (the default aspect ratio is derived to
    // full precision from Pearce & Song's ω = 47 491), and the formulas read as notation.
    assert((await page.inputValue("#why-aspect")) === "39.23", `aspect field: ${await page.inputValue("#why-aspect")}`);
    const section = await page.textContent("#why");
    assert(!/_\\/.test(section) && /N∖E/.test(section), "N∖E, not raw N_\\E");
    // The disclosure's triangle is inside the page's margin, with its heading.
    assert((await page.$eval("#why > summary", (s) => getComputedStyle(s).listStylePosition)) === "inside", "marker inside");

    // Reload: still open, same numbers.
    await page.reload();
    await ready(page);
    await page.waitForSelector("#why-findings li", { timeout: 5000 });
    assert(await page.$eval("#why", (d) => d.open), "open after reload");
    assert((await findings(page))[0] === range, "same finding after reload");
  },

  async "why: another law and vocabulary change the numbers and the link"({ page, origin }) {
    await page.goto(`${origin}/?why=1`);
    await ready(page);
    await page.waitForSelector("#why-findings li", { timeout: 5000 });
    await page.selectOption("#why-law", "chinchilla-a3-tex");
    await page.waitForFunction(() => /C\^0\.74/.test(document.querySelector("#why-findings li").textContent), null, { timeout: 3000 });
    // ω = V·(aspect/12)^(1/3) by hand.
    await page.fill("#why-vocab", "128000");
    await page.fill("#why-aspect", "128");
    const omega = 128000 * Math.cbrt(128 / 12);
    await page.waitForFunction((w) => document.querySelector("#why-omega").textContent.includes(`= ${Math.round(w)}:`), omega, { timeout: 3000 });
    await page.waitForFunction(() => {
      const q = new URLSearchParams(location.search);
      return q.get("rlaw") === "chinchilla-a3-tex" && q.get("vocab") === "128000" && q.get("aspect") === "128";
    }, null, { timeout: 3000 });
    // A bad aspect ratio is refused at the field and the rest stays.
    await page.fill("#why-aspect", "-1");
    assert((await page.getAttribute("#why-aspect", "aria-invalid")) === "true", "bad aspect flagged");
    assert((await page.textContent("#why-omega")).includes(`= ${Math.round(omega)}:`), "last good ω kept");
    assert(!/NaN|Infinity|undefined/.test(await page.textContent("#why")), "no NaN in the section");
  },
};
