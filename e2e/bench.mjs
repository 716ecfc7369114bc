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
import { firstScreen } from "./bench_load.mjs";
import { interaction, keystrokes } from "./bench_typing.mjs";

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

/** Waits until the app has mounted (the answer holds numbers) and so have the parts of its
 * wasm fetched after the first render. */
async function mounted(page) {
  await page.waitForSelector("#answer-cards .n-params dd", { timeout: 30000 });
  await page.waitForSelector("#panels[data-state=ready]", { state: "attached", timeout: 30000 });
}

// Runs before any script of the page: notes performance.now() (ms since navigation start) the
// first time the answer (or the empty page's cell) holds a digit, and the first time the panels
// below it are up.
const READY_PROBE = `(() => {
  const check = () => {
    if (window.__benchReadyAt === undefined) {
      const cell = document.querySelector("#answer-cards .n-params dd, #results td.n-params");
      if (cell && /[0-9]/.test(cell.textContent)) window.__benchReadyAt = performance.now();
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
  // The first screen as a visitor on a slow and on a fast link sees it (served gzipped, the
  // link simulated for every request by e2e/shaped.mjs), fresh visits.
  const visits = quick ? 1 : 3;
  result.first_screen = [];
  for (const [name, link, cpu] of [
    ["slow", { rttMs: 150, kbit: 1600 }, 4],
    ["fast", { rttMs: 40, kbit: 20000 }, 1],
  ]) {
    const runs = await firstScreen(browser, dist, link, cpu, visits);
    result.first_screen.push({
      name,
      link,
      cpu,
      visits,
      answer_median_ms: median(runs.map((r) => r.answer_ms)),
      charts_median_ms: median(runs.map((r) => r.charts_ms)),
      page_bytes: median(runs.map((r) => r.page_bytes)),
      offline_bytes: median(runs.map((r) => r.offline_bytes)),
      offline_revalidated: runs[0].offline_revalidated,
      runs: runs.map(({ page_files, ...r }) => r),
      files: runs[0].page_files,
    });
    log(`first screen, ${name} link: answer ${median(runs.map((r) => r.answer_ms)).toFixed(0)} ms, charts ${median(runs.map((r) => r.charts_ms)).toFixed(0)} ms`);
  }
  result.interaction = await interaction(browser, app.origin, EDITS);
  log(`interaction p95 ${result.interaction.p95_ms?.toFixed(1)} ms (charts in view: ${result.interaction.charts_in_view})`);
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
