// The calculator page as a visitor uses it. Expected numbers are computed here from
// the papers' formulas (a second method), never read back from the page's own code.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { assert, colourCounts, near, openPage, parseCount, ready, tableCell } from "./harness.mjs";

const PF_DAY = 8.64e19;
const kaplanN = (c) => 1.3e9 * Math.pow(c / (2 * PF_DAY), 0.73); // Kaplan App. A, C = 2·C_min
const kaplanC = (n) => 2 * PF_DAY * Math.pow(n / 1.3e9, 1 / 0.73);
// Log-log fit through Hoffmann et al. 2022, Table 3.
const chinchillaN = (c) => 0.09916 * Math.pow(c, 0.4981);

const cell = tableCell;
const CHARTS = ["params", "tokens", "isoflop", "ratio"];

export const tests = {
  async "hardware mode: 1024 H100 × 30 days × 40 % MFU sets the budget"({ page, origin }) {
    await page.goto(`${origin}/`);
    await ready(page);
    await page.click("#mode-hardware");
    await page.fill("#days", "30");
    const c = 1024 * 989e12 * 0.4 * 30 * 86400; // H100 SXM BF16 peak (src/law/hardware.rs), by hand
    const text = await page.textContent("#derived-flops");
    near(Number(/= ([0-9.e+]+) FLOPs/.exec(text)[1]), c, 0.005, "derived budget");
    near(parseCount(await cell(page, "chinchilla-a1", "n-params")), chinchillaN(c), 0.01, "Chinchilla N");
    assert((await cell(page, "chinchilla-a1", "days")) === "30 days", "the run takes the 30 days it was given");
    await page.fill("#price", "2");
    const cost = parseCount((await cell(page, "kaplan2020", "cost")).replace("$", ""));
    near(cost, 1024 * 30 * 24 * 2, 0.005, "cost = device-hours × $2");
  },

  async "model-size mode: 70B → the budget at which each law picks 70B"({ page, origin }) {
    await page.goto(`${origin}/`);
    await ready(page);
    await page.click("#mode-params");
    await page.fill("#params", "70B");
    near(Number(await cell(page, "kaplan2020", "flops")), kaplanC(70e9), 0.01, "Kaplan C for 70B");
    near(parseCount(await cell(page, "chinchilla-a1", "n-params")), 70e9, 0.01, "N echoes the input");
  },

  async "scale mode: 10× compute is 5.37× params for Kaplan, ~3.16× for Chinchilla"({ page, origin }) {
    await page.goto(`${origin}/`);
    await ready(page);
    await page.click("#mode-scale");
    assert((await cell(page, "kaplan2020", "scale-n")) === "5.37×", "10^0.73");
    assert((await cell(page, "kaplan2020", "scale-d")) === "1.86×", "10^0.27");
    near(parseFloat(await cell(page, "chinchilla-a1", "scale-n")), 3.16, 0.01, "Chinchilla ×N");
    await page.fill("#multiplier", "100");
    assert((await cell(page, "kaplan2020", "scale-n")) === "28.84×", "100^0.73 = 28.84");
  },

  async "loss mode: the cheapest run to a target loss, and laws without a loss model say so"({ page, origin }) {
    await page.goto(`${origin}/`);
    await ready(page);
    await page.check("#law-chinchilla-a3");
    await page.click("#mode-loss");
    await page.fill("#target-loss", "2.0");
    assert((await cell(page, "chinchilla-a3", "loss")) === "2.000", "A3 reaches the target");
    assert((await cell(page, "chinchilla-a1", "loss")) === "—", "Approach 1 has no loss model");
    const title = await page.getAttribute('#results tr[data-law="chinchilla-a1"] td.loss', "title");
    assert(title === "this law has no loss model", title);
  },

  async "every chart draws its series in their colours, and hover reads out values"({ page, origin }) {
    await page.goto(`${origin}/?flops=1e22`);
    await ready(page);
    await page.waitForTimeout(300);
    for (const id of CHARTS) {
      const colours = (await page.getAttribute(`#chart-${id}`, "data-series-colors")).split(",");
      assert(colours.length >= 2, `${id}: two series`);
      const counts = await colourCounts(page, `#chart-${id}`, colours);
      colours.forEach((c, i) => assert(counts[i] > 40, `${id}: ${c} has ${counts[i]} pixels`));
    }
    const canvas = page.locator("#chart-params");
    const box = await canvas.boundingBox();
    await canvas.hover({ position: { x: box.width * 0.45, y: box.height * 0.5 } });
    const readout = await page.textContent("#readout-params");
    assert(/C = [0-9.]+e2\d/.test(readout) && readout.includes("Kaplan et al. 2020:"), readout);
  },

  async "inference and unique-data settings add columns, curves and a summary"({ page, origin }) {
    await page.goto(`${origin}/?flops=1e22&laws=kaplan2020,chinchilla-a3`);
    await ready(page);
    const before = (await page.getAttribute("#chart-params", "data-series-colors")).split(",").length;
    await page.fill("#inference-tokens", "2T");
    await page.fill("#unique-tokens", "25B");
    // Epochs = D / U, computed here from the table's own D (second method: the definition).
    const d = parseCount(await cell(page, "chinchilla-a3", "n-tokens"));
    near(Number(await cell(page, "chinchilla-a3", "epochs")), d / 25e9, 0.01, "epochs");
    const pct = parseFloat(await cell(page, "chinchilla-a3", "inf-flops"));
    assert(pct > 0 && pct < 100, `inference-aware lifetime FLOPs ${pct} % of Chinchilla-style`);
    assert((await cell(page, "kaplan2020", "inf-n")) === "—", "Kaplan's loss is not of the E + A/N^α + B/D^β form");
    // Muennighoff et al.'s README: 7.0224e9 parameters at 1e22 FLOPs with 25e9 unique tokens.
    const summary = await page.textContent("#data-constrained");
    near(parseCount(/([0-9.]+[KMBT]) parameters/.exec(summary)[1]), 7.0224e9, 0.01, "data-constrained N");
    const after = (await page.getAttribute("#chart-params", "data-series-colors")).split(",").length;
    assert(after === before + 2, `dashed adjusted curves added: ${before} → ${after}`);
  },

  async "PNG and SVG downloads are valid files"({ page, origin }) {
    await page.goto(`${origin}/?flops=1e21`);
    await ready(page);
    const [png] = await Promise.all([page.waitForEvent("download"), page.click("#png-params")]);
    const pngBytes = await readFile(await png.path());
    assert(pngBytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), "PNG signature");
    assert(png.suggestedFilename() === "isoflop-params.png", png.suggestedFilename());
    const [svg] = await Promise.all([page.waitForEvent("download"), page.click("#svg-isoflop")]);
    const svgText = await readFile(await svg.path(), "utf8");
    assert(svgText.startsWith("<svg") && svgText.trim().endsWith("</svg>"), "SVG document");
    assert(svgText.includes("Kaplan et al. 2020") && svgText.includes("IsoFLOP curve under"), "SVG has the series and labels");
  },

  async "narrow screens: one column, no horizontal scroll, charts redrawn to the new width"({ page, origin }) {
    await page.goto(`${origin}/`);
    await ready(page);
    const before = await page.$eval("#chart-params", (c) => c.width);
    await page.setViewportSize({ width: 600, height: 900 });
    await page.waitForTimeout(400);
    // Canvas pixels per CSS pixel: the screen's ratio, at least 2 (sub-pixel lines on a 1× screen).
    const after = await page.$eval("#chart-params", (c) => [c.width, c.clientWidth, Math.max(devicePixelRatio, 2)]);
    assert(after[0] !== before && Math.abs(after[0] - after[1] * after[2]) <= 2, `canvas ${before} → ${after}`);
    const scroll = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
    assert(scroll[0] <= scroll[1], `horizontal scroll: ${scroll}`);
  },

  async "dark mode follows the system and the toggle"({ browser, origin }) {
    const { context, page, log } = await openPage(browser, { colorScheme: "dark" });
    try {
      await page.goto(`${origin}/`);
      await ready(page);
      await page.waitForTimeout(200);
      const corner = () => page.$eval("#chart-params", (c) => [...c.getContext("2d").getImageData(2, 2, 1, 1).data]);
      assert((await page.getAttribute("html", "data-theme")) === "dark", "dark from the system");
      assert((await corner())[0] < 60, `dark canvas: ${await corner()}`);
      await page.click("#theme-toggle"); // auto → light
      await page.waitForTimeout(200);
      assert((await page.getAttribute("html", "data-theme")) === "light", "light forced");
      assert((await corner())[0] > 200, `light canvas: ${await corner()}`);
      await page.waitForFunction(() => new URLSearchParams(location.search).get("theme") === "light", null, { timeout: 3000 });
      assert(log.errors.length === 0, log.errors.join(" | "));
    } finally {
      await context.close();
    }
  },

  async "copy as Markdown gives a table with App. D.4's numbers"({ page, context, origin }) {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
    await page.goto(`${origin}/?flops=1e21`);
    await ready(page);
    await page.click("#copy-markdown");
    await page.waitForFunction(() => /Copied/.test(document.querySelector(".results .status").textContent));
    const md = await page.evaluate(() => navigator.clipboard.readText());
    assert(md.includes("| Kaplan et al. 2020 | 4.68B |"), md);
  },

  async "axe-core finds no accessibility violations"({ browser, origin }) {
    // axe is injected as a script, which the page's CSP would (rightly) refuse: bypass it here.
    const { context, page } = await openPage(browser, { bypassCSP: true });
    try {
      await page.goto(`${origin}/?flops=1e22&inf=2e12&unique=25e9`);
      await ready(page);
      const require = createRequire(import.meta.url);
      await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
      const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
      const summary = result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 2).map((n) => n.target).join(" ")}`);
      assert(result.violations.length === 0, `axe violations: ${summary.join(" | ")}`);
    } finally {
      await context.close();
    }
  },
};
