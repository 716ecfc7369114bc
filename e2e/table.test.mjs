// The full table reads at a glance: its columns in groups with short headers (at most two
// lines; the full header on hover), each law's citation as a numbered note rather than in the
// cell, and columns the reader hides — kept in the link, left out of the copies.
import { assert, ready, shownText } from "./harness.mjs";

/** The table's column ids (the cells' classes), in order. */
const columns = (page) => page.$$eval("#results thead tr:last-child th[scope=col][class]", (ths) => ths.map((th) => th.className));

export const tests = {
  async "table: each law's note says how sure it is — Chinchilla's Table 2 interval, or none published"({ page, origin }) {
    await page.goto(`${origin}/?laws=kaplan2020,chinchilla-a2`);
    await ready(page);
    // Hoffmann et al. 2022, Table 2: Approach 2's a = 0.49, 10th–90th percentiles 0.462 and 0.534.
    const a2 = await shownText(page, "#cite-chinchilla-a2 .uncertainty");
    assert(/a of N_opt ∝ C\^a is 0\.49, 80 % interval 0\.462 – 0\.534 \(Hoffmann et al\. 2022, Table 2/.test(a2), a2);
    const kaplan = await shownText(page, "#cite-kaplan2020 .uncertainty");
    assert(/its paper gives no interval/.test(kaplan), kaplan);
  },

  async "table: groups over short headers of at most two lines, citations as notes, in both languages"({ page, origin }) {
    await page.setViewportSize({ width: 1280, height: 800 });
    for (const lang of ["en", "zh"]) {
      // Every group: a judge, the flat range, hardware with a price, inference and unique data.
      await page.goto(`${origin}/?lang=${lang}&price=2.5&inf=2e12&unique=2.5e11&laws=kaplan2020,chinchilla-a1,epoch2024`);
      await ready(page);
      await shownText(page, "#results");
      const groups = await page.$$eval("#results tr.groups th", (ths) => ths.map((th) => th.textContent));
      assert(groups.length === 5, `${lang}: five groups: ${groups.join(" | ")}`);
      // The lines each header's text takes (its row is as tall as its tallest header).
      const heights = await page.$$eval("#results thead th", (ths) =>
        ths.map((th) => {
          const line = parseFloat(getComputedStyle(th).lineHeight) || 1.5 * parseFloat(getComputedStyle(th).fontSize);
          const range = document.createRange();
          range.selectNodeContents(th);
          return [th.textContent, range.getBoundingClientRect().height / line];
        }),
      );
      for (const [text, lines] of heights) assert(lines <= 2.2, `${lang}: "${text}" takes ${lines.toFixed(1)} lines`);
      // The long header on hover, e.g. the flat range's tolerance.
      assert(/0\.5/.test(await page.getAttribute("#results th.flat-n", "title")), "the long header on hover");
      // Citations: in the row's hover and as notes, not as text in the cell.
      const row = await page.textContent('#results tr[data-law="kaplan2020"] th');
      assert(!/App\. A/.test(row) && /1/.test(row), `${lang}: the row names the law and its note number: ${row}`);
      assert(/App\. A/.test(await page.textContent("#cite-kaplan2020")), `${lang}: Kaplan's citation in its note`);
      assert(/App\. A/.test(await page.getAttribute('#results tr[data-law="kaplan2020"] th', "title")), "and on hover");
    }
  },

  async "table: a hidden column leaves the table and its copies, stays hidden in the link, and comes back"({ page, context, origin }) {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
    await page.goto(`${origin}/?flops=1e21`);
    await ready(page);
    const all = await columns(page);
    assert(all.includes("loss") && all.includes("flat-n"), `columns: ${all}`);
    await page.click("#column-picker summary");
    await page.uncheck("#show-loss");
    await page.uncheck("#show-flat-n");
    await page.waitForFunction(() => new URLSearchParams(location.search).get("hide") === "loss,flat-n", null, { timeout: 5000 });
    const fewer = await columns(page);
    assert(!fewer.includes("loss") && !fewer.includes("flat-n") && fewer.length === all.length - 2, `hidden: ${fewer}`);
    assert(/2 hidden/.test(await page.textContent("#column-picker summary")), "the picker counts them");
    // The answer at a glance is not the table: Kaplan's card still says App. D.4's 4.68B.
    assert((await page.textContent('#answer-cards .card[data-law="kaplan2020"] .n-params dd')) === "4.68B", "the cards stay");
    await page.click("#copy-markdown");
    const md = await page.evaluate(() => navigator.clipboard.readText());
    assert(!/Predicted loss/.test(md) && /Parameters N/.test(md), `the Markdown leaves them out: ${md.split("\n")[0]}`);
    // The link keeps them hidden in a fresh page.
    await page.reload();
    await ready(page);
    assert((await columns(page)).join() === fewer.join(), "hidden after a reload");
    await page.click("#column-picker summary");
    await page.check("#show-loss");
    await page.waitForFunction(() => new URLSearchParams(location.search).get("hide") === "flat-n", null, { timeout: 5000 });
    assert((await columns(page)).includes("loss"), "shown again");
  },
};
