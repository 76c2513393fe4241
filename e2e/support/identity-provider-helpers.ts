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

/**
 * Connect the built-in Entra sandbox tenant with its client secret, approve admin consent on the sandbox's consent
 * page, and wait for the first sync. The page's context must accept the sandbox's local CA (`ignoreHTTPSErrors`).
 */
export async function connectEntraSandbox(page: Page): Promise<void> {
  await page.goto(`${baseUrl()}/settings/identity-provider`);
  await page.getByRole("tab", { name: "Microsoft Entra ID" }).click();
  // Tenant, client id and secret, employee group id and the sandbox's endpoints.
  await page.getByRole("button", { name: "Fill in the sandbox tenant" }).click();
  await page.getByRole("button", { name: "Save and grant admin consent" }).click();
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page).toHaveURL(/\/settings\/identity-provider\?consent=granted$/);
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
  // The Entra sandbox's consent page is served with a local, throwaway CA; the console itself is plain http.
  const context = await browser.newContext({ storageState: ADMIN_STATE, ignoreHTTPSErrors: true });
  try {
    await run(await context.newPage());
  } finally {
    await context.close();
  }
}

/**
 * For a describe block that needs synced employees: connects a sandbox before its tests and removes the connection
 * after them, so every spec starts from none, as on a fresh install.
 */
function useConnectedSandbox(test: typeof playwrightTest, connect: (page: Page) => Promise<void>): void {
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(150_000);
    await withAdminPage(browser, async (page) => {
      await deleteConnectionIfAny(page);
      await connect(page);
    });
  });
  test.afterAll(async ({ browser }) => {
    await withAdminPage(browser, deleteConnectionIfAny);
  });
}

/** The Okta sandbox org, connected for the describe block (see `useConnectedSandbox`). */
export function useConnectedOktaSandbox(test: typeof playwrightTest): void {
  useConnectedSandbox(test, connectOktaSandbox);
}

/** The Entra sandbox tenant, connected (admin consent approved) for the describe block (see `useConnectedSandbox`). */
export function useConnectedEntraSandbox(test: typeof playwrightTest): void {
  useConnectedSandbox(test, connectEntraSandbox);
}
