// The page in 中文 and English: no English left in the 中文 page (text, attributes and every
// chart's drawn text, compared against the English catalog and against a list of the words
// that may stay as published), the switch flips page and link without a reload, a 中文 link
// opens in 中文 in a fresh browser, the browser's languages choose the first visit, axe finds
// nothing in either language, and the charts draw real CJK glyphs, not empty boxes.
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { assert, openPage, ready } from "./harness.mjs";
import { sweepCsv } from "./sweep.test.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The Latin words of a text, lower-cased, as both the allowed list and the check read them. */
function words_of(text) {
  return (text.match(/[A-Za-z][A-Za-z0-9'’.-]*/g) ?? [])
    .map((w) => w.replace(/[.'’-]+$/, "").toLowerCase())
    .filter((w) => (w.match(/[a-z]/g) ?? []).length >= 3);
}

/** Every catalog entry {file, key, en, zh}, read from locales/*.toml (one-line basic strings). */
async function catalog() {
  const entries = [];
  for (const file of (await readdir(join(root, "locales"))).filter((f) => f.endsWith(".toml"))) {
    let current = null;
    for (const line of (await readFile(join(root, "locales", file), "utf8")).split("\n")) {
      const head = /^\s*\[([a-z0-9_]+)\]\s*$/.exec(line);
      if (head) {
        current = { file, key: head[1] };
        entries.push(current);
        continue;
      }
      const value = /^\s*(en|zh)\s*=\s*(".*")\s*$/.exec(line);
      if (value && current) current[value[1]] = JSON.parse(value[2]);
    }
  }
  return entries;
}

/**
 * Words that stay as published in a 中文 page: every Latin word the Chinese catalog itself
 * uses (FLOPs, token, Kaplan, arXiv…), and the words of the data files' strings (law, model,
 * accelerator and author names, citations, as published).
 */
async function allowedWords(entries) {
  const words = new Set();
  const add = (text) => {
    for (const w of words_of(text)) words.add(w);
  };
  for (const e of entries) add(e.zh ?? "");
  // The language switch names English in English (src/i18n/mod.rs, Lang::own_name).
  words.add("english");
  const data = [
    "src/law/presets.rs",
    "src/law/models.rs",
    "src/law/hardware.rs",
    "src/law/shape/presets.rs",
    "src/law/shape/tables.rs",
    // The FLOPs conventions' formulas (symbols such as 6·N_no-position-table).
    "src/law/shape/count.rs",
    "src/law/reconcile/porian.rs",
    "src/law/id.rs",
    // The published intervals' sources (citations, as the presets' are).
    "src/law/uncertainty.rs",
  ];
  for (const f of data) {
    const text = await readFile(join(root, f), "utf8").catch(() => "");
    for (const lit of text.match(/"([^"\\]|\\.)*"/g) ?? []) add(lit);
  }
  return words;
}

/** Records every string drawn on a canvas (installed before the page's own scripts run). */
async function recordCanvasText(page) {
  await page.addInitScript(() => {
    window.__drawn = [];
    const proto = CanvasRenderingContext2D.prototype;
    for (const name of ["fillText", "strokeText"]) {
      const original = proto[name];
      proto[name] = function (text, ...rest) {
        window.__drawn.push(String(text));
        return original.call(this, text, ...rest);
      };
    }
  });
}

/** Visible text nodes, the attributes a reader meets, option labels, and drawn canvas text. */
async function pageTexts(page) {
  return page.evaluate(() => {
    const out = [];
    const visible = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.display === "none" || s.visibility === "hidden" || e.hidden) return false;
      }
      return true;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || ["SCRIPT", "STYLE", "NOSCRIPT"].includes(el.tagName)) continue;
      // Values the user typed or pasted (the fit panel's CSV) are the user's, not the page's.
      if (["TEXTAREA", "CODE", "PRE"].includes(el.tagName) || el.closest("code, pre, textarea")) continue;
      if (n.textContent.trim() && (visible(el) || el.tagName === "OPTION")) out.push(n.textContent.trim());
    }
    for (const el of document.querySelectorAll("[placeholder], [title], [aria-label], [alt]")) {
      for (const a of ["placeholder", "title", "aria-label", "alt"]) {
        const v = el.getAttribute(a);
        if (v && v.trim()) out.push(v.trim());
      }
    }
    out.push(document.title);
    out.push(document.querySelector("meta[name=description]")?.content ?? "");
    return { texts: out, drawn: [...new Set(window.__drawn ?? [])] };
  });
}

/** English catalog fragments (text between placeholders) long enough to mean something. */
function englishFragments(entries) {
  const out = [];
  for (const e of entries) {
    if (!e.en || !e.zh || e.en === e.zh) continue;
    for (const part of e.en.split(/\{[a-z0-9_]+\}/)) {
      const p = part.trim();
      if (p.length >= 12 && /[a-z]{3}/.test(p) && !e.zh.includes(p)) out.push({ p, key: `${e.file}:${e.key}` });
    }
  }
  return out;
}

/** What is still English: catalog fragments found, and words not allowed. */
function findEnglish(texts, fragments, allowed) {
  const found = [];
  const joined = texts.join("\n");
  // Word-bounded: "N_non-embedding + 6·L" is a formula's symbol, not the words "non-embedding +".
  const escape = (x) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  for (const { p, key } of fragments) {
    if (new RegExp(`(^|[^A-Za-z_])${escape(p)}`).test(joined)) found.push(`catalog ${key}: "${p}"`);
  }
  for (const t of texts) {
    for (const w of words_of(t)) {
      if (!allowed.has(w)) found.push(`word "${w}" in "${t.slice(0, 80)}"`);
    }
  }
  return [...new Set(found)];
}

// `psims` sets a planner input, so the sweep planner's part comes at once and is read too.
const ZH_LINK = "/?lang=zh&flops=1e22&inf=2e12&unique=25e9&why=1&shape=llama3-8b&psims=20";

/** Opens the 中文 page with every section showing, hovers a chart, fits the example runs. */
async function openChinese(page, origin) {
  await page.goto(`${origin}${ZH_LINK}`);
  await ready(page);
  // The sweep planner with its simulations done.
  await page.waitForSelector("#plan-simulated tbody tr", { state: "attached", timeout: 60000 });
  await page.waitForTimeout(300);
  const canvas = page.locator("#chart-params");
  const box = await canvas.boundingBox();
  await canvas.hover({ position: { x: box.width * 0.45, y: box.height * 0.5 } });
  // The fit panel with a finished fit (the example runs, the fast method).
  const example = page.locator("#fit-example");
  if (await example.count()) {
    await example.click();
    await page.click("#fit-run");
    await page.waitForFunction(
      () => ["done", "failed"].includes(document.querySelector("#fit-status")?.dataset.state),
      null,
      { timeout: 120000 },
    );
  }
  await page.waitForTimeout(300);
}

export const tests = {
  async "?lang=zh shows no string of the English catalog and no unlisted English word"({ page, origin, artifacts }) {
    const entries = await catalog();
    const allowed = await allowedWords(entries);
    await recordCanvasText(page);
    await openChinese(page, origin);
    assert((await page.getAttribute("html", "lang")) === "zh-CN", "html lang");
    const { texts, drawn } = await pageTexts(page);
    assert(drawn.length > 20, `charts drew ${drawn.length} strings`);
    // Every other question, and a field's error message, add their own words.
    const more = [];
    await page.fill("#budget", "12 apples");
    more.push(...(await pageTexts(page)).texts);
    await page.fill("#budget", "1e22");
    for (const mode of ["hardware", "params", "scale", "loss"]) {
      await page.click(`#mode-${mode}`);
      await page.waitForTimeout(150);
      const t = await pageTexts(page);
      more.push(...t.texts, ...t.drawn);
    }
    const found = findEnglish([...texts, ...drawn, ...more], englishFragments(entries), allowed);
    await page.screenshot({ path: join(artifacts, "zh-1100.png"), fullPage: true });
    assert(found.length === 0, `${found.length} English strings in the 中文 page:\n  ${found.slice(0, 60).join("\n  ")}`);
  },

  async "?lang=zh: Approach 2 with its held-out check, the 2-vs-3 comparison and Approach 1 leave no English"({ page, origin }) {
    const entries = await catalog();
    const allowed = await allowedWords(entries);
    await recordCanvasText(page);
    await page.goto(`${origin}/?lang=zh&flops=1e21`);
    await ready(page);
    const seen = [];
    const collect = async () => {
      const t = await pageTexts(page);
      seen.push(...t.texts, ...t.drawn);
    };
    const finished = () =>
      page.waitForFunction(() => document.querySelector("#fit-status").dataset.state !== "running", null, { timeout: 120000 });
    await page.fill("#fit-data", sweepCsv());
    await page.selectOption("#fit-approach", "2");
    await page.fill("#fit-bootstrap", "100");
    await page.selectOption("#fit-holdout", "largest-budget");
    await page.click("#fit-run");
    await finished();
    assert((await page.getAttribute("#fit-status", "data-state")) === "done", await page.textContent("#fit-status"));
    await page.waitForTimeout(200);
    await collect();
    await page.click("#fit-compare");
    await finished();
    assert((await page.getAttribute("#fit-status", "data-state")) === "done", await page.textContent("#fit-status"));
    await collect();
    // Envelope points (Hoffmann et al. 2022, Table 3: C and N), Approach 1.
    await page.fill("#fit-data", "C,N_opt\n5.76e23,67e9\n1.21e24,175e9\n3.85e24,280e9\n1.12e25,520e9\n3.49e25,1e12\n");
    await page.click("#fit-run");
    await finished();
    await collect();
    const found = findEnglish(seen, englishFragments(entries), allowed);
    assert(found.length === 0, `${found.length} English strings:\n  ${found.slice(0, 60).join("\n  ")}`);
  },

  async "the switch flips the page and the link without a reload, and back"({ page, origin }) {
    await page.goto(`${origin}/?flops=1e22`);
    await ready(page);
    assert((await page.getAttribute("html", "lang")) === "en", "starts in English");
    await page.evaluate(() => (window.__sameDocument = true));
    const tagline = await page.textContent(".tagline");
    await page.click("#lang-toggle");
    await page.waitForFunction(() => document.documentElement.lang === "zh-CN", null, { timeout: 3000 });
    const zh = await page.textContent(".tagline");
    assert(zh !== tagline && /[\u4e00-\u9fff]/.test(zh), `tagline in 中文: ${zh}`);
    await page.waitForFunction(() => new URLSearchParams(location.search).get("lang") === "zh", null, { timeout: 3000 });
    assert(new URL(page.url()).searchParams.get("flops") === "1e22", "the rest of the link kept");
    assert(/[\u4e00-\u9fff]/.test(await page.title()), "title in 中文");
    assert((await page.textContent("#lang-toggle")).trim() === "English", "offers English");
    await page.click("#lang-toggle");
    await page.waitForFunction(() => document.documentElement.lang === "en", null, { timeout: 3000 });
    await page.waitForFunction(() => !new URLSearchParams(location.search).has("lang"), null, { timeout: 3000 });
    assert((await page.textContent(".tagline")) === tagline, "English again");
    assert(await page.evaluate(() => window.__sameDocument === true), "no reload");
  },

  async "a 中文 link opens in 中文 in a fresh browser; browser languages choose the first visit"({ browser, origin }) {
    const fresh = await openPage(browser);
    try {
      await fresh.page.goto(`${origin}/?lang=zh`);
      await ready(fresh.page);
      assert((await fresh.page.getAttribute("html", "lang")) === "zh-CN", "link's language");
    } finally {
      await fresh.context.close();
    }
    const chinese = await openPage(browser, { locale: "zh-CN" });
    try {
      await chinese.page.goto(`${origin}/`);
      await ready(chinese.page);
      assert((await chinese.page.getAttribute("html", "lang")) === "zh-CN", "zh-CN browser → 中文");
      // An explicit choice is kept for the next visit without lang= in its link.
      await chinese.page.click("#lang-toggle");
      await chinese.page.waitForFunction(() => document.documentElement.lang === "en");
      await chinese.page.goto(`${origin}/`);
      await ready(chinese.page);
      assert((await chinese.page.getAttribute("html", "lang")) === "en", "kept choice beats the browser");
      assert(chinese.log.errors.length === 0, chinese.log.errors.join(" | "));
    } finally {
      await chinese.context.close();
    }
  },

  async "axe-core finds no violations in either language"({ browser, origin }) {
    const require = createRequire(import.meta.url);
    for (const lang of ["en", "zh"]) {
      const { context, page } = await openPage(browser, { bypassCSP: true });
      try {
        await page.goto(`${origin}/?lang=${lang}&flops=1e22&inf=2e12&unique=25e9&why=1&shape=llama3-8b`);
        await ready(page);
        await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
        const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
        const summary = result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 2).map((n) => n.target).join(" ")}`);
        assert(result.violations.length === 0, `${lang}: axe violations: ${summary.join(" | ")}`);
      } finally {
        await context.close();
      }
    }
  },

  async "the charts draw CJK glyphs, not empty boxes"({ page, origin, artifacts }) {
    await recordCanvasText(page);
    await page.goto(`${origin}/?lang=zh&flops=1e22`);
    await ready(page);
    await page.waitForTimeout(300);
    const { drawn } = await pageTexts(page);
    const cjk = drawn.filter((t) => /[\u4e00-\u9fff]/.test(t));
    assert(cjk.length >= 3, `charts drew ${cjk.length} Chinese strings: ${drawn.slice(0, 10).join(" | ")}`);
    // Draw distinct characters in the charts' own font: a missing font draws the same empty box
    // (or nothing) for each, so their pixels would be equal or blank.
    // The charts' font stack (src/chart/style.rs, FONT_STACK).
    const style = await readFile(join(root, "src/chart/style.rs"), "utf8");
    const font = /pub const FONT_STACK: &str = "([^"]+)"/.exec(style)?.[1];
    assert(font, "FONT_STACK not found");
    const inks = await page.evaluate((font) => {
      const glyphs = ["参", "数", "量", "损", "失"];
      return glyphs.map((g) => {
        const c = document.createElement("canvas");
        c.width = 40;
        c.height = 40;
        const ctx = c.getContext("2d");
        ctx.font = `32px ${font}`;
        ctx.fillStyle = "#000";
        ctx.fillText(g, 2, 34);
        const data = ctx.getImageData(0, 0, 40, 40).data;
        let bits = "";
        for (let i = 3; i < data.length; i += 4) bits += data[i] > 127 ? "1" : "0";
        return bits;
      });
    }, font);
    for (const [i, bits] of inks.entries()) assert(bits.includes("1"), `glyph ${i} drew no ink`);
    assert(new Set(inks).size === inks.length, "distinct characters drew identical shapes (empty boxes)");
    await page.locator("#chart-params").screenshot({ path: join(artifacts, "zh-chart-params.png") });
  },
};
