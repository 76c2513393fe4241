import { expect, test } from "@playwright/test";
import path from "node:path";
import pg from "pg";
import { ADMIN_STATE, baseUrl, formAlert, root, screenshot, signIn } from "./support/helpers";
import { addVirtualAuthenticator } from "./support/passkeys";

const NEW_PASSWORD = "second admin passphrase 77";

/** Makes every live session of `email` look as if its second factor was proved 9 hours ago (past any step-up window). */
async function ageSecondFactor(email: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    await client.query(
      `UPDATE console_session SET "secondFactorAt" = now() - interval '9 hours'
       WHERE "revokedAt" IS NULL AND "userId" = (SELECT id FROM console_user WHERE email = $1)`,
      [email],
    );
  } finally {
    await client.end();
  }
}

test.describe("console passkeys and step-up", () => {
  test("a new admin enrols a passkey at first sign-in, signs in with password + passkey, and steps up before a policy change", async ({ browser }) => {
    // The bootstrap admin adds a second admin.
    const admin = await browser.newContext({ storageState: ADMIN_STATE });
    const adminPage = await admin.newPage();
    await adminPage.goto(`${baseUrl()}/settings/console-users`);
    const email = `second-admin-${Date.now()}@example.com`;
    await adminPage.getByLabel("Name", { exact: true }).fill("Second Admin");
    await adminPage.getByLabel("E-mail address", { exact: true }).fill(email);
    await adminPage.getByLabel("Role", { exact: true }).selectOption("ADMIN");
    await adminPage.getByRole("button", { name: "Add user" }).click();
    const oneTimePassword = (await adminPage.getByTestId("one-time-password").textContent())?.trim() ?? "";
    await expect(adminPage.getByTestId("console-user-row").filter({ hasText: email })).toContainText("No passkey yet");

    // First sign-in: password change, then the passkey enrolment; the console stays shut until it is done.
    const context = await browser.newContext();
    const page = await context.newPage();
    const authenticator = await addVirtualAuthenticator(page);
    await signIn(page, email, oneTimePassword);
    await page.getByLabel("Current password").fill(oneTimePassword);
    await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("Repeat new password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page).toHaveURL(/\/enrol-passkey$/);
    await page.goto(`${baseUrl()}/dashboard`);
    await expect(page).toHaveURL(/\/enrol-passkey$/);
    await page.getByLabel("Passkey name").fill("Work laptop");
    await page.getByRole("button", { name: "Create passkey" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);

    // The passkey is listed; the last one of an admin cannot be removed.
    await page.goto(`${baseUrl()}/account/security`);
    const row = page.getByTestId("passkey-row").filter({ hasText: "Work laptop" });
    await expect(row).toContainText("not used yet");
    await row.getByRole("button", { name: "Remove Work laptop" }).click();
    await expect(formAlert(page)).toContainText("Admins must keep a passkey");
    await expect(page.getByTestId("passkey-row")).toHaveCount(1);
    await screenshot(page, "181-account-security-passkeys");

    // Signing in again: the password alone is not enough; the passkey completes it.
    await page.getByRole("button", { name: "Sign out" }).last().click();
    await expect(page).toHaveURL(/\/sign-in\?signedOut=1$/);
    await signIn(page, email, NEW_PASSWORD);
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole("heading", { name: "Welcome, Second Admin" })).toBeVisible();
    await page.goto(`${baseUrl()}/account/security`);
    await expect(page.getByTestId("passkey-row").filter({ hasText: "Work laptop" })).toContainText("last used");

    // Step-up: with a stale second factor the policy save is refused until a fresh passkey assertion.
    await ageSecondFactor(email);
    await authenticator.cdp.send("WebAuthn.setUserVerified", { authenticatorId: authenticator.authenticatorId, isUserVerified: false });
    await page.goto(`${baseUrl()}/settings/verification-policy`);
    await page.getByRole("button", { name: "Save as a new version" }).click();
    const dialog = page.getByRole("dialog", { name: "Confirm it is you" });
    await expect(dialog).toBeVisible();
    // The authenticator refuses user verification this time: the prompt stays, nothing was saved.
    await expect(dialog.getByRole("alert")).toContainText("closed or timed out");
    // The viewport, not the full page: a full-page capture draws the fixed dialog and sidebar out of place.
    await page.screenshot({ path: path.join(root, "test-results/screenshots/182-step-up-prompt.png") });
    await authenticator.cdp.send("WebAuthn.setUserVerified", { authenticatorId: authenticator.authenticatorId, isUserVerified: true });
    await dialog.getByRole("button", { name: "Confirm with passkey" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByText(/Nothing changed, so no new version was saved/)).toBeVisible();
    await screenshot(page, "183-after-step-up");

    // Recovery: the bootstrap admin resets the second admin's passkeys; the next sign-in enrols again.
    await adminPage.reload();
    adminPage.once("dialog", (confirm) => void confirm.accept());
    await adminPage.getByTestId("console-user-row").filter({ hasText: email }).getByRole("button", { name: "Reset passkeys" }).click();
    await expect(adminPage.getByTestId("console-user-row").filter({ hasText: email })).toContainText("No passkey yet");
    await page.goto(`${baseUrl()}/dashboard`);
    await expect(page).toHaveURL(/\/sign-in$/);
    await signIn(page, email, NEW_PASSWORD);
    await expect(page).toHaveURL(/\/enrol-passkey$/);
    await context.close();
    await admin.close();
  });
});
