import { chromium, type Page } from "@playwright/test";
import { CHROMIUM_LAUNCH_ARGS, resolveChromium, type ResolvedChromium } from "@/lib/testing/resolve-chromium";

let resolved: Promise<ResolvedChromium> | undefined;

/**
 * Runs fn with a fresh page in the test Chromium (see resolveChromium: CHROMIUM_PATH, the system's, or the
 * one npm ships) and always closes the browser.
 */
export async function withChromiumPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
  resolved ??= resolveChromium();
  const { executablePath, env } = await resolved;
  const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_LAUNCH_ARGS], env: { ...process.env, ...env } });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    return await fn(page);
  } finally {
    await browser.close();
  }
}
