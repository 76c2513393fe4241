import { chromium, type Page } from "@playwright/test";

/** Same flags as the e2e suite: no sandbox as root, no GPU, /dev/shm is small in containers. */
const LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update"];

/**
 * Runs fn with a fresh page in the system Chromium (CHROMIUM_PATH overrides /usr/bin/chromium,
 * so a machine with Playwright's own browser works too) and always closes the browser.
 */
export async function withChromiumPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: LAUNCH_ARGS });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    return await fn(page);
  } finally {
    await browser.close();
  }
}
