import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_LAUNCH_ARGS, resolveChromium } from "../lib/testing/resolve-chromium";

const root = path.resolve(import.meta.dirname, "..");
// `npm test` resolves the browser once and passes CHROMIUM_PATH, so the runner and each worker find it at once.
const browser = await resolveChromium();

/**
 * End-to-end tests in a real Chromium against the built app (`next build` first; `npm test` does it).
 * The global setup starts the production server on a fresh database and signs nothing in: the bootstrap
 * project does that through the UI, as a first-time admin would.
 */
export default defineConfig({
  testDir: ".",
  outputDir: path.join(root, "test-results/e2e"),
  forbidOnly: Boolean(process.env.CI),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    ["list"],
    ["json", { outputFile: process.env.E2E_JSON_REPORT ?? path.join(root, "test-results/e2e-report.json") }],
  ],
  globalSetup: "./support/global-setup.ts",
  use: {
    ...devices["Desktop Chrome"],
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: browser.executablePath,
      args: [...CHROMIUM_LAUNCH_ARGS],
      env: { ...process.env, ...browser.env },
    },
  },
  projects: [
    { name: "bootstrap", testMatch: /bootstrap\.setup\.ts$/ },
    { name: "console", testMatch: /\.spec\.ts$/, testIgnore: /audit\.spec\.ts$/, dependencies: ["bootstrap"] },
    // Runs last: it checks that everything the other specs did is in the audit log.
    { name: "audit", testMatch: /audit\.spec\.ts$/, dependencies: ["console"] },
  ],
});
