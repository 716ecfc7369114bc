// The first screen answers and compares: at 1280 × 800 the budget field, the answer for every
// selected law and both comparison charts are in view without scrolling; on a phone (390 × 844)
// the answer comes first, then the two charts, then the inputs. No width from 320 px up scrolls
// sideways, whatever is open. Screenshots of the first screen (both widths, both languages, both
// themes) go to e2e/artifacts/ for a person to look at.
import { assert, ready, renderAll } from "./harness.mjs";

const rect = (page, selector) =>
  page.$eval(selector, (e) => {
    const r = e.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  });

const inView = (r, width, height) => r.left >= 0 && r.top >= 0 && r.right <= width && r.bottom <= height;

/** Both comparison charts drawn: a plot, a legend, and real models labelled in the plot. */
async function chartsDrawn(page) {
  await page.waitForSelector("#comparison[data-state=ready]", { state: "attached", timeout: 15000 });
  for (const id of ["#chart-params", "#chart-tokens"]) {
    await page.waitForSelector(`${id}[data-plot-box]`, { timeout: 5000 });
    const labels = (await page.getAttribute(id, "data-label-boxes")).split(";").filter(Boolean);
    assert(labels.length >= 4, `${id}: ${labels.length} real models labelled`);
    const colours = (await page.getAttribute(id, "data-series-colors")).split(",");
    assert(colours.length >= 2, `${id}: a line per selected law (${colours})`);
  }
}

const LANGS = [
  ["en", "Parameters N"],
  ["zh", "参数量 N"],
];

export const tests = {
  async "first screen: at 1280 × 800 the budget, every selected law's answer and both charts are in view without scrolling"({ page, origin, artifacts }) {
    await page.setViewportSize({ width: 1280, height: 800 });
    for (const [lang, label] of LANGS) {
      for (const theme of ["light", "dark"]) {
        // Three laws, so a third card must still fit beside the charts.
        await page.goto(`${origin}/?lang=${lang}&theme=${theme}&laws=kaplan2020,chinchilla-a1,epoch2024`);
        await ready(page);
        await chartsDrawn(page);
        const where = `${lang}/${theme}`;
        assert((await page.evaluate(() => window.scrollY)) === 0, "not scrolled");
        for (const selector of ["#budget", "#answer-cards", "#kaplan-vs-chinchilla", "#chart-params", "#chart-tokens"]) {
          const r = await rect(page, selector);
          assert(inView(r, 1280, 800), `${where}: ${selector} at ${JSON.stringify(r)} is not in view`);
        }
        const cards = await page.$$eval("#answer-cards .card", (cs) => cs.map((c) => c.dataset.law));
        assert(cards.join() === "kaplan2020,chinchilla-a1,epoch2024", `${where}: a card per law in order: ${cards}`);
        assert((await page.textContent('#answer-cards .card[data-law="kaplan2020"] .n-params dt')) === label, `${where}: the card's label`);
        // The two charts side by side, beside the inputs.
        const [p, t, inputs] = [await rect(page, "#chart-params"), await rect(page, "#chart-tokens"), await rect(page, ".inputs")];
        assert(Math.abs(p.top - t.top) < 2 && p.right <= t.left, `${where}: charts side by side`);
        assert(inputs.right <= p.left, `${where}: inputs to the left of the answer`);
        await page.screenshot({ path: `${artifacts}/first-screen-1280-${lang}-${theme}.png` });
      }
    }
  },

  async "first screen: on a phone (390 × 844) the answer comes first, then the two charts, then the inputs"({ page, origin, artifacts }) {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [lang] of LANGS) {
      for (const theme of ["light", "dark"]) {
        await page.goto(`${origin}/?lang=${lang}&theme=${theme}`);
        await ready(page);
        await chartsDrawn(page);
        const where = `${lang}/${theme}`;
        const [cards, sentence, params, tokens, inputs] = await Promise.all(
          ["#answer-cards", "#kaplan-vs-chinchilla", "#chart-params", "#chart-tokens", ".inputs"].map((s) => rect(page, s)),
        );
        assert(cards.top < 844 && cards.bottom < 844, `${where}: the answer is on the first screen (${JSON.stringify(cards)})`);
        assert(cards.bottom <= sentence.top + 1 && sentence.bottom <= params.top, `${where}: answer, sentence, then the charts`);
        assert(params.bottom <= tokens.top && tokens.bottom <= inputs.top, `${where}: N chart, D chart, then the inputs`);
        // Both laws side by side on the phone, so they compare at a glance.
        const [a, b] = await page.$$eval("#answer-cards .card", (cs) => cs.map((c) => c.getBoundingClientRect().top));
        assert(Math.abs(a - b) < 2, `${where}: the two cards side by side`);
        await page.screenshot({ path: `${artifacts}/first-screen-390-${lang}-${theme}.png` });
      }
    }
  },

  async "no sideways scroll at 320, 360, 390, 768 and 1280 px, both languages, everything open, a fit shown, the widest selects chosen"({ page, origin }) {
    for (const [lang] of LANGS) {
      await page.setViewportSize({ width: 1280, height: 900 });
      // The recipe's and the planner's inputs in the link fetch their parts at once.
      await page.goto(`${origin}/?lang=${lang}&why=1&shape=llama3-8b&inf=2e12&unique=2.5e11&price=2.5&sched=wsd&rn=7e9&rd=2e12&psims=20`);
      await ready(page);
      await page.waitForSelector("#recipe-table tbody tr", { state: "attached", timeout: 15000 });
      await page.waitForSelector("#plan-simulated tbody tr", { state: "attached", timeout: 60000 });
      await page.click("#column-picker summary");
      await page.click("#fit-example");
      await page.selectOption("#fit-method", "global");
      await page.fill("#fit-bootstrap", "20");
      await page.click("#fit-run");
      await page.waitForFunction(() => document.querySelector("#fit-status").dataset.state === "done", null, { timeout: 60000 });
      // Each select set to its longest option (a select is as wide as its longest option anyway;
      // the chosen one is what shows).
      for (const id of await page.$$eval("main select", (ss) => ss.map((s) => s.id).filter(Boolean))) {
        const longest = await page.$eval(`#${id}`, (s) => [...s.options].filter((o) => !o.disabled).sort((a, b) => b.text.length - a.text.length)[0]?.value);
        if (longest !== undefined) await page.selectOption(`#${id}`, longest);
      }
      for (const width of [320, 360, 390, 768, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await page.waitForTimeout(150);
        const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
        const wide = await page.evaluate((w) =>
          [...document.querySelectorAll("body *")]
            .filter((e) => !e.closest(".table-wrap") && e.getBoundingClientRect().right > w + 0.5)
            .slice(0, 5)
            .map((e) => `${e.tagName.toLowerCase()}#${e.id}.${[...e.classList].join(".")}`), width);
        assert(scroll === client && client === width, `${lang} ${width} px: the page is ${scroll} px wide (${wide.join(", ")})`);
      }
    }
  },

  async "small things: legends inside their box, the tie checkbox beside its words (both languages, 320 and 1280 px)"({ page, origin }) {
    for (const [lang] of LANGS) {
      for (const width of [320, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${origin}/?lang=${lang}`);
        await ready(page);
        await renderAll(page);
        const legends = await page.$$eval(".inputs fieldset > legend", (ls) =>
          ls.map((l) => [l.textContent, l.getBoundingClientRect().top - l.parentElement.getBoundingClientRect().top]),
        );
        for (const [text, below] of legends) assert(below >= 1, `${lang} ${width}: the border runs through "${text}"`);
        const [box, words] = await page.$eval(".fit-tie-label", (l) => {
          const b = l.querySelector("input").getBoundingClientRect();
          const r = l.getBoundingClientRect();
          return [[b.top, b.bottom], [r.top, r.bottom, parseFloat(getComputedStyle(l).lineHeight) || 24]];
        });
        assert(words[1] - words[0] < 2 * words[2], `${lang} ${width}: the tie's label is one line (${words})`);
        assert(box[0] >= words[0] && box[1] <= words[1], `${lang} ${width}: the checkbox is beside its words`);
      }
    }
  },
};
