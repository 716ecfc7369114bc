// Runs every end-to-end test file against the release build in dist/ (or $DIST) and prints
// "N passed, N failed"; exits non-zero when any test fails.
import { existsSync, mkdirSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { launch, openPage, serveDir } from "./harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const dist = process.env.DIST ?? join(here, "..", "dist");
if (!existsSync(join(dist, "index.html"))) {
  console.error("e2e: dist/index.html is missing; run `trunk build --release` first");
  process.exit(1);
}
const artifacts = join(here, "artifacts");
mkdirSync(artifacts, { recursive: true });

const only = process.argv[2];
const files = (await readdir(here)).filter((f) => f.endsWith(".test.mjs")).sort();
const server = await serveDir(dist);
const browser = await launch();
let passed = 0;
let failed = 0;
try {
  for (const file of files) {
    const { tests } = await import(pathToFileURL(join(here, file)));
    for (const [name, body] of Object.entries(tests)) {
      if (only && !`${file} › ${name}`.includes(only)) continue;
      const session = await openPage(browser);
      const started = Date.now();
      try {
        await body({ ...session, origin: server.origin, server, browser, artifacts });
        const foreign = session.log.requests.filter(
          (u) => !u.startsWith(server.origin) && !u.startsWith("data:") && !u.startsWith("blob:"),
        );
        if (foreign.length) throw new Error(`requests to other origins: ${foreign.join(", ")}`);
        if (session.log.errors.length) throw new Error(`console errors: ${session.log.errors.join(" | ")}`);
        passed++;
        console.log(`ok   ${file} › ${name} (${Date.now() - started} ms)`);
      } catch (err) {
        failed++;
        console.log(`FAIL ${file} › ${name}\n     ${String(err.stack ?? err).split("\n").join("\n     ")}`);
        const shot = join(artifacts, `${name.replace(/[^a-z0-9]+/gi, "_")}.png`);
        await session.page.screenshot({ path: shot, fullPage: true }).catch(() => {});
      } finally {
        await session.context.close();
      }
    }
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`\ne2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
