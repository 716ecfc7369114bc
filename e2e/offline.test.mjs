// Offline and install, as a visitor meets them: after one visit the page opens and computes
// with the network off (served by the service worker from this build's cache); a new
// deployment is used on the next visit, the page says "updated" once, and the offline copy is
// then the new build whole; a worker whose page is of another build is never installed; the
// manifest makes the page installable.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { assert, CHROMIUM_ARGS, near, parseCount, ready, tableCell } from "./harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));

/** Waits until a service worker controls the page and its cache holds this build. */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
  return page.getAttribute('meta[name="isoflop-build"]', "content");
}

/** The names of the Cache Storage caches, once no worker is installing or waiting. */
async function settledCaches(page) {
  for (let i = 0; i < 100; i++) {
    const state = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return { busy: Boolean(reg?.installing || reg?.waiting), keys: await caches.keys() };
    });
    if (!state.busy) return state.keys;
    await page.waitForTimeout(100);
  }
  throw new Error("a service worker stayed installing or waiting");
}

/** Waits until the cache names satisfy `ok` (a new worker installs a moment after the page
 * that brought it loads). */
async function cachesBecome(page, ok, what) {
  let keys = [];
  for (let i = 0; i < 150; i++) {
    keys = await page.evaluate(() => caches.keys());
    if (ok(keys)) return keys;
    await page.waitForTimeout(100);
  }
  throw new Error(`caches never became ${what}: ${keys}`);
}

/** A copy of `dist`. */
function copyOf(dist) {
  const dir = mkdtempSync(join(tmpdir(), "isoflop-deploy-"));
  cpSync(dist, dir, { recursive: true });
  return dir;
}

/** Stamps `dir` again with the build's own post-build step, as a new deployment would be. */
function stamp(dir) {
  execFileSync(process.execPath, [join(here, "..", "scripts", "offline.mjs")], {
    env: { ...process.env, TRUNK_STAGING_DIR: dir, TRUNK_PUBLIC_URL: "/" },
    stdio: "ignore",
  });
}

function editFile(dir, file, from, to) {
  const path = join(dir, file);
  const text = readFileSync(path, "utf8");
  assert(text.includes(from), `${file} has no ${JSON.stringify(from)}`);
  writeFileSync(path, text.replace(from, to));
}

const chinchillaN = (page) => tableCell(page, "chinchilla-a1", "n-params");

export const tests = {
  async "offline: after one visit the page opens and computes with the network off"({ page, context, origin, server }) {
    await page.goto(`${origin}/?flops=1e21`);
    await ready(page);
    const version = await controlled(page);
    assert(/^[0-9a-f]{16}$/.test(version), `build version ${version}`);
    const keys = await settledCaches(page);
    assert(keys.length === 1 && keys[0].endsWith(version), `one cache, this build's: ${keys}`);

    const before = server.served.length;
    await context.setOffline(true);
    try {
      await page.reload();
      await ready(page);
      assert(await page.evaluate(() => !navigator.onLine), "the browser is offline");
      near(parseCount(await chinchillaN(page)), 2.86e9, 0.01, "Chinchilla N at 1e21, offline");
      await page.click("#budget");
      await page.keyboard.press("Control+A");
      await page.keyboard.type("1.23e22", { delay: 20 });
      await page.waitForFunction(() => new URLSearchParams(location.search).get("flops") === "1.23e22", null, { timeout: 5000 });
      near(parseCount(await chinchillaN(page)), 10e9, 0.03, "Chinchilla N at 1.23e22 (Table 3), offline");
      assert(await page.$eval("canvas#chart-params", (c) => c.width > 0), "the charts are drawn");
      assert((await page.$("#update-notice")) === null, "no update notice");
      const reached = server.served.slice(before);
      assert(reached.length === 0, `requests reached the server while offline: ${reached}`);
    } finally {
      await context.setOffline(false);
    }
  },

  async "offline: a new deployment is used on the next visit, said updated once, and cached whole"({ page, context, origin, server }) {
    await page.goto(`${origin}/`);
    await ready(page);
    const v1 = await controlled(page);
    await settledCaches(page);
    const original = server.root;
    const next = copyOf(original);
    // A mark the page itself never rewrites (it sets <title> in the reader's language).
    editFile(next, "index.html", '<meta name="color-scheme"', '<meta name="isoflop-mark" content="next" /><meta name="color-scheme"');
    stamp(next);
    server.setRoot(next);
    try {
      await page.reload();
      await ready(page);
      const v2 = await page.getAttribute('meta[name="isoflop-build"]', "content");
      assert(v2 !== v1 && /^[0-9a-f]{16}$/.test(v2), `the next visit runs the new build: ${v1} → ${v2}`);
      assert((await page.getAttribute('meta[name="isoflop-mark"]', "content")) === "next", "the new page, from the network");
      assert(/updated/.test(await page.textContent("#update-notice")), "the page says it was updated");

      // The new worker installs the new build and removes the old build's cache.
      await cachesBecome(page, (keys) => keys.length === 1 && keys[0].endsWith(v2), "only the new build's cache");
      await page.reload();
      await ready(page);
      assert((await page.$("#update-notice")) === null, "said once: not again on the next reload");

      // Offline, the page and everything it loads are the new build's.
      await context.setOffline(true);
      await page.reload();
      await ready(page);
      assert((await page.getAttribute('meta[name="isoflop-build"]', "content")) === v2, "offline: the new build");
      assert((await page.getAttribute('meta[name="isoflop-mark"]', "content")) === "next", "offline: the new page");
      assert((await page.$("#update-notice")) === null, "offline: no second notice");
    } finally {
      await context.setOffline(false);
      server.setRoot(original);
      rmSync(next, { recursive: true, force: true });
    }
  },

  async "offline: a worker whose page is of another build is not installed"({ page, context, origin, server }) {
    await page.goto(`${origin}/`);
    await ready(page);
    const v1 = await controlled(page);
    await settledCaches(page);
    // A deployment caught half-way: a new sw.js, but index.html still of the old build.
    const original = server.root;
    const half = copyOf(original);
    editFile(half, "sw.js", `"version":"${v1}"`, `"version":"0123456789abcdef"`);
    server.setRoot(half);
    try {
      const mark = server.served.length;
      const outcome = await page.evaluate(async () => {
        const reg = await navigator.serviceWorker.getRegistration();
        try {
          await reg.update();
        } catch (e) {
          return `update refused: ${e.message}`;
        }
        return "update ran";
      });
      const keys = await settledCaches(page);
      const asked = server.served.slice(mark);
      assert(asked.includes("/sw.js") && asked.includes("/index.html"), `the new worker tried to install (${outcome}): ${asked}`);
      assert(keys.length === 1 && keys[0].endsWith(v1), `the old build's cache stays, alone: ${keys}`);
      await context.setOffline(true);
      await page.reload();
      await ready(page);
      assert((await page.getAttribute('meta[name="isoflop-build"]', "content")) === v1, "offline: still the old build, whole");
    } finally {
      await context.setOffline(false);
      server.setRoot(original);
      rmSync(half, { recursive: true, force: true });
    }
  },

  async "offline: the manifest makes the page installable"({ origin }) {
    // Chromium offers no install in an incognito-like context, as every test's is: this one
    // runs in a browser with a profile of its own.
    const profile = mkdtempSync(join(tmpdir(), "isoflop-profile-"));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: CHROMIUM_ARGS,
    });
    const errors = [];
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      page.on("console", (msg) => msg.type() === "error" && errors.push(msg.text()));
      page.on("request", (req) => !req.url().startsWith(origin) && errors.push(`request to ${req.url()}`));
      await page.goto(`${origin}/`);
      await ready(page);
      await controlled(page);
      const cdp = await context.newCDPSession(page);
      const { errors: manifestErrors, data } = await cdp.send("Page.getAppManifest");
      assert(manifestErrors.length === 0, `manifest errors: ${JSON.stringify(manifestErrors)}`);
      const manifest = JSON.parse(data);
      assert(manifest.short_name === "isoflop" && manifest.display === "standalone", "name and display");
      const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
      assert(installabilityErrors.length === 0, `not installable: ${JSON.stringify(installabilityErrors)}`);
      for (const icon of manifest.icons) {
        const url = new URL(icon.src, `${origin}/manifest.webmanifest`).href;
        const res = await page.evaluate(async (u) => {
          const r = await fetch(u);
          return { ok: r.ok, type: r.headers.get("content-type") };
        }, url);
        assert(res.ok && res.type.startsWith("image/"), `icon ${icon.src}: ${JSON.stringify(res)}`);
      }
      assert(errors.length === 0, `console errors or foreign requests: ${errors}`);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  },
};
