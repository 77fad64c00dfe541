// Runs axe-core on each HTML file given, in headless Chromium (playwright-core), at
// 100 % and at 200 % zoom (a 683 px wide window at twice the scale). Prints a JSON
// object: page -> list of "rule: help (n nodes)" for each violation. Run from a folder
// where axe-core and playwright-core are installed.
const { chromium } = require("playwright-core");
const axeSource = require("fs").readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

(async () => {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
  const out = {};
  for (const [label, options] of [["100%", { viewport: { width: 1366, height: 768 } }],
                                  ["200%", { viewport: { width: 683, height: 384 }, deviceScaleFactor: 2 }]]) {
    const page = await browser.newPage(options);
    for (const file of process.argv.slice(2)) {
      await page.goto("file://" + file);
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(async () => await axe.run(document, { resultTypes: ["violations"] }));
      const found = result.violations.map(v => `${v.id}: ${v.help} (${v.nodes.length})`);
      if (label === "200%") {
        const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
        if (wide) { found.push("reflow: the page scrolls sideways at 200 % zoom"); }
      }
      if (found.length) { out[`${file} @${label}`] = found; }
    }
    await page.close();
  }
  await browser.close();
  console.log(JSON.stringify(out));
})().catch(e => { console.error(e); process.exit(1); });
