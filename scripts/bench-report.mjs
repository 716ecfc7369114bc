// Reads what scripts/bench.sh measured (target/bench/*.json and the release dist) and prints
// ONE table: measure, result, baseline (run in the same command), ratio, target, met/not met.
// Writes the same as JSON. Never fails on a timing.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const dir = opt("--dir", "target/bench");
const dist = opt("--dist", "target/bench-dist");
// The English-only twin (every Chinese catalog string replaced by its English), if built.
const distEn = opt("--dist-en", null);
const jsonPath = opt("--json", join(dir, "bench.json"));
const quick = opt("--quick", "0") === "1";
const seconds = Number(opt("--seconds", "0"));

const read = (name) => {
  const f = join(dir, name);
  return existsSync(f) ? JSON.parse(readFileSync(f, "utf8")) : null;
};
const native = read("native.json");
const scipy = read("scipy.json");
const browser = read("browser.json");
const twiggy = read("twiggy.json");
const criterion = read("criterion.json");
const notes = existsSync(join(dir, "notes.txt"))
  ? readFileSync(join(dir, "notes.txt"), "utf8").trim().split("\n").filter(Boolean)
  : [];
const dataSource = existsSync(join(dir, "data.txt")) ? readFileSync(join(dir, "data.txt"), "utf8").trim() : "?";

const rows = [];
const row = (section, measure, result, baseline = "", ratio = "", target = "", met = null) =>
  rows.push({ section, measure, result, baseline, ratio, target, status: met === null ? "" : met ? "met" : "NOT MET" });
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const ms = (x) => (x === null || x === undefined ? "—" : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : x >= 10 ? `${x.toFixed(0)} ms` : `${x.toFixed(2)} ms`);
const ns = (x) => (x >= 1e6 ? ms(x / 1e6) : x >= 1e3 ? `${(x / 1e3).toFixed(2)} µs` : `${x.toFixed(0)} ns`);
const times = (x) => `${x >= 10 ? x.toFixed(0) : x.toFixed(2)}×`;

// ---- 1. size ----
const sizes = (dir) =>
  readdirSync(dir)
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort()
    .map((name) => {
      const body = readFileSync(join(dir, name));
      return { name, raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
    });
// The page's wasm comes in parts (src/app/deferred.rs): the first load (what the answer
// needs), the comparison charts' part (its module and the chunk of chart code it shares with the
// panels), fetched as the page renders, and the panels' part after it; the fitter's worker on the
// first fit. Each is reported on its own; subfolders (the install icons) go to the offline copy.
const isWorker = (f) => f.name.startsWith("fit-worker");
// Which parts fetch each chunk of shared code: wasm-split-cli's loader names them in a comment
// above each chunk (`/* comparison, panels */`). A chunk goes with the first part that needs it:
// the comparison, else the panels, else the part below them (the training recipe and the sweep
// planner, fetched when the reader nears either).
const chunkUsers = (dir) => {
  const loader = readdirSync(dir).find((f) => /^isoflop-split-[0-9a-f]{16}\.js$/.test(f));
  const users = {};
  if (!loader) return users;
  const text = readFileSync(join(dir, loader), "utf8");
  for (const m of text.matchAll(/\/\* ([a-z, ]+) \*\/\s*const __chunk_\d+ = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"/g)) {
    users[m[2]] = m[1].split(",").map((s) => s.trim());
  }
  return users;
};
const partOf = (users) => (f) => {
  const own = /^isoflop-split-(comparison|panels|below)-[0-9a-f]{16}\.wasm$/.exec(f.name);
  if (own) return own[1];
  const by = users[f.name];
  if (!by) return null;
  return ["comparison", "panels", "below"].find((p) => by.includes(p)) ?? "below";
};
const users = chunkUsers(dist);
const isComparison = (f) => partOf(users)(f) === "comparison";
const isPanels = (f) => partOf(users)(f) === "panels";
const isBelow = (f) => partOf(users)(f) === "below";
const isPart = (f) => isComparison(f) || isPanels(f) || isBelow(f);
const allFiles = sizes(dist);
const files = allFiles.filter((f) => !isWorker(f) && !isPart(f));
const workerFiles = allFiles.filter(isWorker);
const comparisonFiles = allFiles.filter(isComparison);
const panelFiles = allFiles.filter(isPanels);
const belowFiles = allFiles.filter(isBelow);
const sum = (fs, k) => fs.reduce((n, f) => n + f[k], 0);
const totalRaw = sum(files, "raw");
const totalGzip = sum(files, "gzip");
for (const f of files) row("size", f.name, `${kb(f.raw)} raw, ${kb(f.gzip)} gz`);
row("size", "first load: what the answer needs (gzip -9)", kb(totalGzip), `${kb(totalRaw)} raw`, `${(totalRaw / totalGzip).toFixed(2)}× smaller`);
const comparisonGzip = sum(comparisonFiles, "gzip");
const panelsGzip = sum(panelFiles, "gzip");
row("size", "comparison charts' part, fetched as the page renders (gzip -9)", kb(comparisonGzip), comparisonFiles.map((f) => `${f.name} ${kb(f.gzip)}`).join(", "));
row("size", "panels' part (table, other charts, why, shape, fit), after the charts (gzip -9)", kb(panelsGzip), panelFiles.map((f) => `${f.name} ${kb(f.gzip)}`).join(", "));
const belowGzip = sum(belowFiles, "gzip");
row("size", "the part below (training recipe, sweep planner), fetched when the reader nears either (gzip -9)", kb(belowGzip), belowFiles.map((f) => `${f.name} ${kb(f.gzip)}`).join(", "));
const beforeFit = totalGzip + comparisonGzip + panelsGzip;
row("size", "everything the page fetches before any fit, the recipe and planner not reached (gzip -9)", kb(beforeFit), `first load ${kb(totalGzip)} + charts ${kb(comparisonGzip)} + panels ${kb(panelsGzip)}`, "", "≤ 500 KB", beforeFit <= 500 * 1024);
row("size", "… and with the recipe or the planner reached (gzip -9)", kb(beforeFit + belowGzip), `+ below ${kb(belowGzip)}`);
const workerGzip = sum(workerFiles, "gzip");
if (workerFiles.length) {
  row("size", "fitter worker, fetched on the first fit (gzip -9)", kb(workerGzip), workerFiles.map((f) => `${f.name} ${kb(f.gzip)}`).join(", "));
}
if (distEn && existsSync(join(distEn, "index.html"))) {
  const twin = sizes(distEn);
  const en = twin.filter((f) => !isWorker(f) && partOf(chunkUsers(distEn))(f) === null).reduce((s, f) => s + f.gzip, 0);
  row("size", "中文: bytes the Chinese catalog adds to the first load (gz)", kb(totalGzip - en), `English-only twin ${kb(en)}`, `${((100 * (totalGzip - en)) / en).toFixed(1)}% more`);
  const parts = comparisonGzip + panelsGzip + belowGzip;
  const twinUsers = chunkUsers(distEn);
  const twinPart = (f) => partOf(twinUsers)(f) !== null;
  const enParts = twin.filter(twinPart).reduce((s, f) => s + f.gzip, 0);
  row("size", "中文: bytes the Chinese catalog adds to the later parts (gz)", kb(parts - enParts), `English-only twin ${kb(enParts)}`, `${((100 * (parts - enParts)) / enParts).toFixed(1)}% more`);
} else {
  row("size", "中文: bytes the Chinese catalog adds", quick ? "skipped (quick mode)" : "not measured (no English-only twin)");
}
const shippedWasm = files.find((f) => /^isoflop-[0-9a-f]{16}_bg\.wasm$/.test(f.name));
if (twiggy && shippedWasm) {
  // The twin's name section is there only to name things; leave it out of the ranking.
  const top = twiggy.top.filter((t) => !/names" subsection|^custom section/.test(t.name)).slice(0, 10);
  twiggy.top10 = top;
  for (const t of top) t.name = t.name.replace(/::h[0-9a-f]{16}$/, "");
  top.forEach((t, i) =>
    row("size", `main wasm #${i + 1}: ${t.name.length > 55 ? t.name.slice(0, 52) + "…" : t.name}`, `${kb(t.shallow_size)}`, "", `${((100 * t.shallow_size) / shippedWasm.raw).toFixed(1)}% of the main wasm`),
  );
} else {
  row("size", "wasm top contributors", "not available (twiggy missing or failed)");
}

// ---- 2, 3. load and interaction ----
if (browser?.load) {
  const l = browser.load;
  row("load", "localhost, navigation → the answer holds numbers (median of 5)", ms(l.median_ms), `empty page ${ms(l.baseline_median_ms)}`, `${times(l.median_ms / l.baseline_median_ms)} the empty page`, "< 1 s", l.median_ms < 1000);
  if (l.panels_median_ms) {
    row("load", "localhost, navigation → every part up (charts, table, panels; median of 5)", ms(l.panels_median_ms), `answer ${ms(l.median_ms)}`, `+${ms(l.panels_median_ms - l.median_ms)}`);
  }
}
for (const f of browser?.first_screen ?? []) {
  // Fresh visits over a simulated link (every request, the service worker's too), 1280 × 800.
  const how = `${f.link.rttMs} ms round trip, ${f.link.kbit / 1000} Mbit/s, CPU ${f.cpu}×, median of ${f.visits}`;
  const goals = f.name === "slow" ? [1800, 2500] : [500, 500];
  row("load", `${f.name} link (${how}): the answer on screen`, ms(f.answer_median_ms), `charts ${ms(f.charts_median_ms)}`, "", `≤ ${ms(goals[0])}`, f.answer_median_ms <= goals[0]);
  row("load", `${f.name} link: both comparison charts drawn`, ms(f.charts_median_ms), `answer ${ms(f.answer_median_ms)}`, `+${ms(f.charts_median_ms - f.answer_median_ms)}`, `≤ ${ms(goals[1])}`, f.charts_median_ms <= goals[1]);
  if (f.name === "slow") {
    row("load", "bytes on the wire before any fit, every part up (gzip, as served)", kb(f.page_bytes), `${f.files.length} requests`, "", "≤ 500 KB", f.page_bytes <= 500 * 1024);
    row("load", "  then the service worker's offline copy (the worker, icons; the rest revalidated)", kb(f.offline_bytes), `${f.offline_revalidated} files answered 304`);
    row("load", "  a first visit in all: the page's bytes and the offline copy's", kb(f.page_bytes + f.offline_bytes), `page ${kb(f.page_bytes)} + offline copy ${kb(f.offline_bytes)}`);
  }
}
if (browser?.interaction) {
  const it = browser.interaction;
  const view = it.charts_in_view ? "both comparison charts in view, 1280 × 800" : "CHARTS NOT IN VIEW";
  row("interaction", `budget edit → charts redrawn after the keystroke's frame, p50 (${it.edits} edits; ${view})`, ms(it.p50_ms), "(in-page timings)");
  row("interaction", "budget edit → charts redrawn after the keystroke's frame, p95", ms(it.p95_ms), "two 60 Hz frames 33.3 ms", times(it.p95_ms / (2000 / 60)));
  row("interaction", "  drawing the charts of one edit, p95", ms(it.work_p95_ms), "one 60 Hz frame 16.7 ms", times(it.work_p95_ms / (1000 / 60)), "p95 < 16 ms", it.work_p95_ms < 16);
  row("interaction", "  charts drawn per edit (mean); edits that drew none", `${it.charts_per_edit?.toFixed(2)}`, `${it.edits_drawing_none} of ${it.edits - it.failed} edits drew none`);
}
for (const k of browser?.keystrokes ?? []) {
  // Event Timing (the basis of INP): keystroke → next paint, against a page with one plain input.
  // It reports nothing under 16 ms: 16 ms is its floor, not a measurement.
  const p = k.page;
  const b = k.plain;
  const goal95 = k.rate === 1 ? 32 : 80;
  const view = p.charts_in_view ? `charts in view, ${p.charts_drawn} chart draws` : "CHARTS NOT IN VIEW";
  row("interaction", `keystroke → next paint (Event Timing), ${k.rate}× CPU, p50 (${p.keystrokes} keys; ${view})`, ms(p.p50_ms), `plain input ${ms(b.p50_ms)} (16 ms: the API's floor)`, times(p.p50_ms / b.p50_ms));
  row("interaction", `keystroke → next paint (Event Timing), ${k.rate}× CPU, p95`, ms(p.p95_ms), `plain input ${ms(b.p95_ms)}`, times(p.p95_ms / b.p95_ms), `p95 ≤ ${goal95} ms`, p.p95_ms <= goal95 && p.charts_in_view);
  row("interaction", `keystroke → next paint (Event Timing), ${k.rate}× CPU, worst`, ms(p.max_ms), `plain input ${ms(b.max_ms)}`, times(p.max_ms / b.max_ms), k.rate === 4 ? "none over 200 ms" : "", k.rate === 4 ? p.max_ms <= 200 : null);
}

// ---- 4. fit ----
if (native) {
  const ps = native.paper_starts;
  const subset = ps.starts === 4500 ? "4500 starts" : `${ps.starts} of 4500 starts (one in ${ps.stride})`;
  // Threads and SIMD as the native run had them: scipy runs on one thread without them, the
  // page in wasm with neither; the target is judged per core.
  const threads = ps.threads ?? 1;
  const how = `${threads} thread${threads === 1 ? "" : "s"}, SIMD ${ps.simd ?? "unknown"}`;
  if (scipy) {
    const perCore = scipy.ms / ps.ms / threads;
    row("fit", `native paper protocol, ${subset}${ps.runs ? ` (median of ${ps.runs})` : ""}; ${how}`, ms(ps.ms), `scipy L-BFGS-B, 1 thread, ${ms(scipy.ms)}`, `${times(scipy.ms / ps.ms)} faster; ${times(perCore)} per core`, "≥ 100× scipy per core", perCore >= 100);
    row("fit", "  best objective, native vs scipy", ps.best.objective.toExponential(6), scipy.best.objective.toExponential(6), (ps.best.objective / scipy.best.objective).toFixed(6));
    row("fit", "  objective evaluations, native vs scipy", String(ps.evaluations), String(scipy.evaluations), (ps.evaluations / scipy.evaluations).toFixed(2));
  } else {
    row("fit", `native paper protocol, ${subset}`, ms(ps.ms), "scipy not available");
  }
  if (native.paper) row("fit", `native paper, the whole protocol the page runs (here ${how}; the page: wasm workers, no SIMD)`, ms(native.paper.ms));
  row("fit", `native global (median of ${native.global.reps})`, ms(native.global.median_ms), `native paper ${subset} ${ms(ps.ms)}`, `${times(ps.ms / native.global.median_ms)} faster`);
  if (native.bootstrap) row("fit", "native global + 1000 bootstrap", ms(native.bootstrap.ms), `one global fit ${ms(native.global.median_ms)}`, times(native.bootstrap.ms / native.global.median_ms));
}
const wasm = browser?.wasm;
const one = browser?.wasm_one;
if (wasm?.available) {
  const w = `${wasm.workers} workers`;
  const vsOne = (key) => (one?.available && one[key] ? [`1 worker ${ms(one[key].ms ?? one[key].median_ms)}`, `${times((one[key].ms ?? one[key].median_ms) / (wasm[key].ms ?? wasm[key].median_ms))} faster`] : ["", ""]);
  row("fit", `wasm global in Chromium: one worker fits (the global fit is not sharded; ${w} started) (median of ${wasm.global.reps})`, ms(wasm.global.median_ms), native ? `native ${ms(native.global.median_ms)}` : "", native ? `wasm/native ${times(wasm.global.median_ms / native.global.median_ms)}` : "", "< 100 ms", wasm.global.median_ms < 100);
  row("fit", "  first fit of a visit (starts the workers)", ms(wasm.first_global_ms), `later fits ${ms(wasm.global.median_ms)}`, times(wasm.first_global_ms / wasm.global.median_ms));
  row("fit", `wasm global + 1000 bootstrap in Chromium, ${w}`, ms(wasm.bootstrap.ms), ...vsOne("bootstrap"), "< 2 s", wasm.bootstrap.ms < 2000);
  if (wasm.paper) row("fit", `wasm paper (4500 starts) in Chromium, ${w}`, ms(wasm.paper.ms), ...vsOne("paper"), "< 2 s", wasm.paper.ms < 2000);
  else row("fit", "wasm paper (4500 starts) in Chromium", "skipped (quick mode)");
} else if (browser) {
  row("fit", "wasm fits in Chromium", "not available (the panel's fit did not finish)");
}
const panel = browser?.panel;
if (panel?.available) {
  row(
    "fit",
    `panel fit, global + ${panel.resamples} bootstrap: longest main-thread task`,
    panel.longtasks ? ms(panel.longest_ms) : "none > 50 ms",
    `${panel.longtasks} long tasks in ${ms(panel.wall_ms)} of fitting`,
    "",
    "none > 50 ms",
    panel.longtasks === 0,
  );
} else if (browser) {
  row("fit", "panel fit: longest main-thread task", "not available yet (no #fit-run in the page)");
}

// ---- 5. criterion ----
if (criterion) {
  const c = (k) => criterion[Object.keys(criterion).find((n) => n.startsWith(k))];
  const alloc = c("allocation/");
  if (alloc) row("criterion", "allocation, all preset laws at one budget", ns(alloc.median_ns), "one 60 Hz frame 16.7 ms", `${((alloc.median_ns / 1e6 / (1000 / 60)) * 100).toPrecision(2)}% of a frame`);
  const obj = c("objective/");
  if (obj) row("criterion", "objective + gradient, 240 points", ns(obj.median_ns), scipy ? `numpy ${ns(scipy.objective_us * 1e3)}` : "", scipy ? `${times((scipy.objective_us * 1e3) / obj.median_ns)} faster` : "");
  const lb = c("lbfgs/");
  if (lb) row("criterion", "one L-BFGS run, start (5, 5, 0.5, 0.5, 0.5)", ns(lb.median_ns), scipy ? `scipy ${ms(scipy.one_start_ms)}` : "", scipy ? `${times((scipy.one_start_ms * 1e6) / lb.median_ns)} faster` : "");
} else {
  row("criterion", "hot-math micro-benchmarks", quick ? "skipped (quick mode)" : "not available");
}

// ---- print ----
const cols = ["measure", "result", "baseline", "ratio", "target", "status"];
const head = { measure: "measure", result: "result", baseline: "baseline (same run)", ratio: "ratio", target: "target", status: "" };
const width = Object.fromEntries(cols.map((k) => [k, Math.max(head[k].length, ...rows.map((r) => String(r[k]).length))]));
const line = (r) => "| " + cols.map((k) => String(r[k]).padEnd(width[k])).join(" | ") + " |";
const cpu = (() => {
  try {
    return /model name\s*:\s*(.*)/.exec(readFileSync("/proc/cpuinfo", "utf8"))[1];
  } catch {
    return cpus()[0]?.model ?? "?";
  }
})();
const loadavg = (() => {
  try {
    return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  } catch {
    return "?";
  }
})();
const machine = { nproc: cpus().length, cpu, date: new Date().toISOString().slice(0, 10), loadavg, chromium: browser?.chromium ?? null };
console.log(`\nisoflop bench${quick ? " (quick mode)" : ""}: ${machine.nproc} cores, ${machine.cpu}, ${machine.date}, Chromium ${machine.chromium ?? "—"}`);
console.log(`load average at the end: ${loadavg} (other work on the machine makes every time noisier)`);
console.log(`data: ${dataSource}`);
if (native) console.log(`fit points: ${native.n_points} (5 highest-loss left out)`);
if (scipy) console.log(`scipy ${scipy.scipy}, numpy ${scipy.numpy}, single-threaded BLAS; native built at opt-level 3`);
if (browser?.interaction) console.log(`interaction method: ${browser.interaction.method}`);
console.log("");
console.log(line(head));
console.log("|" + cols.map((k) => "-".repeat(width[k] + 2)).join("|") + "|");
let section = null;
for (const r of rows) {
  if (r.section !== section) {
    section = r.section;
    console.log(line({ measure: `**${section}**`, result: "", baseline: "", ratio: "", target: "", status: "" }));
  }
  console.log(line(r));
}
for (const n of notes) console.log(`note: ${n}`);
console.log(`bench took ${seconds} s; JSON: ${jsonPath}`);

writeFileSync(
  jsonPath,
  JSON.stringify(
    {
      schema: 1,
      quick,
      seconds,
      machine,
      data: dataSource,
      size: { files, total_raw: totalRaw, total_gzip: totalGzip, comparison_files: comparisonFiles, comparison_gzip: comparisonGzip, panel_files: panelFiles, panels_gzip: panelsGzip, below_files: belowFiles, below_gzip: belowGzip, before_fit_gzip: beforeFit, target_before_fit_gzip: 500 * 1024, worker_files: workerFiles, worker_gzip: workerGzip, twiggy },
      browser,
      native,
      scipy,
      criterion,
      notes,
      table: rows,
    },
    null,
    2,
  ) + "\n",
);
