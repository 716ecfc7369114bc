// The page's wasm comes in parts (src/app/deferred.rs): the first screen's (inputs, answer
// cards, link), then the comparison charts' (with the chart code every chart shares), then the
// panels' (the full table, the other charts, why they differ, shape, fit, explainer), and the
// part below them (the training recipe and the sweep planner) when the reader comes near either.
// These tests hold parts back or refuse them,
// and check that the page answers without them, that each arrives and works on the page's own
// configuration, and that a failure is said, not hidden.
import { assert, parseCount } from "./harness.mjs";

const COMPARISON_FILES = /isoflop-(chunk-\d+|split-comparison)-[0-9a-f]{16}\.wasm$/;
const PANELS_FILE = /isoflop-split-panels-[0-9a-f]{16}\.wasm$/;
// The training recipe and the sweep planner are one part, fetched when the reader nears either.
const BELOW_FILE = /isoflop-split-below-[0-9a-f]{16}\.wasm$/;

/** A context without a service worker, so that routes see every request. */
const freshContext = (browser) => browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: "block" });

const answerReady = (page) => page.waitForSelector("#answer-cards .n-params dd", { timeout: 15000 });
const card = (page, law, column) => page.textContent(`#answer-cards .card[data-law="${law}"] .${column} dd`);

/** A page that records its errors and the paths it asks for. */
async function watched(context) {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const requests = [];
  page.on("request", (r) => requests.push(new URL(r.url()).pathname));
  return { page, errors, requests };
}

/** A section of the part below the panels: not fetched at the first screen, fetched once when
 * the reader scrolls to its slot, and, refused, said in the page's language (a link that sets
 * one of its inputs asks for it at once) while the rest of the page works. */
async function partBelow(browser, origin, { slot, shown, refusedLink, refusedLine }) {
  const context = await freshContext(browser);
  try {
    const { page, errors, requests } = await watched(context);
    await page.goto(`${origin}/`);
    await page.waitForSelector("#panels[data-state=ready]", { state: "attached", timeout: 15000 });
    await page.waitForTimeout(300);
    assert(!requests.some((p) => BELOW_FILE.test(p)), `not fetched at the first screen: ${requests}`);
    assert((await page.getAttribute(`#${slot}-slot`, "data-state")) === "waiting", "waiting");
    await page.$eval(`#${slot}-slot`, (e) => e.scrollIntoView());
    await page.waitForSelector(`#${slot}-slot[data-state=ready]`, { state: "attached", timeout: 15000 });
    await page.waitForSelector(shown, { state: "attached", timeout: 5000 });
    assert(!(await page.isVisible(`#${slot}-loading`)), "the loading line goes");
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.$eval(`#${slot}-slot`, (e) => e.scrollIntoView());
    assert(requests.filter((p) => BELOW_FILE.test(p)).length === 1, `once: ${requests}`);
    assert(errors.length === 0, `errors: ${errors.join(" | ")}`);

    // Refused: the line says so in the page's language, and the rest of the page works.
    await context.route(BELOW_FILE, (route) => route.abort());
    const second = await watched(context);
    await second.page.goto(`${origin}${refusedLink}`);
    await second.page.waitForSelector(`#${slot}-slot[data-state=failed]`, { state: "attached", timeout: 15000 });
    const line = await second.page.textContent(`#${slot}-loading`);
    assert(refusedLine.test(line) && (await second.page.isVisible(`#${slot}-loading`)), `said in 中文: ${line}`);
    assert(await second.page.$eval("#panic-banner", (e) => e.hidden), "no panic banner");
    assert(second.errors.length === 0, `page errors: ${second.errors}`);
  } finally {
    await context.close();
  }
}

export const tests = {
  async "parts: the answer needs none of the later parts; held back, they come after, in order, once each"({ browser, origin }) {
    const context = await freshContext(browser);
    try {
      let release;
      const held = new Promise((r) => (release = r));
      await context.route(/isoflop-chunk-\d+-[0-9a-f]{16}\.wasm/, async (route) => {
        await held;
        await route.continue();
      });
      const { page, errors, requests } = await watched(context);
      await page.goto(`${origin}/?flops=1e21`);
      await answerReady(page);
      // The answer is on screen, typed edits work, and no chart has been drawn.
      assert((await card(page, "kaplan2020", "n-params")) === "4.68B", "Kaplan at 1e21 (Hoffmann et al. 2022, App. D.4)");
      assert((await page.getAttribute("#comparison", "data-state")) === "loading", "the charts are on their way");
      assert(await page.isVisible("#comparison-loading"), "a line says the charts are coming");
      assert((await page.$$("canvas")).length === 0 && !(await page.$("#fit-data")) && !(await page.$("#results")), "no chart, no table and no fit panel yet");
      assert(!requests.some((p) => PANELS_FILE.test(p)), `the panels wait for the charts: ${requests}`);
      await page.fill("#budget", "1.23e22");
      await page.waitForFunction(() => new URLSearchParams(location.search).get("flops") === "1.23e22", null, { timeout: 5000 });

      release();
      await page.waitForSelector("#comparison[data-state=ready]", { state: "attached", timeout: 15000 });
      await page.waitForSelector("#chart-params[data-plot-box]", { timeout: 5000 });
      await page.waitForSelector("#panels[data-state=ready]", { state: "attached", timeout: 15000 });
      assert(!(await page.isVisible("#panels-loading")) && !(await page.isVisible("#comparison-loading")), "the loading lines go once the parts are up");
      const parts = requests.filter((p) => COMPARISON_FILES.test(p) || PANELS_FILE.test(p));
      assert(new Set(parts).size === parts.length && parts.filter((p) => /split-comparison/.test(p)).length === 1, `each part once: ${parts}`);
      assert(PANELS_FILE.test(parts[parts.length - 1]), `the panels come last: ${parts}`);
      assert(!requests.some((p) => BELOW_FILE.test(p)), `the recipe waits for the reader: ${requests}`);
      // The parts work on the page's own configuration: the budget typed before they arrived
      // is the charts' budget, and a shape picked in the panels adds the table's true-cost column.
      assert((await page.$$("#results td.true-tokens")).length === 0, "no true-cost column without a shape");
      await page.selectOption("#shape-preset", "llama3-8b");
      await page.waitForSelector("#results td.true-tokens", { timeout: 5000 });
      const tokens = parseCount(await page.textContent("#results tr[data-law=kaplan2020] td.true-tokens"));
      assert(tokens > 0 && tokens < 1.23e22 / (6 * 8.03e9), `true-cost tokens below C/(6N) for Llama 3 8B: ${tokens}`);
      assert((await page.textContent("#shape-counts")).startsWith("8.03B parameters"), "Llama 3 8B's count");
      assert(errors.length === 0, `errors: ${errors.join(" | ")}`);
    } finally {
      await context.close();
    }
  },

  async "parts: the training recipe's part comes when the reader scrolls to it, once; refused, it says so"({ browser, origin }) {
    await partBelow(browser, origin, {
      slot: "recipe",
      shown: '#recipe-table tr[data-law="chinchilla-a1"]',
      refusedLink: "/?lang=zh&sched=wsd",
      refusedLine: /训练配方未能加载/,
    });
  },

  async "parts: the sweep planner's part comes when the reader scrolls to it, once; refused, it says so"({ browser, origin }) {
    await partBelow(browser, origin, {
      slot: "planner",
      shown: "#plan-runs tbody tr",
      refusedLink: "/?lang=zh&psizes=7",
      refusedLine: /扫描规划器无法加载/,
    });
  },

  async "parts: when the panels cannot be fetched, the page says so in its language and keeps answering and comparing"({ browser, origin }) {
    const context = await freshContext(browser);
    try {
      await context.route(PANELS_FILE, (route) => route.abort());
      const { page, errors } = await watched(context);
      await page.goto(`${origin}/?lang=zh`);
      await answerReady(page);
      await page.waitForSelector("#panels-notice", { timeout: 15000 });
      assert((await page.getAttribute("#panels", "data-state")) === "failed", "the placeholder says failed");
      assert((await page.getAttribute("#comparison", "data-state")) === "ready", "the comparison charts came");
      assert(!(await page.isVisible("#panels-loading")), "no loading line once they have failed");
      const notice = await page.textContent("#panels-notice");
      assert(/未能加载/.test(notice) && !/could not/.test(notice), `the notice is in 中文: ${notice}`);
      assert(await page.$eval("#panic-banner", (e) => e.hidden), "no panic banner");
      const plot = await page.getAttribute("#chart-params", "data-plot-box");
      await page.fill("#budget", "1e21");
      await page.waitForFunction(() => document.querySelector('#answer-cards .card[data-law="kaplan2020"] .n-params dd').textContent.startsWith("4.68B"), null, { timeout: 5000 });
      assert(plot, "the comparison is drawn");
      assert(errors.length === 0, `page errors: ${errors}`);
    } finally {
      await context.close();
    }
  },

  async "parts: when the charts' code cannot be fetched, neither part comes, the page says so and keeps answering"({ browser, origin }) {
    const context = await freshContext(browser);
    try {
      await context.route(/isoflop-chunk-\d+-[0-9a-f]{16}\.wasm/, (route) => route.abort());
      const { page, errors } = await watched(context);
      await page.goto(`${origin}/`);
      await answerReady(page);
      await page.waitForSelector("#panels-notice", { timeout: 15000 });
      assert((await page.getAttribute("#comparison", "data-state")) === "failed", "the comparison failed");
      assert((await page.getAttribute("#panels", "data-state")) === "failed", "the panels failed");
      assert(/could not be loaded/.test(await page.textContent("#panels-notice")), "said in English");
      assert(await page.$eval("#panic-banner", (e) => e.hidden), "no panic banner");
      await page.fill("#budget", "1e21");
      await page.waitForFunction(() => document.querySelector('#answer-cards .card[data-law="kaplan2020"] .n-params dd').textContent === "4.68B", null, { timeout: 5000 });
      assert(errors.length === 0, `page errors: ${errors}`);
    } finally {
      await context.close();
    }
  },
};
