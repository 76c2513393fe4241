import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const root = path.resolve(import.meta.dirname, "..");

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
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "bootstrap", testMatch: /bootstrap\.setup\.ts$/ },
    { name: "console", testMatch: /\.spec\.ts$/, testIgnore: /audit\.spec\.ts$/, dependencies: ["bootstrap"] },
    // Runs last: it checks that everything the other specs did is in the audit log.
    { name: "audit", testMatch: /audit\.spec\.ts$/, dependencies: ["console"] },
  ],
});
