/**
 * `npm test`: lint, typecheck, unit + integration tests (Vitest, real PostgreSQL), production build, and
 * end-to-end tests (Playwright, Chromium). Every step runs even when an earlier one failed (except e2e,
 * which needs the build), and the run ends with one line CI reads: `tests: N passed, N failed`.
 * `--only=e2e` runs the build and the end-to-end tests alone.
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { PROJECT_ROOT } from "@/lib/cli/prepare-runtime";
import { chromiumChildEnv, resolveChromium } from "@/lib/testing/resolve-chromium";
import { startTestPostgres } from "@/lib/testing/test-postgres";

const OUTPUT = path.join(PROJECT_ROOT, "test-results");
const bin = (name: string) => path.join(PROJECT_ROOT, "node_modules/.bin", name);

type StepResult = { name: string; passed: number; failed: number; seconds: number };

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: PROJECT_ROOT, stdio: "inherit", env: { ...process.env, ...env } });
    child.on("close", (code) => resolve(code ?? 1));
    child.on("error", () => resolve(1));
  });
}

async function timed(name: string, body: () => Promise<Omit<StepResult, "name" | "seconds">>): Promise<StepResult> {
  process.stdout.write(`\n━━ ${name} ━━\n`);
  const started = performance.now();
  const result = await body();
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`━━ ${name}: ${result.passed} passed, ${result.failed} failed (${seconds.toFixed(1)} s)\n`);
  return { name, seconds, ...result };
}

const checkOnly = async (command: string, args: string[]) => ((await run(command, args)) === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 });

const vitestReport = z.object({ numPassedTests: z.number(), numFailedTests: z.number(), numTotalTests: z.number() });
const playwrightReport = z.object({ stats: z.object({ expected: z.number(), unexpected: z.number(), flaky: z.number() }) });

function readReport<T>(file: string, schema: z.ZodType<T>): T | undefined {
  try {
    return schema.parse(JSON.parse(readFileSync(file, "utf8")));
  } catch {
    return undefined;
  }
}

const onlyE2e = process.argv.includes("--only=e2e");
rmSync(OUTPUT, { recursive: true, force: true });
mkdirSync(OUTPUT, { recursive: true });

// One PostgreSQL server for the whole run; each suite creates its own databases on it.
const postgres = await startTestPostgres();
const sharedEnv = { TEST_PG_ADMIN_URL: postgres.adminUrl, NEXT_TELEMETRY_DISABLED: "1", ...(await findChromium()) };

/** One browser for every step (system Chromium, or the build npm ships); a failure shows up in the steps. */
async function findChromium(): Promise<Record<string, string>> {
  try {
    const browser = await resolveChromium();
    process.stdout.write(`Chromium (${browser.source}): ${browser.executablePath}\n`);
    return chromiumChildEnv(browser);
  } catch (error) {
    process.stdout.write(`No Chromium for the browser tests: ${error instanceof Error ? error.message : String(error)}\n`);
    return {};
  }
}

const results: StepResult[] = [];
try {
  if (!onlyE2e) {
    results.push(await timed("lint", () => checkOnly(bin("eslint"), [".", "--max-warnings=0"])));
    results.push(await timed("typecheck", () => checkOnly(bin("tsc"), ["--noEmit"])));
    results.push(
      await timed("unit + integration (vitest)", async () => {
        const file = path.join(OUTPUT, "vitest-report.json");
        const code = await run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${file}`], sharedEnv);
        const report = readReport(file, vitestReport);
        if (!report) return { passed: 0, failed: 1 };
        // A crash outside any test (e.g. global setup) still counts as a failure.
        return { passed: report.numPassedTests, failed: report.numFailedTests || (code === 0 ? 0 : 1) };
      }),
    );
  }
  const build = await timed("build (next build)", () => checkOnly(bin("next"), ["build"]));
  results.push(build);
  if (build.failed === 0) {
    results.push(
      await timed("end-to-end (playwright)", async () => {
        const file = path.join(OUTPUT, "e2e-report.json");
        const code = await run(bin("playwright"), ["test", "--config", "e2e/playwright.config.ts"], { ...sharedEnv, E2E_JSON_REPORT: file });
        const report = readReport(file, playwrightReport);
        if (!report) return { passed: 0, failed: 1 };
        return { passed: report.stats.expected, failed: report.stats.unexpected + report.stats.flaky || (code === 0 ? 0 : 1) };
      }),
    );
  }
} finally {
  await postgres.stop();
}

const passed = results.reduce((sum, result) => sum + result.passed, 0);
const failed = results.reduce((sum, result) => sum + result.failed, 0);
process.stdout.write("\nSummary\n");
for (const result of results) {
  process.stdout.write(`  ${result.failed ? "✗" : "✓"} ${result.name.padEnd(30)} ${String(result.passed).padStart(4)} passed ${String(result.failed).padStart(3)} failed  ${result.seconds.toFixed(1).padStart(6)} s\n`);
}
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
