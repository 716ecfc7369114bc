// The fitter in web workers, as a visitor meets it: its code is fetched on the first fit, the
// paper protocol's answer does not depend on how many workers share it (1, 2 or 3, set through
// navigator.hardwareConcurrency), Cancel stops every worker, and the page keeps answering while
// a fit runs.
import { assert, ready } from "./harness.mjs";
import { syntheticCsv } from "./fit.test.mjs";

const RESULT_KEY = "isoflop.fit.result";

// Given to addInitScript with the count as its argument.
const setCores = (n) => {
  Object.defineProperty(Navigator.prototype, "hardwareConcurrency", { get: () => n });
};

async function waitState(page, state, timeout = 120000) {
  await page.waitForFunction((s) => document.querySelector("#fit-status")?.dataset.state === s, state, {
    timeout,
    polling: 50,
  });
}

/** Fills the panel with the 48 synthetic runs, the paper protocol and `resamples`. */
async function paperFit(page, resamples) {
  await page.fill("#fit-data", syntheticCsv());
  await page.selectOption("#fit-method", "paper");
  await page.fill("#fit-bootstrap", String(resamples));
}

/** Opens the page with 2 cores, starts the paper protocol with `resamples` and waits until
 * its progress passes `past`. */
async function startPaperFit(page, origin, resamples, past) {
  await page.addInitScript(setCores, 2);
  await page.goto(`${origin}/`);
  await ready(page);
  await paperFit(page, resamples);
  await page.click("#fit-run");
  await page.waitForFunction((p) => document.querySelector("#fit-progress").value > p, past, { timeout: 30000 });
}

export const tests = {
  async "workers: fetched on the first fit; 1, 2 and 3 workers give the paper protocol's answer bit for bit"({
    browser,
    origin,
  }) {
    const kept = [];
    for (const n of [1, 2, 3]) {
      const context = await browser.newContext();
      try {
        await context.addInitScript(setCores, n);
        const page = await context.newPage();
        const errors = [];
        page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
        page.on("pageerror", (e) => errors.push(e.message));
        const asked = [];
        // The page's own requests; the service worker's offline copy of the build (every file,
        // fetched in the background once the page runs) is another matter.
        context.on("request", (r) => !r.serviceWorker() && asked.push(new URL(r.url()).pathname));
        await page.goto(`${origin}/`);
        await ready(page);
        await page.waitForTimeout(300);
        assert(!asked.some((p) => p.includes("fit-worker")), `worker fetched at load: ${asked}`);
        await paperFit(page, 20);
        await page.click("#fit-run");
        await waitState(page, "done");
        const workers = await page.getAttribute("#fit-progress", "data-workers");
        assert(workers === String(n), `${n} cores → ${workers} workers`);
        assert(asked.some((p) => p.endsWith("fit-worker_bg.wasm")), `worker wasm fetched on the fit: ${asked}`);
        const stored = await page.evaluate((k) => localStorage.getItem(k), RESULT_KEY);
        assert(stored && stored.includes("method paper") && stored.includes("\nci 20 "), `kept fit: ${stored?.slice(0, 200)}`);
        // Everything but the wall time: coefficients, θ, objective, minima, residuals, intervals
        // and every resample's law, each number printed exactly.
        kept.push(stored.split("\n").filter((l) => !l.startsWith("elapsed ")).join("\n"));
        assert(errors.length === 0, `console errors with ${n} workers: ${errors}`);
      } finally {
        await context.close();
      }
    }
    assert(kept[1] === kept[0], "2 workers differ from 1");
    assert(kept[2] === kept[0], "3 workers differ from 1");
    console.log(`     1, 2, 3 workers: identical fits (${kept[0].split("\n").length} stored lines)`);
  },

  async "workers: Cancel stops every worker, and the next fit runs in fresh ones"({ page, origin }) {
    await startPaperFit(page, origin, 1000, 0);
    assert(page.workers().length === 2, `2 workers while fitting, saw ${page.workers().length}`);
    await page.click("#fit-cancel");
    await waitState(page, "cancelled", 5000);
    await page.waitForFunction(() => document.querySelector("#fit-progress").dataset.workers === "0");
    for (let i = 0; i < 50 && page.workers().length > 0; i++) await page.waitForTimeout(100);
    assert(page.workers().length === 0, `workers left after Cancel: ${page.workers().length}`);
    // Nothing from the stopped fit arrives afterwards.
    await page.waitForTimeout(500);
    assert((await page.getAttribute("#fit-status", "data-state")) === "cancelled", "still cancelled");

    await page.selectOption("#fit-method", "global");
    await page.fill("#fit-bootstrap", "0");
    await page.click("#fit-run");
    await waitState(page, "done", 30000);
    assert((await page.getAttribute("#fit-progress", "data-workers")) === "2", "two fresh workers");
    const stored = await page.evaluate((k) => localStorage.getItem(k), RESULT_KEY);
    assert(stored.includes("method global"), `the new fit is the one kept: ${stored.slice(0, 80)}`);
  },

  // How fast is the bench's business (e2e/bench.mjs: the longest main-thread task during a fit);
  // a wall-clock bound here failed a clean CI run at 102 ms on a machine whose two cores were
  // both fitting. What this test holds is that the table does not wait for the fit.
  async "workers: a budget typed while the paper protocol runs updates the table while it runs"({ page, origin }) {
    // The most resamples the panel allows, so the fit is still running when the key goes in.
    await startPaperFit(page, origin, 4000, 0.05);
    // The budget one keystroke short of 1e22 (the panel's fit keeps running meanwhile).
    await page.fill("#budget", "1e2");
    await page.click("#budget");
    await page.keyboard.press("End");
    await page.waitForTimeout(200);
    const before = await page.textContent("#results tbody tr td.n-params");
    // From the key's own time stamp to the table's new text, measured in the page.
    await page.evaluate(() => {
      window.__tableChanged = new Promise((resolve) => {
        new MutationObserver(() => resolve(performance.now())).observe(document.querySelector("#results tbody"), {
          subtree: true,
          childList: true,
          characterData: true,
        });
      });
      document.querySelector("#budget").addEventListener("keydown", (e) => (window.__typedAt = e.timeStamp), {
        once: true,
      });
    });
    await page.keyboard.type("2");
    const [typedAt, changedAt, state] = await page.evaluate(async () => [
      window.__typedAt,
      await window.__tableChanged,
      document.querySelector("#fit-status").dataset.state,
    ]);
    const after = await page.textContent("#results tbody tr td.n-params");
    assert(after !== before, `table unchanged: ${before}`);
    assert(state === "running", `the fit was still running (${state})`);
    const ms = changedAt - typedAt;
    assert(ms >= 0, `keystroke → table updated in ${ms.toFixed(1)} ms`);
    console.log(`     keystroke → table ${ms.toFixed(1)} ms while the fit ran`);
    if (await page.isEnabled("#fit-cancel")) await page.click("#fit-cancel");
  },

  async "workers: a fitter whose code cannot load says so, and the page goes on"({ browser, origin }) {
    // Its own context: no service worker, so the route below sees the worker's requests.
    const context = await browser.newContext({ serviceWorkers: "block" });
    try {
      await context.route("**/fit-worker_bg.wasm", (route) => route.abort());
      const page = await context.newPage();
      const pageErrors = [];
      page.on("pageerror", (e) => pageErrors.push(e.message));
      await page.goto(`${origin}/`);
      await ready(page);
      await page.fill("#fit-data", syntheticCsv());
      await page.fill("#fit-bootstrap", "0");
      await page.click("#fit-run");
      await waitState(page, "failed", 20000);
      const status = await page.textContent("#fit-status");
      assert(/the fitter could not run in this browser/.test(status), `status: ${status}`);
      assert(!(await page.isDisabled("#fit-run")), "Run can be pressed again");
      // The calculator is untouched.
      const before = await page.textContent("#results tbody tr td.n-params");
      await page.fill("#budget", "1e22");
      await page.waitForFunction((b) => document.querySelector("#results tbody tr td.n-params").textContent !== b, before);
      assert(pageErrors.length === 0, `page errors: ${pageErrors}`);
    } finally {
      await context.close();
    }
  },
};
