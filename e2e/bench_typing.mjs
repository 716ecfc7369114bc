// Typing with the comparison charts on screen (part of `make bench`): at 1280 × 800 both
// comparison charts are in view on the first screen, so every edit of the budget redraws them.
// Two measures: inside the page (window.isoflopTimings: input event → last chart drawn, the time
// spent drawing, and how many charts were drawn), and the browser's Event Timing API (the basis
// of INP: keystroke → next paint), at 1× and with the CPU throttled 4× (DevTools protocol),
// beside a page with one plain input.
import { openPage } from "./harness.mjs";

export const VIEWPORT = { width: 1280, height: 800 };

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : null;
};

/** Budget strings such that consecutive ones always differ. */
const budgetValue = (i) => `${1 + (i % 9)}.${i % 7}e${20 + (i % 5)}`;

/** Waits until the page is up with its parts (or, for the plain page, at once), then settles. */
async function settled(page) {
  await page.waitForSelector("#budget", { timeout: 30000 });
  await page.waitForFunction(() => {
    const panels = document.getElementById("panels");
    return !panels || panels.dataset.state === "ready";
  }, null, { timeout: 30000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 200))));
}

/** Whether both comparison charts are wholly in the viewport (false on the plain page). */
const chartsInView = (page) =>
  page.evaluate(() =>
    ["#chart-params", "#chart-tokens"].every((s) => {
      const e = document.querySelector(s);
      if (!e) return false;
      const r = e.getBoundingClientRect();
      return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
    }),
  );

/** `edits` budget edits (page.fill), each timed inside the page. */
export async function interaction(browser, origin, edits) {
  const { context, page } = await openPage(browser, { viewport: VIEWPORT });
  try {
    await page.goto(`${origin}/`);
    await settled(page);
    const inView = await chartsInView(page);
    // window.isoflopTimings appears at the first report: one warm-up edit.
    await page.fill("#budget", "3.3e22");
    await page.waitForFunction(() => Array.isArray(window.isoflopTimings) && window.isoflopTimings.length > 0, null, { timeout: 5000 });
    const samples = [];
    for (let i = 0; i < edits; i++) {
      const before = await page.evaluate(() => window.isoflopTimings.length);
      await page.fill("#budget", budgetValue(i));
      const logged = await page
        .waitForFunction((n) => window.isoflopTimings.length > n, before, { timeout: 5000 })
        .then(() => true, () => false);
      if (!logged) {
        samples.push(null);
        continue;
      }
      // A report can be followed by another of the same edit: wait a frame and take the last.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 30))));
      const fresh = await page.evaluate((n) => window.isoflopTimings.slice(n), before);
      samples.push(fresh[fresh.length - 1]);
    }
    const ok = samples.filter(Boolean);
    return {
      method: "window.isoflopTimings: input event → the last chart drawn (in sight: just after the keystroke's frame is painted), edits by page.fill",
      charts_in_view: inView,
      edits: samples.length,
      failed: samples.length - ok.length,
      p50_ms: percentile(ok.map((s) => s.ms), 50),
      p95_ms: percentile(ok.map((s) => s.ms), 95),
      work_p50_ms: percentile(ok.map((s) => s.work_ms), 50),
      work_p95_ms: percentile(ok.map((s) => s.work_ms), 95),
      charts_per_edit: ok.length ? ok.reduce((n, s) => n + s.charts, 0) / ok.length : null,
      edits_drawing_none: ok.filter((s) => s.charts === 0).length,
    };
  } finally {
    await context.close();
  }
}

/**
 * Keystrokes as the browser measures them (Event Timing): edits the budget key by key and takes,
 * per keystroke, the longest event entry of its interaction (input delay + handlers + the next
 * paint). Every keystroke leaves a budget the page accepts, so every one changes the answer and
 * redraws both charts (the worst case): from `1e22`, a digit typed before it (`71e22`, 7.1e23)
 * and deleted again, in turn. The API does not report entries under 16 ms (its minimum
 * threshold): such keystrokes count as 16 ms, a floor rather than a measurement. `rate`
 * throttles the CPU (4 ≈ a mid-range phone).
 */
export async function keystrokes(browser, url, rate, keys) {
  const { context, page } = await openPage(browser, { viewport: VIEWPORT });
  try {
    const cdp = await context.newCDPSession(page);
    await page.goto(url);
    await settled(page);
    const inView = await chartsInView(page);
    await page.evaluate(() => {
      window.__benchEvents = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          if (e.interactionId) window.__benchEvents.push({ id: e.interactionId, d: e.duration });
        }
      }).observe({ type: "event", durationThreshold: 16, buffered: false });
    });
    await page.click("#budget", { clickCount: 3 });
    await page.keyboard.type("1e22");
    await page.keyboard.press("Home");
    await page.waitForTimeout(300);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate });
    await page.evaluate(() => {
      window.__benchEvents = [];
      window.__benchDrawn = window.isoflopChartDraws ?? 0;
    });
    for (let typed = 0; typed < keys; typed++) {
      if (typed % 2 === 0) await page.keyboard.type(String(1 + ((typed / 2) % 9)));
      else await page.keyboard.press("Backspace");
      // A person types ~5 keys a second; leave each keystroke its own frames.
      await page.waitForTimeout(120);
    }
    const typed = keys;
    await page.waitForTimeout(500);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
    const events = await page.evaluate(() => window.__benchEvents);
    const drawn = await page.evaluate(() => (window.isoflopChartDraws ?? 0) - window.__benchDrawn);
    // One number per interaction (keydown, input, keyup of one key share an interactionId).
    const worst = new Map();
    for (const e of events) worst.set(e.id, Math.max(worst.get(e.id) ?? 0, e.d));
    const measured = [...worst.values()];
    const samples = [...measured, ...Array(Math.max(0, typed - measured.length)).fill(16)];
    return {
      rate,
      keystrokes: typed,
      charts_in_view: inView,
      charts_drawn: drawn,
      over_16ms: measured.length,
      p50_ms: percentile(samples, 50),
      p95_ms: percentile(samples, 95),
      max_ms: samples.length ? Math.max(...samples) : null,
    };
  } finally {
    await context.close();
  }
}
