// The first screen as a visitor on a given link sees it (part of `make bench`): fresh visits
// (no HTTP cache, no service worker) of the release build served gzipped by e2e/shaped.mjs,
// which simulates the link for every request; the CPU slowed through the DevTools protocol.
// Per visit: when the answer is on screen, when both comparison charts are, and the bytes that
// crossed the link — the page's own until every part is up, then the service worker's offline
// copy, which the page registers only after that.
import { openPage } from "./harness.mjs";
import { serveShaped } from "./shaped.mjs";

// Notes performance.now() (ms since navigation start) at the frame that first shows a number in
// the answer, and the frame that first shows both comparison charts drawn.
const PROBE = `(() => {
  const at = (name) => requestAnimationFrame((t) => { if (window[name] === undefined) window[name] = t; });
  let answer = false, charts = false;
  const check = () => {
    if (!answer) {
      const dd = document.querySelector("#answer-cards .n-params dd");
      if (dd && /[0-9]/.test(dd.textContent)) { answer = true; at("__answerAt"); }
    }
    if (!charts && document.querySelector("#chart-params[data-plot-box]") && document.querySelector("#chart-tokens[data-plot-box]")) {
      charts = true; at("__chartsAt");
    }
    return answer && charts;
  };
  const mo = new MutationObserver(() => { if (check()) mo.disconnect(); });
  mo.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
})();`;

const sum = (xs) => xs.reduce((s, x) => s + x, 0);

/** `visits` fresh visits of `dist` over `link` ({ rttMs, kbit }) with the CPU slowed `cpu`×. */
export async function firstScreen(browser, dist, link, cpu, visits) {
  const server = await serveShaped(dist, link);
  const out = [];
  try {
    for (let i = 0; i < visits; i++) {
      server.reset();
      const { context, page } = await openPage(browser, { viewport: { width: 1280, height: 800 } });
      try {
        const cdp = await context.newCDPSession(page);
        await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpu });
        await page.addInitScript(PROBE);
        await page.goto(`${server.origin}/`);
        await page.waitForFunction(() => window.__chartsAt !== undefined && window.__answerAt !== undefined, null, { timeout: 60000 });
        const times = await page.evaluate(() => ({ answer: window.__answerAt, charts: window.__chartsAt }));
        await page.waitForSelector("#panels[data-state=ready]", { state: "attached", timeout: 60000 });
        // Until the link has been quiet for a second: the offline copy comes after the panels.
        let seen = -1;
        while (seen !== server.log.length) {
          seen = server.log.length;
          await page.waitForTimeout(1000 + (link ? link.rttMs * 4 : 0));
        }
        // The page registers its service worker once every part is up: from its script on,
        // the requests are the offline copy's.
        const split = server.log.findIndex((e) => e.worker);
        const own = split < 0 ? server.log : server.log.slice(0, split);
        const offline = split < 0 ? [] : server.log.slice(split);
        out.push({
          answer_ms: times.answer,
          charts_ms: times.charts,
          page_bytes: sum(own.map((e) => e.bytes)),
          page_files: own.map((e) => `${e.path} ${e.bytes}`),
          offline_bytes: sum(offline.map((e) => e.bytes)),
          offline_revalidated: offline.filter((e) => e.status === 304).length,
        });
      } finally {
        await context.close();
      }
    }
  } finally {
    server.close();
  }
  return out;
}
