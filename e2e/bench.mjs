// The browser half of `make bench`: load time, interaction latency, fit time in wasm and the
// longest main-thread task during a fit, in headless Chromium against a release dist/ served on
// 127.0.0.1. It measures and never fails on a time; it writes one JSON object.
//
//   node e2e/bench.mjs --dist DIR --data CSV --out JSON [--quick] [--native JSON]
//
// DATA is the CSV the native and scipy benchmarks read; the 5 highest-loss rows are left out
// here (as they are there) before the text goes to the page's wasm.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { launch, openPage, serveDir } from "./harness.mjs";

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const quick = args.includes("--quick");
const dist = opt("--dist");
const dataPath = opt("--data");
const outPath = opt("--out");
if (!dist || !dataPath || !outPath) {
  console.error("usage: node e2e/bench.mjs --dist DIR --data CSV --out JSON [--quick]");
  process.exit(2);
}

const LOADS = 5;
const EDITS = 100;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? null : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : null;
};
const log = (msg) => console.error(`[bench:browser] ${msg}`);

/** The CSV with its `k` highest-loss rows left out (ties keep the earlier row). */
function dropHighestLoss(text, k) {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = lines[0];
  const col = header
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .indexOf("loss");
  const rows = lines.slice(1).map((l, i) => ({ l, i, loss: Number(l.split(",")[col]) }));
  const drop = new Set(
    [...rows]
      .sort((a, b) => b.loss - a.loss || a.i - b.i)
      .slice(0, k)
      .map((r) => r.i),
  );
  return [header, ...rows.filter((r) => !drop.has(r.i)).map((r) => r.l)].join("\n") + "\n";
}

/** Waits until the app has mounted (the results hold numbers) and so have its panels, the
 * second wasm module it fetches after the first render. */
async function mounted(page) {
  await page.waitForSelector("#results tbody tr td.n-params", { timeout: 30000 });
  await page.waitForSelector("#panels[data-state=ready]", { state: "attached", timeout: 30000 });
}

// Runs before any script of the page: notes performance.now() (ms since navigation start) the
// first time a results cell holds a digit, and the first time the panels below it are up.
const READY_PROBE = `(() => {
  const check = () => {
    if (window.__benchReadyAt === undefined) {
      const td = document.querySelector("#results td.n-params");
      if (td && /[0-9]/.test(td.textContent)) window.__benchReadyAt = performance.now();
    }
    if (window.__benchPanelsAt === undefined && document.querySelector("#panels[data-state=ready]")) {
      window.__benchPanelsAt = performance.now();
    }
    return window.__benchPanelsAt !== undefined;
  };
  const mo = new MutationObserver(() => { if (check()) mo.disconnect(); });
  mo.observe(document, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ["data-state"] });
})();`;

// The baseline: a trivial static page with the same cell, served the same way.
const EMPTY_PAGE = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>empty</title></head>
<body><label for="budget">Budget</label> <input id="budget" value="5.76e23">
<table id="results"><tbody><tr><td class="n-params">1</td></tr></tbody></table></body></html>\n`;

async function loadTime(browser, url) {
  const { context, page } = await openPage(browser);
  try {
    await page.addInitScript(READY_PROBE);
    await page.goto(url);
    await page.waitForFunction(() => window.__benchReadyAt !== undefined, null, { timeout: 30000 });
    // The empty page has no panels: its time is its only time.
    await page
      .waitForFunction(() => window.__benchPanelsAt !== undefined || !document.getElementById("panels"), null, { timeout: 30000 });
    return await page.evaluate(() => ({ results: window.__benchReadyAt, panels: window.__benchPanelsAt ?? null }));
  } finally {
    await context.close();
  }
}

/** Budget strings such that consecutive ones always differ. */
const budgetValue = (i) => `${1 + (i % 9)}.${i % 7}e${20 + (i % 5)}`;

async function interaction(browser, origin) {
  const { context, page } = await openPage(browser);
  try {
    await page.goto(`${origin}/`);
    await mounted(page);
    // Let the first draws settle before editing.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    // The page creates window.isoflopTimings at its first redraw after an input: one warm-up
    // edit tells whether this build is instrumented.
    await page.fill("#budget", "3.3e22");
    const instrumented = await page
      .waitForFunction(() => Array.isArray(window.isoflopTimings) && window.isoflopTimings.length > 0, null, { timeout: 2000 })
      .then(() => true, () => false);
    const samples = [];
    if (instrumented) {
      for (let i = 0; i < EDITS; i++) {
        const before = await page.evaluate(() => window.isoflopTimings.length);
        await page.fill("#budget", budgetValue(i));
        const logged = await page
          .waitForFunction((n) => window.isoflopTimings.length > n, before, { timeout: 5000 })
          .then(() => true, () => false);
        if (!logged) {
          samples.push(null);
          continue;
        }
        // Redraws can settle a moment after the first entry; take every entry of this edit.
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
        const fresh = await page.evaluate((n) => window.isoflopTimings.slice(n), before);
        const redraws = fresh.filter((t) => t.what === "redraw").map((t) => t.ms);
        samples.push(redraws.length ? Math.max(...redraws) : Math.max(...fresh.map((t) => t.ms)));
      }
    } else {
      for (let i = 0; i < EDITS; i++) {
        samples.push(
          await page.evaluate(async (value) => {
            const input = document.querySelector("#budget");
            const body = document.querySelector("#results tbody");
            const before = body.textContent;
            input.value = value;
            const t0 = performance.now();
            input.dispatchEvent(new Event("input", { bubbles: true }));
            while (body.textContent === before) {
              if (performance.now() - t0 > 5000) return null;
              await new Promise((r) => setTimeout(r, 0));
            }
            await new Promise((r) => requestAnimationFrame(r));
            return performance.now() - t0;
          }, budgetValue(i)),
        );
      }
    }
    const ok = samples.filter((x) => typeof x === "number");
    return {
      method: instrumented
        ? "window.isoflopTimings (in-page: input event to the end of the last chart draw), edits by page.fill"
        : "fallback: dispatchEvent('input') to the first requestAnimationFrame after the table text changed",
      edits: samples.length,
      failed: samples.length - ok.length,
      p50_ms: percentile(ok, 50),
      p95_ms: percentile(ok, 95),
      max_ms: ok.length ? Math.max(...ok) : null,
    };
  } finally {
    await context.close();
  }
}

/**
 * Keystrokes as the browser measures them (the Event Timing API, the basis of INP): types budgets
 * key by key into `#budget` and takes, per keystroke, the longest event entry of its interaction
 * (input delay + handlers + the next paint). Entries under 16 ms are not reported by the API
 * (its minimum threshold): such keystrokes count as 16 ms, an upper bound. `rate` throttles the
 * CPU through the DevTools protocol (4 ≈ a mid-range phone).
 */
async function keystrokes(browser, url, rate, keys) {
  const { context, page } = await openPage(browser);
  try {
    const cdp = await context.newCDPSession(page);
    await page.goto(url);
    await page.waitForSelector("#budget", { timeout: 30000 });
    // The app's panels (its charts among them) are a second module: typing starts once they
    // are up, so every keystroke pays for the charts it redraws.
    await page.waitForFunction(() => {
      const panels = document.getElementById("panels");
      return !panels || panels.dataset.state === "ready";
    }, null, { timeout: 30000 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 200))));
    await page.evaluate(() => {
      window.__benchEvents = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          if (e.interactionId) window.__benchEvents.push({ id: e.interactionId, name: e.name, d: e.duration });
        }
      }).observe({ type: "event", durationThreshold: 16, buffered: false });
    });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate });
    await page.click("#budget", { clickCount: 3 });
    await page.keyboard.press("Backspace");
    await page.evaluate(() => (window.__benchEvents = []));
    let typed = 0;
    for (let i = 0; typed < keys; i++) {
      const text = budgetValue(i);
      for (const ch of text) {
        if (typed >= keys) break;
        await page.keyboard.type(ch);
        typed++;
        // A person types ~5 keys a second; leave each keystroke its own frames.
        await page.waitForTimeout(120);
      }
      for (let k = 0; k < text.length && typed < keys; k++) {
        await page.keyboard.press("Backspace");
        typed++;
        await page.waitForTimeout(120);
      }
    }
    await page.waitForTimeout(500);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
    const events = await page.evaluate(() => window.__benchEvents);
    // One number per interaction (keydown, input, keyup of one key share an interactionId).
    const worst = new Map();
    for (const e of events) worst.set(e.id, Math.max(worst.get(e.id) ?? 0, e.d));
    const measured = [...worst.values()];
    const samples = [...measured, ...Array(Math.max(0, typed - measured.length)).fill(16)];
    return {
      rate,
      keystrokes: typed,
      over_16ms: measured.length,
      p50_ms: percentile(samples, 50),
      p95_ms: percentile(samples, 95),
      max_ms: samples.length ? Math.max(...samples) : null,
    };
  } finally {
    await context.close();
  }
}

/** Times fits as a visitor runs them: the panel's Run button, the fitter in its web workers
 * (one per core the browser reports, or `cores`), the time the page reports (Run → result,
 * kept exactly in the stored fit). The first fit, which also starts the workers, is a warm-up. */
async function wasmFits(browser, origin, csv240, cores) {
  const { context, page } = await openPage(browser);
  try {
    if (cores) {
      await page.addInitScript((n) => {
        Object.defineProperty(Navigator.prototype, "hardwareConcurrency", { get: () => n });
      }, cores);
    }
    await page.goto(`${origin}/`);
    await mounted(page);
    await page.fill("#fit-data", csv240);
    const fit = async (method, bootstrap) => {
      await page.selectOption("#fit-method", method);
      await page.fill("#fit-bootstrap", String(bootstrap));
      await page.click("#fit-run");
      await page.waitForFunction(() => !["running", "idle"].includes(document.querySelector("#fit-status").dataset.state), null, {
        timeout: 300000,
        polling: 20,
      });
      const stored = await page.evaluate(() => localStorage.getItem("isoflop.fit.result") ?? "");
      const state = await page.getAttribute("#fit-status", "data-state");
      const elapsed = /\nelapsed (\S+)/.exec(stored);
      if (state !== "done" || !elapsed) throw new Error(`fit ${method} K=${bootstrap}: ${state}`);
      await page.evaluate(() => localStorage.removeItem("isoflop.fit.result"));
      return Number(elapsed[1]);
    };
    const out = { available: true };
    out.first_global_ms = await fit("global", 0); // starts the workers
    out.workers = Number(await page.getAttribute("#fit-progress", "data-workers"));
    const globals = [];
    for (let i = 0; i < (quick ? 3 : 7); i++) globals.push(await fit("global", 0));
    out.global = { reps: globals.length, median_ms: median(globals), min_ms: Math.min(...globals) };
    log(`wasm global median ${out.global.median_ms.toFixed(1)} ms (${out.workers} workers)`);
    const boot = await fit("global", 1000);
    out.bootstrap = { resamples: 1000, ms: boot };
    log(`wasm global + 1000 bootstrap ${boot.toFixed(0)} ms`);
    if (!quick) {
      out.paper = { ms: await fit("paper", 0) };
      log(`wasm paper ${out.paper.ms.toFixed(0)} ms in ${out.workers} workers`);
    }
    return out;
  } catch (e) {
    log(`wasm fits: ${e.message}`);
    return { available: false };
  } finally {
    await context.close();
  }
}

/** Drives the "Fit your runs" panel and records every long task while the fit runs. */
async function panelLongTasks(browser, origin, csvFull, resamples) {
  const { context, page } = await openPage(browser);
  try {
    await page.goto(`${origin}/`);
    await mounted(page);
    if (!(await page.$("#fit-run")) || !(await page.$("#fit-data"))) return { available: false };
    await page.fill("#fit-data", csvFull);
    if (await page.$("#fit-drop")) await page.fill("#fit-drop", "5");
    if (await page.$("#fit-bootstrap")) await page.fill("#fit-bootstrap", String(resamples));
    await page.selectOption("#fit-method", "global").catch(() => {});
    await page.evaluate(() => new Promise((r) => setTimeout(r, 100)));
    await page.evaluate(() => {
      window.__benchLongTasks = [];
      window.__benchObserver = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__benchLongTasks.push(e.duration);
      });
      window.__benchObserver.observe({ type: "longtask" });
    });
    const t0 = Date.now();
    await page.click("#fit-run");
    await page.waitForFunction(
      () => {
        const s = document.querySelector("#fit-status")?.textContent ?? "";
        return /done|fail|error|cancel/i.test(s) || !!document.querySelector("#fit-results");
      },
      null,
      { timeout: 120000, polling: 100 },
    );
    const wallMs = Date.now() - t0;
    // Long tasks are reported after they end: give the observer a moment.
    await page.evaluate(() => new Promise((r) => setTimeout(r, 200)));
    const status = (await page.textContent("#fit-status").catch(() => "")) ?? "";
    const tasks = await page.evaluate(() => {
      window.__benchObserver.disconnect();
      return window.__benchLongTasks;
    });
    return {
      available: true,
      method: "global",
      resamples,
      status: status.trim(),
      wall_ms: wallMs,
      longtasks: tasks.length,
      longest_ms: tasks.length ? Math.max(...tasks) : 0,
    };
  } finally {
    await context.close();
  }
}

const csvFull = readFileSync(dataPath, "utf8");
const csv240 = dropHighestLoss(csvFull, 5);
const emptyDir = join(outPath, "..", "empty-page");
mkdirSync(emptyDir, { recursive: true });
writeFileSync(join(emptyDir, "index.html"), EMPTY_PAGE);

const app = await serveDir(dist);
const empty = await serveDir(emptyDir);
const browser = await launch();
const result = { chromium: browser.version() };
try {
  const appLoads = [];
  const emptyLoads = [];
  const panelLoads = [];
  for (let i = 0; i < LOADS; i++) {
    // Interleaved, so drift on a busy machine touches both alike.
    emptyLoads.push((await loadTime(browser, `${empty.origin}/`)).results);
    const times = await loadTime(browser, `${app.origin}/`);
    appLoads.push(times.results);
    panelLoads.push(times.panels);
  }
  result.load = {
    loads: LOADS,
    median_ms: median(appLoads),
    all_ms: appLoads,
    panels_median_ms: median(panelLoads),
    panels_all_ms: panelLoads,
    baseline_median_ms: median(emptyLoads),
    baseline_all_ms: emptyLoads,
  };
  log(`load median ${result.load.median_ms.toFixed(0)} ms (empty page ${result.load.baseline_median_ms.toFixed(0)} ms)`);
  result.interaction = await interaction(browser, app.origin);
  log(`interaction p95 ${result.interaction.p95_ms?.toFixed(1)} ms (${result.interaction.method})`);
  const keys = quick ? 40 : 120;
  result.keystrokes = [];
  for (const rate of [1, 4]) {
    const pageRun = await keystrokes(browser, `${app.origin}/`, rate, keys);
    const plain = await keystrokes(browser, `${empty.origin}/`, rate, keys);
    result.keystrokes.push({ rate, page: pageRun, plain });
    log(`keystrokes at ${rate}× CPU: p95 ${pageRun.p95_ms} ms (plain input ${plain.p95_ms} ms), worst ${pageRun.max_ms} ms`);
  }
  result.wasm = await wasmFits(browser, app.origin, csv240);
  // The same fits in one worker: what splitting the work across cores gains.
  result.wasm_one = await wasmFits(browser, app.origin, csv240, 1);
  result.panel = await panelLongTasks(browser, app.origin, csvFull, quick ? 100 : 1000);
  if (result.panel.available) {
    log(`panel fit: ${result.panel.longtasks} long tasks, longest ${result.panel.longest_ms} ms`);
  }
} finally {
  await browser.close();
  app.close();
  empty.close();
}
writeFileSync(outPath, JSON.stringify(result, null, 2) + "\n");
