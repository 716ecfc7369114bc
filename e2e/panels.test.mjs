// The page is two wasm modules: the first screen (inputs, answer, link) and the panels below it
// (shape, charts, why they differ, explainer, fit), fetched once the first has rendered. These
// tests hold the panels back or refuse them, and check that the page answers without them,
// that they follow it both ways once they arrive, and that a failure is said, not hidden.
import { assert, parseCount } from "./harness.mjs";

const PANEL_FILES = /isoflop-panels(-loader)?(\.js|_bg\.wasm)/;

/** A context without a service worker, so that routes see every request. */
const freshContext = (browser) => browser.newContext({ viewport: { width: 1100, height: 900 }, serviceWorkers: "block" });

const resultsReady = (page) => page.waitForSelector("#results tbody tr td.n-params", { timeout: 15000 });

export const tests = {
  async "panels: the answer needs none of their files; held back, they come after and then follow the page both ways"({ browser, origin }) {
    const context = await freshContext(browser);
    try {
      let release;
      const held = new Promise((r) => (release = r));
      await context.route("**/isoflop-panels.js*", async (route) => {
        await held;
        await route.continue();
      });
      const page = await context.newPage();
      const errors = [];
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      const requests = [];
      page.on("request", (r) => requests.push(new URL(r.url()).pathname));
      await page.goto(`${origin}/?flops=1e21`);
      await resultsReady(page);
      // The answer is on screen, typed edits work, and no panel code has run.
      assert((await page.textContent("#results tr[data-law=kaplan2020] td.n-params")) === "4.68B", "Kaplan at 1e21 (Hoffmann et al. 2022, App. D.4)");
      assert((await page.getAttribute("#panels", "data-state")) === "loading", "the panels are still on their way");
      assert(await page.isVisible("#panels-loading"), "a line says the panels are coming");
      assert(/Loading the model-shape section, the charts and the fit panel/.test(await page.textContent("#panels-loading")), "in English");
      assert((await page.$$("canvas")).length === 0 && !(await page.$("#fit-data")), "no chart and no fit panel yet");
      assert(!requests.some((p) => /isoflop-panels(-loader\.js|_bg\.wasm)/.test(p)), `only the glue was asked for: ${requests}`);
      await page.fill("#budget", "1.23e22");
      await page.waitForFunction(() => new URLSearchParams(location.search).get("flops") === "1.23e22", null, { timeout: 5000 });

      release();
      await page.waitForSelector("#panels[data-state=ready]", { state: "attached", timeout: 15000 });
      assert(!(await page.isVisible("#panels-loading")), "the loading line goes once they are up");
      const panelRequests = requests.filter((p) => PANEL_FILES.test(p));
      assert(panelRequests.length === 3, `glue, loader and wasm, once each: ${panelRequests}`);
      await page.waitForSelector("canvas", { timeout: 5000 });
      // Page → panels: the language switch is the page's; the panels' headings follow it.
      const shapeTitle = await page.textContent("#shape-title");
      await page.click("#lang-toggle");
      await page.waitForFunction((t) => document.querySelector("#shape-title").textContent !== t, shapeTitle, { timeout: 5000 });
      assert(/[\u4e00-\u9fff]/.test(await page.textContent("#shape-title")), "the shape section turned to 中文");
      await page.click("#lang-toggle");
      await page.waitForFunction((t) => document.querySelector("#shape-title").textContent === t, shapeTitle, { timeout: 5000 });
      // Panels → page: a shape picked below adds the true-cost column to the page's table and
      // the link. The panels send their whole configuration, so the budget typed before they
      // arrived staying in the link shows they started from the page's as it was then.
      assert((await page.$$("#results td.true-tokens")).length === 0, "no true-cost column without a shape");
      await page.selectOption("#shape-preset", "llama3-8b");
      await page.waitForSelector("#results td.true-tokens", { timeout: 5000 });
      await page.waitForFunction(() => new URLSearchParams(location.search).has("shape"), null, { timeout: 5000 });
      const query = new URLSearchParams(new URL(page.url()).search);
      assert(query.get("flops") === "1.23e22", `the budget stays in the link: ${page.url()}`);
      const tokens = parseCount(await page.textContent("#results tr[data-law=kaplan2020] td.true-tokens"));
      assert(tokens > 0 && tokens < 1.23e22 / (6 * 8.03e9), `true-cost tokens below C/(6N) for Llama 3 8B: ${tokens}`);
      const counts = await page.textContent("#shape-counts");
      assert(counts.startsWith("8.03B parameters"), counts);
      assert(errors.length === 0, `errors: ${errors.join(" | ")}`);
    } finally {
      await context.close();
    }
  },

  async "panels: when they cannot be fetched, the page says so in its language and keeps answering"({ browser, origin }) {
    const context = await freshContext(browser);
    try {
      await context.route("**/isoflop-panels_bg.wasm*", (route) => route.abort());
      const page = await context.newPage();
      const pageErrors = [];
      page.on("pageerror", (e) => pageErrors.push(e.message));
      await page.goto(`${origin}/?lang=zh`);
      await resultsReady(page);
      await page.waitForSelector("#panels-notice", { timeout: 15000 });
      assert((await page.getAttribute("#panels", "data-state")) === "failed", "the placeholder says failed");
      assert(!(await page.isVisible("#panels-loading")), "no loading line once they have failed");
      const notice = await page.textContent("#panels-notice");
      assert(/未能加载/.test(notice) && !/could not/.test(notice), `the notice is in 中文: ${notice}`);
      assert(await page.$eval("#panic-banner", (e) => e.hidden), "no panic banner");
      const before = await page.textContent("#results tbody tr td.n-params");
      await page.fill("#budget", "1e22");
      await page.waitForFunction((b) => document.querySelector("#results tbody tr td.n-params").textContent !== b, before, { timeout: 5000 });
      assert(pageErrors.length === 0, `page errors: ${pageErrors}`);
    } finally {
      await context.close();
    }
  },
};
