// Links restore exactly what their sender saw.
import { assert, openPage, ready, shownText } from "./harness.mjs";

/** The results table as shown (never empty: a comparison of two empty texts proves nothing). */
async function tableText(page) {
  const text = await shownText(page, "#results");
  assert(/[0-9]\.[0-9]+[BT]/.test(text), `the table shows counts: ${text.slice(0, 80)}`);
  return text;
}
const settled = (page, key, value) =>
  page.waitForFunction(([k, v]) => new URLSearchParams(location.search).get(k) === v, [key, value], { timeout: 5000 });

export const tests = {
  async "inputs and results survive a reload"({ page, origin }) {
    await page.goto(`${origin}/`);
    await ready(page);
    await page.click("#mode-hardware");
    await page.selectOption("#gpu", "a100");
    await page.fill("#count", "2048");
    await page.fill("#mfu", "38%");
    await page.fill("#days", "21");
    await page.check("#law-epoch2024");
    await page.fill("#inference-tokens", "2T");
    await settled(page, "inf", "2e12");
    const before = await tableText(page);
    const url = page.url();
    assert(url.length < 300, `short link: ${url.length} chars`);
    await page.reload();
    await ready(page);
    assert((await tableText(page)) === before, "same results after reload");
    assert(await page.isChecked("#mode-hardware"), "mode kept");
    assert((await page.inputValue("#gpu")) === "a100", "accelerator kept");
    assert((await page.inputValue("#count")) === "2048", "count kept");
    assert((await page.inputValue("#mfu")) === "0.38", "MFU kept");
    assert(await page.isChecked("#law-epoch2024"), "law kept");
  },

  async "the copied link opens the same page in a fresh browser"({ page, context, browser, origin }) {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
    await page.goto(`${origin}/?flops=3e23&laws=kaplan2020,chinchilla-a3-tex,deepseek2024&judge=epoch2024`);
    await ready(page);
    await page.fill("#budget", "4.2e23");
    await page.click("#copy-link");
    await page.waitForFunction(() => /Copied/.test(document.querySelector("#share-status").textContent));
    const link = await page.evaluate(() => navigator.clipboard.readText());
    assert(link.startsWith(origin) && link.includes("flops=4.2e23"), link);
    const expected = await tableText(page);
    const fresh = await openPage(browser);
    try {
      await fresh.page.goto(link);
      await ready(fresh.page);
      assert((await tableText(fresh.page)) === expected, "same table in a fresh context");
      assert(fresh.log.errors.length === 0, fresh.log.errors.join(" | "));
    } finally {
      await fresh.context.close();
    }
    await page.click("#copy-link-md");
    await page.waitForFunction(() => /Markdown/.test(document.querySelector("#share-status").textContent));
    const md = await page.evaluate(() => navigator.clipboard.readText());
    assert(/^\[isoflop: 4\.2e23 FLOPs\]\(http/.test(md), md);
    // The default page's link names its version, so later defaults cannot change what it opens.
    await page.goto(`${origin}/`);
    await ready(page);
    await page.click("#copy-link");
    await page.waitForFunction(() => /Copied/.test(document.querySelector("#share-status").textContent));
    const plain = await page.evaluate(() => navigator.clipboard.readText());
    assert(plain === `${origin}/?v=1`, `the default page's link: ${plain}`);
  },

  async "a malformed link shows what it could not use, and the page still works"({ page, origin }) {
    const junk = "x".repeat(5000);
    await page.goto(`${origin}/?v=9&flops=NaN&laws=bogus,kaplan2020&mfu=7&n=-3&${junk}=1&mode=%F0%9F%92%A5&loss=1e999`);
    await ready(page);
    const notice = await page.textContent("#link-notice");
    for (const key of ["flops", "mfu", "mode"]) assert(notice.includes(key), `notice names ${key}: ${notice}`);
    assert(/newer/i.test(notice), "says the link is from a newer version");
    assert(notice.length < 2000, "notices do not echo the junk");
    // The notice quotes the link's own "flops=NaN"; nothing the page computes may show NaN.
    const computed = await page.evaluate(() => {
      const main = document.querySelector("main").cloneNode(true);
      main.querySelector("#link-notice").remove();
      return main.textContent + [...main.querySelectorAll("input")].map((i) => i.value).join(" ");
    });
    assert(!/NaN|Infinity/.test(computed), "no NaN on the page");
    assert((await page.$$("#results tbody tr")).length >= 1, "results shown");
  },

  async "in 中文 the link's notices and the fields' messages are Chinese, and follow the language switch"({ page, origin }) {
    await page.goto(`${origin}/?lang=zh&v=9&flops=1e40&theme=blue`);
    await ready(page);
    const notice = () => page.textContent("#link-notice");
    let text = await notice();
    assert(text.includes("已忽略 flops=1e40：超出可接受范围（1e12 至 1e35）。"), text);
    assert(text.includes("已忽略 theme=blue：不是 auto、light 或 dark。"), text);
    assert(text.includes("（v=9）"), text);
    assert(!/Ignored|newer|outside/.test(text), `no English left: ${text}`);
    await page.fill("#budget", "abc");
    const message = () => page.textContent("#budget-msg");
    assert((await message()).startsWith("不是数字。可接受的写法：例如 1e21"), await message());
    await page.fill("#count", "");
    assert((await page.textContent("#count-msg")) === "请输入设备数（整数，例如 1024）。", await page.textContent("#count-msg"));
    // The switch says everything again in English, without a reload.
    await page.click("#lang-toggle");
    await page.waitForFunction(() => /Ignored flops=1e40/.test(document.querySelector("#link-notice").textContent));
    text = await notice();
    assert(text.includes("Ignored flops=1e40: outside the accepted range, 1e12 to 1e35."), text);
    assert((await message()).startsWith("Not a number. Accepted: e.g. 1e21"), await message());
  },
};
