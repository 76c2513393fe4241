import { expect, test } from "@playwright/test";
import { ADMIN_STATE, baseUrl, screenshot, signIn } from "./support/helpers";

const GENERIC = "The e-mail address or password is incorrect, or the account is disabled.";

test.describe("sign-in", () => {
  test("wrong password and unknown account get the same generic error", async ({ page }) => {
    await signIn(page, process.env.E2E_BOOTSTRAP_EMAIL ?? "", "definitely wrong");
    await expect(page.getByRole("alert")).toHaveText(GENERIC);
    await signIn(page, "nobody@example.com", "definitely wrong");
    await expect(page.getByRole("alert")).toHaveText(GENERIC);
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test("repeated failures for one account are rate-limited", async ({ page }) => {
    const email = `target-${Date.now()}@example.com`;
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await signIn(page, email, `guess ${attempt}`);
      await expect(page.getByRole("alert")).toHaveText(GENERIC);
    }
    await signIn(page, email, "guess 6");
    await expect(page.getByRole("alert")).toContainText("Too many sign-in attempts. Try again in 15 minutes.");
    await screenshot(page, "07-sign-in-rate-limited");
  });

  test("session cookie is httpOnly and SameSite; signing out ends the session", async ({ browser }) => {
    const context = await browser.newContext({ storageState: ADMIN_STATE });
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/dashboard`);
    const cookie = (await context.cookies()).find((candidate) => candidate.name.includes("authjs.session-token"));
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    // Sign out from a copy of the session, so the shared admin state stays valid for other tests.
    await page.getByRole("button", { name: "Sign out" }).last().click({ force: true });
    await expect(page).toHaveURL(/\/sign-in\?signedOut=1$/);
    await expect(page.getByText("You have signed out.")).toBeVisible();
    await page.goto(`${baseUrl()}/dashboard`);
    await expect(page).toHaveURL(/\/sign-in$/);
    await context.close();
  });
});
