// "Nothing the user typed is lost": the fit panel's runs, options and last fit are kept in this
// browser's own storage and come back after a reload, a closed tab and an offline restart;
// "Forget my runs" clears them; storage that is unreadable, disabled or full is said once and
// never breaks the page.
import { assert, colourCounts, ready, renderAll } from "./harness.mjs";

const KEYS = ["isoflop.fit.input", "isoflop.fit.result"];

/** 48 runs of the page's own example (Epoch's refit of Chinchilla with 0.5 % noise), as the
 * panel's "Load example" button puts them in the runs field. */
async function exampleCsv(page) {
  await page.click("#fit-example");
  return page.$eval("#fit-data", (t) => t.value);
}

async function fit(page) {
  await page.click("#fit-run");
  await page.waitForFunction(() => document.querySelector("#fit-status").dataset.state === "done", null, { timeout: 60000 });
}

/** What the panel shows: the text, each option, the results table and the residual plot. */
async function panel(page) {
  await renderAll(page);
  return page.evaluate(() => ({
    text: document.querySelector("#fit-data").value,
    method: document.querySelector("#fit-method").value,
    options: ["fit-delta", "fit-drop", "fit-bootstrap", "fit-seed", "fit-columns"].map((id) => document.getElementById(id).value),
    results: document.querySelector("#fit-results")?.innerText ?? null,
    points: document.querySelector("#fit-residuals")?.dataset.points ?? null,
  }));
}

const kept = (page) => page.evaluate((keys) => keys.map((k) => localStorage.getItem(k) !== null), KEYS);

async function note(page) {
  return {
    state: await page.getAttribute("#fit-kept-msg", "data-state"),
    text: await page.textContent("#fit-kept-msg"),
  };
}

export const tests = {
  async "kept: runs, options and the last fit survive a reload, a closed tab and an offline restart; Forget clears them"({ page, context, origin }) {
    await page.goto(`${origin}/?flops=1e21`);
    await ready(page);
    assert((await note(page)).state === "", "nothing kept yet, nothing said");
    const csv = await exampleCsv(page);
    await page.fill("#fit-data", csv);
    await page.selectOption("#fit-method", "paper");
    await page.selectOption("#fit-method", "global");
    await page.fill("#fit-delta", "2e-3");
    await page.fill("#fit-bootstrap", "30");
    await page.fill("#fit-seed", "7");
    await fit(page);
    await page.fill("#fit-drop", "2"); // typed after the fit: kept as typed, the fit unchanged
    await page.fill("#fit-columns", "loss=loss"); // names the column the page found anyway
    const before = await panel(page);
    assert(before.results && before.points === "48", "a fit is shown");
    await page.waitForFunction((keys) => keys.every((k) => localStorage.getItem(k)), KEYS, { timeout: 5000 });
    await page.waitForTimeout(400); // the inputs are kept after a 300 ms pause in typing

    await page.reload();
    await ready(page);
    assert(JSON.stringify(await panel(page)) === JSON.stringify(before), `after a reload: ${JSON.stringify(await panel(page))}`);
    const back = await note(page);
    assert(back.state === "restored" && /runs, options and last fit are back/.test(back.text), `note: ${back.text}`);
    assert((await page.getAttribute("#fit-status", "data-state")) === "done", "the fit is done, not re-run");

    // A closed tab: a new one in the same browser.
    await page.close();
    const tab = await context.newPage();
    await tab.goto(`${origin}/?flops=1e21`);
    await ready(tab);
    assert(JSON.stringify(await panel(tab)) === JSON.stringify(before), "in a new tab");

    // An offline restart: the service worker serves the page, the storage the runs.
    await tab.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
    await context.setOffline(true);
    try {
      await tab.reload();
      await ready(tab);
      assert(JSON.stringify(await panel(tab)) === JSON.stringify(before), "offline");
    } finally {
      await context.setOffline(false);
    }

    // A fit in use keeps its bootstrap band on the charts after a reload: the fit colour at
    // 20 % over the light background, (200,30,60)·0.2 + 255·0.8 = (244,210,216).
    const fitPixels = async () => {
      await tab.waitForTimeout(200);
      return colourCounts(tab, "#chart-params", ["#c81e3c", "#f4d2d8"], 6);
    };
    await tab.click("#fit-use");
    await tab.waitForSelector('#results tr[data-law="fit"]');
    await tab.waitForFunction(() => new URLSearchParams(location.search).has("fit"), null, { timeout: 5000 });
    const [line0, band0] = await fitPixels();
    await tab.reload();
    await ready(tab);
    const [line1, band1] = await fitPixels();
    assert(line0 > 40 && band0 > 50, `fit line ${line0} px, band ${band0} px`);
    assert(line1 === line0 && band1 === band0, `after a reload, line ${line0} → ${line1} px, band ${band0} → ${band1} px`);
    await tab.click("#fit-forget");
    const forgotten = await panel(tab);
    assert(forgotten.text === "" && forgotten.results === null, "Forget empties the panel");
    assert(forgotten.options.join() === "1e-3,0,1000,0,", `options back to defaults: ${forgotten.options}`);
    assert((await note(tab)).state === "forgotten", "Forget says so");
    assert((await tab.$$('#results tr[data-law="fit"]')).length === 1, "a fit in use stays in the link");
    await tab.waitForTimeout(400);
    assert((await kept(tab)).every((k) => !k), "nothing kept");
    await tab.reload();
    await ready(tab);
    const after = await panel(tab);
    assert(after.text === "" && after.results === null, "gone after a reload");
    assert((await note(tab)).state === "", "nothing restored, nothing said");
  },

  async "kept: a corrupted stored value is cleared and said once; the page loads clean"({ page, origin }) {
    await page.goto(`${origin}/?flops=1e21`);
    await ready(page);
    await page.evaluate(() => {
      localStorage.setItem("isoflop.fit.input", "isoflop-fit-input 1\nmethod newton\ntext\nparams,tokens,loss\n");
      localStorage.setItem("isoflop.fit.result", '{"v":1,"params":[');
    });
    await page.reload();
    await ready(page);
    const said = await note(page);
    assert(said.state === "unreadable" && /could not be read back/.test(said.text), `note: ${said.text}`);
    const clean = await panel(page);
    assert(clean.text === "" && clean.results === null, "the panel starts empty");
    assert((await page.textContent('#results tr[data-law="kaplan2020"] td.n-params')) === "4.68B", "the page works");
    assert((await kept(page)).every((k) => !k), "the unreadable values are gone");
    await page.reload();
    await ready(page);
    assert((await note(page)).state === "", "said once: nothing to say on the next visit");
  },

  async "kept: storage that is turned off is said once, and the panel still fits"({ page, origin }) {
    await page.addInitScript(() => {
      Object.defineProperty(window, "localStorage", {
        get() {
          throw new DOMException("The operation is insecure.", "SecurityError");
        },
      });
    });
    await page.goto(`${origin}/`);
    await ready(page);
    const said = await note(page);
    assert(said.state === "disabled" && /private window/.test(said.text), `note: ${said.text}`);
    await page.fill("#fit-data", await exampleCsv(page));
    await page.fill("#fit-bootstrap", "0");
    await fit(page);
    await page.waitForTimeout(400);
    assert((await note(page)).state === "disabled", "still the one note");
    assert((await page.$$("#fit-results tr")).length > 5, "the fit is shown");
  },

  async "kept: a full storage is said once, and the panel still fits"({ page, origin }) {
    await page.addInitScript(() => {
      Storage.prototype.setItem = function () {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      };
    });
    await page.goto(`${origin}/`);
    await ready(page);
    assert((await note(page)).state === "", "reading works: nothing to say yet");
    await page.fill("#fit-data", await exampleCsv(page));
    await page.waitForFunction(() => document.querySelector("#fit-kept-msg").dataset.state === "full", null, { timeout: 3000 });
    assert(/storage for the page is full/.test(await page.textContent("#fit-kept-msg")), "says why");
    await page.fill("#fit-bootstrap", "0");
    await fit(page);
    await page.waitForTimeout(400);
    assert((await page.$$("#fit-results tr")).length > 5, "the fit is shown");
    assert((await page.$$("#fit-kept-msg")).length === 1, "one note");
  },
};
