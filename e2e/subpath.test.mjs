// The page as GitHub Pages serves a project site: under a sub-path (`make dist
// PUBLIC_URL=/isoflop/`, which scripts/test.sh builds into target/e2e-subpath/isoflop before the
// end-to-end tests; $SUBPATH_ROOT overrides). The answer, both comparison charts and every later
// part, a fit in the workers, and an offline reload, with every file asked for under /isoflop/:
// a module or worker fetched from the wrong path would break the published site while every
// test at the root passes.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { assert, openPage, ready, serveDir } from "./harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = process.env.SUBPATH_ROOT ?? join(here, "..", "target", "e2e-subpath");

export const tests = {
  async "sub-path: under /isoflop/ the answer, the charts, a fit in the workers and an offline reload work, every file from /isoflop/"({ browser }) {
    assert(
      existsSync(join(ROOT, "isoflop", "index.html")),
      `no sub-path build at ${ROOT}/isoflop: make dist PUBLIC_URL=/isoflop/ DIST=${ROOT}/isoflop`,
    );
    const server = await serveDir(ROOT);
    const { context, page, log } = await openPage(browser, { viewport: { width: 1280, height: 800 } });
    try {
      const base = `${server.origin}/isoflop/`;
      await page.goto(`${base}?flops=1e21`);
      await ready(page);
      // Kaplan at 1e21: 4.68B (Hoffmann et al. 2022, App. D.4).
      assert((await page.textContent('#answer-cards .card[data-law="kaplan2020"] .n-params dd')) === "4.68B", "the answer");
      for (const id of ["#chart-params", "#chart-tokens"]) await page.waitForSelector(`${id}[data-plot-box]`, { timeout: 5000 });
      // A fit in the workers (fetched from the sub-path too).
      await page.click("#fit-example");
      await page.selectOption("#fit-method", "global");
      await page.fill("#fit-bootstrap", "20");
      await page.click("#fit-run");
      await page.waitForFunction(() => document.querySelector("#fit-status").dataset.state === "done", null, { timeout: 60000 });
      assert(Number(await page.getAttribute("#fit-progress", "data-workers")) >= 1, "the fit ran in workers");
      // The service worker (scope /isoflop/) keeps the build: offline, the page still opens.
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
      const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).scope);
      assert(scope === base, `service worker scope ${scope}`);
      await page.waitForFunction(async () => {
        const reg = await navigator.serviceWorker.getRegistration();
        return !reg.installing && !reg.waiting && (await caches.keys()).length === 1;
      }, null, { timeout: 15000, polling: 100 });
      await context.setOffline(true);
      try {
        const before = server.served.length;
        await page.reload();
        await ready(page);
        assert((await page.textContent('#answer-cards .card[data-law="kaplan2020"] .n-params dd')) === "4.68B", "the answer, offline");
        await page.waitForSelector("#chart-tokens[data-plot-box]", { timeout: 5000 });
        assert(server.served.length === before, `offline, nothing reached the server: ${server.served.slice(before)}`);
      } finally {
        await context.setOffline(false);
      }
      const outside = server.served.filter((p) => !p.startsWith("/isoflop/"));
      assert(outside.length === 0, `files asked for outside /isoflop/: ${outside}`);
      assert(server.served.some((p) => /\/isoflop\/isoflop-split-panels-/.test(p)), "the panels' part came from /isoflop/");
      assert(server.served.some((p) => /\/isoflop\/fit-worker/.test(p)), "the worker came from /isoflop/");
      assert(log.errors.length === 0, `console errors: ${log.errors}`);
    } finally {
      await context.close();
      server.close();
    }
  },
};
