/**
 * `npm test`: lint, typecheck, unit + integration tests (Vitest, real PostgreSQL), production build, and
 * end-to-end tests (Playwright, Chromium). Every step runs even when an earlier one failed (except e2e,
 * which needs the build), and the run ends with one line CI reads: `tests: N passed, N failed`.
 * `--only=e2e` runs the build and the end-to-end tests alone.
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "@/lib/cli/prepare-runtime";
import { type StepCount, summarisePlaywrightReport, summariseVitestReport } from "@/lib/cli/summarise-test-report";
import { chromiumChildEnv, resolveChromium } from "@/lib/testing/resolve-chromium";
import { startTestPostgres } from "@/lib/testing/test-postgres";

const OUTPUT = path.join(PROJECT_ROOT, "test-results");
const bin = (name: string) => path.join(PROJECT_ROOT, "node_modules/.bin", name);

type StepResult = StepCount & { name: string; seconds: number };

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: PROJECT_ROOT, stdio: "inherit", env: { ...process.env, ...env } });
    child.on("close", (code) => resolve(code ?? 1));
    child.on("error", () => resolve(1));
  });
}

async function timed(name: string, body: () => Promise<StepCount>): Promise<StepResult> {
  process.stdout.write(`\n━━ ${name} ━━\n`);
  const started = performance.now();
  const result = await body();
  const seconds = (performance.now() - started) / 1000;
  for (const problem of result.problems) process.stdout.write(`  ✗ ${problem}\n`);
  process.stdout.write(`━━ ${name}: ${result.passed} passed, ${result.failed} failed (${seconds.toFixed(1)} s)\n`);
  return { name, seconds, ...result };
}

const checkOnly = async (command: string, args: string[]): Promise<StepCount> =>
  (await run(command, args)) === 0 ? { passed: 1, failed: 0, problems: [] } : { passed: 0, failed: 1, problems: [] };

/** The runner's JSON report, parsed by the summariser; undefined when the runner wrote none. */
function readReport(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
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
        return summariseVitestReport(readReport(file), code, PROJECT_ROOT);
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
        return summarisePlaywrightReport(readReport(file), code);
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
  for (const problem of result.problems) process.stdout.write(`      ${problem}\n`);
}
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
