import { type Browser, expect, type Page, type test as playwrightTest } from "@playwright/test";
import { ADMIN_STATE, baseUrl } from "./helpers";

/** Connect the built-in Okta sandbox and wait for its first sync, as an admin would. */
export async function connectOktaSandbox(page: Page): Promise<void> {
  await page.goto(`${baseUrl()}/settings/identity-provider`);
  await page.getByRole("tab", { name: "Okta" }).click();
  await page.getByRole("button", { name: "Fill in the sandbox org" }).click();
  await page.getByRole("button", { name: "Save and generate key pair" }).click();
  await page.getByRole("button", { name: "Register keys in the sandbox org" }).click();
  await expect(page.getByText("Public keys registered")).toBeVisible();
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText("Active", { exact: true })).toBeVisible();
  await expect(page.getByTestId("sync-history").getByText("succeeded")).toBeVisible({ timeout: 60_000 });
}

export async function deleteConnectionIfAny(page: Page): Promise<void> {
  await page.goto(`${baseUrl()}/settings/identity-provider`);
  const remove = page.getByRole("button", { name: "Delete connection" });
  if ((await remove.count()) === 0) return;
  page.once("dialog", (dialog) => void dialog.accept());
  await remove.click();
  await expect(page.getByRole("tab", { name: "Okta" })).toBeVisible();
}

async function withAdminPage(browser: Browser, run: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  try {
    await run(await context.newPage());
  } finally {
    await context.close();
  }
}

/**
 * For a describe block that needs synced employees: connects the Okta sandbox org before its tests and removes
 * the connection after them, so every spec starts from none, as on a fresh install.
 */
export function useConnectedOktaSandbox(test: typeof playwrightTest): void {
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(150_000);
    await withAdminPage(browser, async (page) => {
      await deleteConnectionIfAny(page);
      await connectOktaSandbox(page);
    });
  });
  test.afterAll(async ({ browser }) => {
    await withAdminPage(browser, deleteConnectionIfAny);
  });
}
