// Charts and numbers that read well on any screen: real-model labels never overlap, legends
// sit below the plot, and no link — however extreme or malformed — makes the page print NaN,
// inf or undefined. (Where the first screen puts things: first_screen.test.mjs.)
import { assert, openPage, ready, renderAll } from "./harness.mjs";

const FRONTIERS = ["#chart-params", "#chart-tokens", "#chart-ratio"];
const boxes = (text) =>
  (text ?? "")
    .split(";")
    .filter(Boolean)
    .map((b) => b.split(",").map(Number));
const overlap = (a, b) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

async function checkCharts(page, width) {
  for (const id of FRONTIERS) {
    const attrs = await page.$eval(id, (c) => [c.dataset.plotBox, c.dataset.legendBox, c.dataset.labelBoxes]);
    const [plot] = boxes(attrs[0]);
    const [legend] = boxes(attrs[1]);
    const labels = boxes(attrs[2]);
    assert(plot && legend, `${width}px ${id}: layout recorded (${attrs})`);
    assert(legend[1] >= plot[3], `${width}px ${id}: legend ${legend} over the plot ${plot}`);
    assert(labels.length >= 4, `${width}px ${id}: only ${labels.length} model labels drawn`);
    labels.forEach((a, i) => {
      assert(a[0] >= plot[0] && a[2] <= plot[2] && a[1] >= plot[1] && a[3] <= plot[3], `${width}px ${id}: label ${a} outside the plot`);
      labels.slice(i + 1).forEach((b) => assert(!overlap(a, b), `${width}px ${id}: labels ${a} and ${b} overlap`));
    });
  }
}

/** A tiny seeded PRNG (mulberry32), so the fuzzed links are the same on every run. */
function rng(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = ["mode", "flops", "gpu", "n", "days", "mfu", "price", "params", "n0", "d0", "ca", "cb", "k", "loss", "judge", "inf", "unique", "fit", "fitd", "laws", "why", "rlaw", "vocab", "aspect"];
const VALUES = ["5e-324", "1e308", "1e-308", "-1", "0", "NaN", "inf", "-inf", "1e999", "abc", "", "%00", "1,2,3", "70B", "1.4T", "1e35", "1e12", "0.5", "1", "2", "hardware", "scale", "loss", "params", "budget", "kaplan2020,fit", "epoch2024", "1.8,400,400,0.3,0.3", "1e-9,1e300,1e300,1e-9,9", "9".repeat(400), "１２", "5.76×10^23", "1e6", "1e17", "36525"];

export const tests = {
  async "layout: labels never overlap and legends sit below the plot at 390, 800 and 1280 px"({ page, origin, artifacts }) {
    for (const width of [390, 800, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${origin}/?inf=2T&unique=25B`);
      await ready(page);
      await page.waitForTimeout(300);
      await checkCharts(page, width);
      if (width !== 800) await page.screenshot({ path: `${artifacts}/page-${width}.png`, fullPage: true });
    }
  },

  async "layout: 150 extreme and malformed links never print NaN, inf or undefined"({ page, origin }) {
    const random = rng(20261128);
    const pick = (xs) => xs[Math.floor(random() * xs.length)];
    for (let i = 0; i < 150; i++) {
      const pairs = Array.from({ length: 1 + Math.floor(random() * 6) }, () => `${pick(KEYS)}=${encodeURIComponent(pick(VALUES))}`);
      if (random() < 0.3) pairs.push("why=1");
      const link = `/?${pairs.join("&")}`;
      await page.goto(`${origin}${link}`);
      await ready(page);
      await renderAll(page);
      // The link notice quotes the link's own text back ("Ignored flops=-inf: …") by design;
      // everything the page computed or labels must read as numbers or words.
      const text = await page.evaluate(() => {
        const notice = document.querySelector("#link-notice");
        const quoted = notice ? notice.innerText : "";
        return document.body.innerText.replace(quoted, "");
      });
      const bad = /\bNaN\b|\binf\b|\bInfinity\b|\bundefined\b/i.exec(text);
      assert(!bad, `${link}: the page shows "${bad && bad[0]}"`);
    }
  },
};
