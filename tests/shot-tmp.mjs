import { chromium } from "@playwright/test";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
const [,, url, out, w, h, scheme, action] = process.argv;
const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) }, colorScheme: scheme ?? "light", deviceScaleFactor: 1 });
await page.goto(url);
await page.waitForTimeout(2500);
if (action === "sheet") { await page.getByTestId("row-actions").nth(1).click(); await page.waitForTimeout(500); }
if (action === "help") { await page.keyboard.press("?"); await page.waitForTimeout(500); }
await page.screenshot({ path: out });
await browser.close();
