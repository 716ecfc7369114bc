// Draws the install icons in pwa/icons/ from style/favicon.svg with the Chromium the end-to-end
// tests use (playwright-core), so the PNGs are the favicon exactly. Run by hand after changing
// the favicon (`node scripts/icons.mjs`); the PNGs are committed and the build only copies them.
//   icon-192.png, icon-512.png   the favicon as is (rounded corners, transparent outside)
//   maskable-512.png, apple-touch-icon.png (180)   full-bleed square, the strokes inside the
//       central 80 % circle that launchers may crop to (the "maskable" safe zone)
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { launch } from "../e2e/harness.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const favicon = readFileSync(join(root, "style/favicon.svg"), "utf8");
const maskable = favicon
  .replace(/ rx="[^"]*"/, "")
  .replace(/(<path[\s\S]*<\/svg>)/, (tail) => `<g transform="translate(16 16) scale(0.8) translate(-16 -16)">${tail.replace("</svg>", "")}</g></svg>`);

const icons = [
  ["icon-192.png", favicon, 192],
  ["icon-512.png", favicon, 512],
  ["maskable-512.png", maskable, 512],
  ["apple-touch-icon.png", maskable, 180],
];

const browser = await launch();
try {
  const page = await browser.newPage();
  for (const [name, svg, size] of icons) {
    await page.setViewportSize({ width: size, height: size });
    const sized = svg.replace("<svg ", `<svg width="${size}" height="${size}" `);
    await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`);
    const png = await page.locator("svg").screenshot({ omitBackground: true });
    writeFileSync(join(root, "pwa/icons", name), png);
    console.log(`icons: pwa/icons/${name} (${size}×${size}, ${png.length} bytes)`);
  }
} finally {
  await browser.close();
}
