// A small end-to-end harness: serves dist/ on 127.0.0.1, drives Debian's Chromium through
// playwright-core, and gives each test a fresh page that records console errors and every
// request, so tests can assert "no console errors" and "no request to another origin".
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { chromium } from "playwright-core";

export const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".webmanifest": "application/manifest+json",
};

/** The file under `root` that the request for `url` is answered with: a directory's index.html,
 * and the root's index.html for a path that is not there; null for a path outside `root`. */
export async function fileFor(root, url) {
  const path = decodeURIComponent(new URL(url, "http://x").pathname);
  const file = normalize(join(root, path));
  if (!file.startsWith(root)) return null;
  try {
    return (await stat(file)).isDirectory() ? join(file, "index.html") : file;
  } catch {
    return join(root, "index.html");
  }
}

/** Serves `root` on an ephemeral port of 127.0.0.1; unknown paths fall back to index.html.
 * `served` lists every path asked for; `setRoot` serves another directory from then on (a new
 * deployment at the same origin). */
export async function serveDir(root) {
  root = resolve(root);
  const served = [];
  const server = createServer(async (req, res) => {
    served.push(req.url);
    const file = await fileFor(root, req.url);
    if (!file) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": MIME[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => server.close(),
    served,
    get root() {
      return root;
    },
    setRoot: (dir) => {
      root = resolve(dir);
    },
  };
}

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
}

/** A fresh context and page that record console errors, page errors and requests. */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, ...options });
  const page = await context.newPage();
  const log = { errors: [], requests: [] };
  page.on("console", (msg) => {
    if (msg.type() === "error") log.errors.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => log.errors.push(`pageerror: ${err.message}`));
  page.on("request", (req) => log.requests.push(req.url()));
  return { context, page, log };
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

export function near(actual, expected, relTol, what) {
  const rel = Math.abs(actual - expected) / Math.abs(expected);
  assert(rel <= relTol, `${what}: ${actual} vs ${expected} (rel. error ${rel.toExponential(2)} > ${relTol})`);
}

/** Parses the page's count format: 4.68B, 205B, 1.43T, 50.0M. */
export function parseCount(text) {
  const m = /^([0-9.]+)([KMBTQ]?)$/.exec(text.trim());
  if (!m) throw new Error(`not a count: ${JSON.stringify(text)}`);
  const scale = { "": 1, K: 1e3, M: 1e6, B: 1e9, T: 1e12, Q: 1e15 }[m[2]];
  return Number(m[1]) * scale;
}

/** Waits until the page has mounted (the answer cards hold numbers) and the parts of its wasm
 * fetched after the first render (the comparison charts, then the panels with the full table)
 * have mounted too. */
export async function ready(page) {
  await page.waitForSelector("#answer-cards .n-params dd", { timeout: 15000 });
  await panelsReady(page);
  await page.waitForSelector("#results tbody tr td.n-params", { state: "attached", timeout: 15000 });
}

/** Waits until the panels' part has mounted (the last of the parts, src/app/deferred.rs). */
export async function panelsReady(page) {
  await page.waitForSelector("#panels[data-state=ready]", { state: "attached", timeout: 15000 });
}

/** Waits until what follows an edit just after the keystroke's frame (the full table below the
 * first screen, the charts in sight) has followed it: two frames and a task after each. */
export async function settled(page) {
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => setTimeout(() => requestAnimationFrame(() => setTimeout(r, 0)), 0))),
  );
}

/** A cell of the full table (`#results`), once it has followed the last edit. */
export async function tableCell(page, law, column) {
  await settled(page);
  return page.$eval(`#results tr[data-law="${law}"] td.${column}`, (td) => td.textContent);
}

/** Lays out everything the stylesheet lets the browser skip while out of sight
 * (`content-visibility: auto` below the first screen), so `innerText` reads it all. Through the
 * CSSOM, which the page's CSP allows (it refuses injected style sheets). */
export async function renderAll(page) {
  await page.evaluate(() => {
    for (const e of document.querySelectorAll("body *")) {
      if (getComputedStyle(e).contentVisibility === "auto") e.style.contentVisibility = "visible";
    }
  });
}

/** The text of `selector` as shown, laid out even when out of sight. */
export async function shownText(page, selector) {
  await renderAll(page);
  return page.$eval(selector, (e) => e.innerText);
}

/** Pixels of the canvas within `tol` (per channel) of each `#rrggbb` colour. */
export async function colourCounts(page, selector, colours, tol = 12) {
  return page.$eval(
    selector,
    (canvas, [colours, tol]) => {
      const ctx = canvas.getContext("2d");
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const rgb = colours.map((h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)));
      const counts = colours.map(() => 0);
      for (let p = 0; p < data.length; p += 4) {
        rgb.forEach(([r, g, b], k) => {
          if (Math.abs(data[p] - r) <= tol && Math.abs(data[p + 1] - g) <= tol && Math.abs(data[p + 2] - b) <= tol) counts[k]++;
        });
      }
      return counts;
    },
    [colours, tol],
  );
}
