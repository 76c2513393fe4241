import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ADMIN_PASSWORD_FILE, ADMIN_STATE, baseUrl, screenshot, signIn, formAlert } from "./support/helpers";
import { addVirtualAuthenticator, exportPasskeys } from "./support/passkeys";

const NEW_ADMIN_PASSWORD = "correct horse battery staple 42";

test("the bootstrap admin signs in with the printed one-time password and must change it", async ({ page }) => {
  const email = process.env.E2E_BOOTSTRAP_EMAIL ?? "";
  const oneTimePassword = process.env.E2E_BOOTSTRAP_PASSWORD ?? "";
  const cspViolations: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && message.text().includes("Content Security Policy")) cspViolations.push(message.text());
  });

  const first = await page.goto(`${baseUrl()}/dashboard`);
  // Every page carries a strict, per-response nonce CSP.
  const policy = (await first?.allHeaders())?.["content-security-policy"] ?? "";
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(policy).toContain("frame-ancestors 'none'");
  await expect(page).toHaveURL(/\/sign-in$/);
  await screenshot(page, "01-sign-in");

  const authenticator = await addVirtualAuthenticator(page);
  await signIn(page, email, oneTimePassword);
  await expect(page).toHaveURL(/\/change-password$/);
  await expect(page.getByText("Choose a new password to continue")).toBeVisible();
  await screenshot(page, "02-forced-password-change");

  // Nothing else is reachable until the password is changed.
  await page.goto(`${baseUrl()}/settings/console-users`);
  await expect(page).toHaveURL(/\/change-password$/);

  await page.getByLabel("Current password").fill(oneTimePassword);
  await page.getByLabel("New password", { exact: true }).fill("short");
  await page.getByLabel("Repeat new password").fill("short");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Use at least 12 characters.")).toBeVisible();

  await page.getByLabel("New password", { exact: true }).fill(NEW_ADMIN_PASSWORD);
  await page.getByLabel("Repeat new password").fill(NEW_ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  // Admins sign in with a passkey: the first sign-in ends on the enrolment page, and nothing else opens before it.
  await expect(page).toHaveURL(/\/enrol-passkey$/);
  await screenshot(page, "180-passkey-enrolment");
  await page.goto(`${baseUrl()}/settings/console-users`);
  await expect(page).toHaveURL(/\/enrol-passkey$/);
  await page.getByLabel("Passkey name").fill("Bootstrap laptop");
  await page.getByRole("button", { name: "Create passkey" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Welcome, Bootstrap admin" })).toBeVisible();
  await screenshot(page, "03-dashboard-admin");

  // The one-time password no longer works.
  const other = await page.context().browser()!.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, email, oneTimePassword);
  await expect(formAlert(otherPage)).toContainText("The e-mail address or password is incorrect");
  await other.close();

  // The whole flow ran its scripts under the CSP (forms above only work with JavaScript), and nothing was blocked.
  expect(cspViolations).toEqual([]);

  mkdirSync(path.dirname(ADMIN_STATE), { recursive: true });
  await page.context().storageState({ path: ADMIN_STATE });
  await exportPasskeys(authenticator);
  writeFileSync(ADMIN_PASSWORD_FILE, NEW_ADMIN_PASSWORD, { mode: 0o600 });
});
