/**
 * Lighthouse mobile (its default: simulated slow 4G, CPU 4× slower) on the inbox and on a thread,
 * beside a bare Next page (bare-next.ts) in the same run: 3 runs of each, interleaved, median of
 * each measure. Lighthouse runs as its own CLI process with Debian's Chromium, a fresh browser per run.
 */
import { spawn } from "node:child_process";
import { z } from "zod";
import { median } from "./stats";

const RUNS = 3;

const auditSchema = z.object({ numericValue: z.number() });
const reportSchema = z.object({
  categories: z.object({ performance: z.object({ score: z.number() }) }),
  audits: z.object({
    "largest-contentful-paint": auditSchema,
    "total-blocking-time": auditSchema,
    "cumulative-layout-shift": auditSchema,
    "first-contentful-paint": auditSchema,
  }),
  runWarnings: z.array(z.string()),
});

type Run = { score: number; lcpMs: number; tbtMs: number; cls: number; fcpMs: number };

function lighthouse(url: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const args = [
      "node_modules/lighthouse/cli/index.js",
      url,
      "--only-categories=performance",
      "--output=json",
      "--output-path=stdout",
      "--quiet",
      "--chrome-flags=--headless=new --no-sandbox",
    ];
    const child = spawn(process.execPath, args, { env: { ...process.env, CHROME_PATH: "/usr/bin/chromium" }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`lighthouse ${url} exited ${code}: ${err.slice(-500)}`));
      try {
        const report = reportSchema.parse(JSON.parse(out));
        if (report.runWarnings.length > 0) console.warn(`lighthouse ${url}:`, report.runWarnings);
        const audit = (name: keyof typeof report.audits) => report.audits[name].numericValue;
        resolve({
          score: Math.round(report.categories.performance.score * 100),
          lcpMs: audit("largest-contentful-paint"),
          tbtMs: audit("total-blocking-time"),
          cls: audit("cumulative-layout-shift"),
          fcpMs: audit("first-contentful-paint"),
        });
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

/** Lighthouse sometimes fails to record a load ("NO_NAVSTART … Please run Lighthouse again"): up to 3 tries. */
async function lighthouseRetried(url: string): Promise<Run> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await lighthouse(url);
    } catch (error) {
      if (attempt === 3) throw error;
      console.warn(error instanceof Error ? error.message : error, "— trying again");
    }
  }
}

function summary(runs: Run[]): Run {
  return {
    score: median(runs.map((r) => r.score)),
    lcpMs: Math.round(median(runs.map((r) => r.lcpMs))),
    tbtMs: Math.round(median(runs.map((r) => r.tbtMs))),
    cls: Math.round(median(runs.map((r) => r.cls)) * 1000) / 1000,
    fcpMs: Math.round(median(runs.map((r) => r.fcpMs))),
  };
}

/** `pages`: the pages to measure, by name; `baseline`: the bare page's URL. */
export async function lighthouseBench(baseline: string, pages: Record<string, string>) {
  const names = ["bare Next page (baseline)", ...Object.keys(pages)];
  const urls = [baseline, ...Object.values(pages)];
  const runs: Run[][] = urls.map(() => []);
  for (let round = 0; round < RUNS; round++) {
    for (const [index, url] of urls.entries()) runs[index]!.push(await lighthouseRetried(url));
  }
  const medians = runs.map(summary);
  const bare = medians[0]!;
  const ratio = (value: number, base: number) => (base > 0 ? Math.round((value / base) * 100) / 100 : null);
  const rows = medians.map((m, index) => ({ page: names[index]!, ...m, lcpRatio: ratio(m.lcpMs, bare.lcpMs), tbtRatio: ratio(m.tbtMs, bare.tbtMs) }));
  const verdict = rows.slice(1).map((row) => ({
    page: row.page,
    "score ≥ 98": row.score >= 98,
    "LCP ≤ 1.5× bare": (row.lcpRatio ?? Infinity) <= 1.5,
    "TBT ≤ 1.3× bare": (row.tbtRatio ?? Infinity) <= 1.3,
    "CLS ≤ 0.01": row.cls <= 0.01,
  }));
  return { rows, verdict };
}
