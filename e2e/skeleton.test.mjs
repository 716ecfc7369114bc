// The walking skeleton as a visitor meets it. Expected values come from the papers:
// Hoffmann et al. 2022 App. D.4 (4.68B Kaplan, 2.86B Chinchilla at 1e21 FLOPs) and Table 3
// (10B params at 1.23e22 FLOPs), and Kaplan's App. A formula computed here independently.
import { assert, colourCounts, near, parseCount, ready, tableCell } from "./harness.mjs";

const kaplanN = (c) => 1.3e9 * Math.pow(c / (2 * 8.64e19), 0.73); // Kaplan App. A, C = 2·C_min

const cell = tableCell;

export const tests = {
  async "link ?flops=1e21 shows App. D.4's numbers"({ page, origin }) {
    await page.goto(`${origin}/?flops=1e21`);
    await ready(page);
    assert((await cell(page, "kaplan2020", "n-params")) === "4.68B", "Kaplan N at 1e21 must read 4.68B");
    near(parseCount(await cell(page, "chinchilla-a1", "n-params")), 2.86e9, 0.01, "Chinchilla N at 1e21");
    assert((await page.inputValue("#budget")) === "1e21", "the field shows the linked budget");
    assert(await page.$eval("#panic-banner", (e) => e.hidden), "no panic banner");
  },

  async "typing a budget updates the table and the address bar without new history entries"({ page, origin }) {
    await page.goto(`${origin}/`);
    await ready(page);
    const historyBefore = await page.evaluate(() => history.length);
    await page.click("#budget");
    await page.keyboard.press("Control+A");
    await page.keyboard.type("1.23e22", { delay: 20 });
    await page.waitForFunction(() => new URLSearchParams(location.search).get("flops") === "1.23e22", null, { timeout: 5000 });
    near(parseCount(await cell(page, "kaplan2020", "n-params")), kaplanN(1.23e22), 0.005, "Kaplan N at 1.23e22");
    near(parseCount(await cell(page, "chinchilla-a1", "n-params")), 10e9, 0.03, "Chinchilla N at 1.23e22 (Table 3)");
    // D = C/(6N): the tokens column follows from the params column.
    const n = parseCount(await cell(page, "chinchilla-a1", "n-params"));
    near(parseCount(await cell(page, "chinchilla-a1", "n-tokens")), 1.23e22 / (6 * n), 0.01, "Chinchilla D = C/(6N)");
    assert((await page.evaluate(() => history.length)) === historyBefore, "typing must not add history entries");
  },

  async "a bad budget shows a message and keeps the last good results"({ page, origin }) {
    await page.goto(`${origin}/?flops=1e21`);
    await ready(page);
    // Typed key by key, "1e999" passes through valid budgets (1e9, 1e99), so each bad value is
    // entered at once (one input event); the empty field is reached with a real Backspace.
    for (const bad of ["", "-5", "0", "NaN", "1e999", "lots", "5.76×10^"]) {
      if (bad) {
        await page.fill("#budget", bad);
      } else {
        await page.click("#budget");
        await page.keyboard.press("Control+A");
        await page.keyboard.press("Backspace");
      }
      const msg = await page.textContent("#budget-msg");
      assert(/budget|number|FLOPs/i.test(msg), `message for ${JSON.stringify(bad)}: ${msg}`);
      assert((await page.getAttribute("#budget", "aria-invalid")) === "true", `aria-invalid for ${bad}`);
      assert((await cell(page, "kaplan2020", "n-params")) === "4.68B", `results kept for ${JSON.stringify(bad)}`);
      const text = await page.textContent("body");
      assert(!/NaN|Infinity/.test(text), `NaN on the page after ${JSON.stringify(bad)}`);
    }
    await page.fill("#budget", "1e21");
    assert((await page.getAttribute("#budget", "aria-invalid")) === "false", "valid again");
  },

  async "the chart draws both laws in their colours"({ page, origin, artifacts }) {
    await page.goto(`${origin}/?flops=1e21`);
    await ready(page);
    const colours = (await page.getAttribute("#chart-params", "data-series-colors")).split(",");
    assert(colours.length >= 2, "two series colours");
    await page.waitForTimeout(200);
    const counts = await colourCounts(page, "#chart-params", colours);
    colours.forEach((c, i) => assert(counts[i] > 200, `series ${c} has ${counts[i]} pixels on the canvas`));
    await page.screenshot({ path: `${artifacts}/skeleton.png`, fullPage: true });
  },
};
