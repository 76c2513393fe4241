import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { ADMIN_PASSWORD_FILE, baseUrl, screenshot, signIn, formAlert } from "./support/helpers";
import { installAdminPasskey } from "./support/passkeys";

const GENERIC = "The e-mail address or password is incorrect, or the account is disabled.";

test.describe("sign-in", () => {
  test("wrong password and unknown account get the same generic error", async ({ page }) => {
    await signIn(page, process.env.E2E_BOOTSTRAP_EMAIL ?? "", "definitely wrong");
    await expect(formAlert(page)).toHaveText(GENERIC);
    await signIn(page, "nobody@example.com", "definitely wrong");
    await expect(formAlert(page)).toHaveText(GENERIC);
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test("repeated failures for one account from one network are slowed down, a minute at first", async ({ page }) => {
    const email = `target-${Date.now()}@example.com`;
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await signIn(page, email, `guess ${attempt}`);
      await expect(formAlert(page)).toHaveText(GENERIC);
    }
    await signIn(page, email, "guess 6");
    await expect(formAlert(page)).toContainText("Too many sign-in attempts. Try again in 1 minute.");
    await screenshot(page, "07-sign-in-rate-limited");
  });

  test("session cookie is httpOnly and SameSite; signing out revokes the session on the server", async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await installAdminPasskey(page);
    await signIn(page, process.env.E2E_BOOTSTRAP_EMAIL ?? "", readFileSync(ADMIN_PASSWORD_FILE, "utf8"));
    // The password is the first step; the passkey (asked for at once on /second-factor) the second.
    await expect(page).toHaveURL(/\/dashboard$/);
    const cookies = await context.cookies();
    const sessionCookie = cookies.find((candidate) => candidate.name.includes("authjs.session-token"));
    expect(sessionCookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });

    await page.getByRole("button", { name: "Sign out" }).last().click();
    await expect(page).toHaveURL(/\/sign-in\?signedOut=1$/);
    await expect(page.getByText("You have signed out.")).toBeVisible();

    // A copy of the old cookie (e.g. stolen before sign-out) no longer opens the console.
    const replay = await browser.newContext();
    await replay.addCookies(cookies);
    const replayPage = await replay.newPage();
    await replayPage.goto(`${baseUrl()}/dashboard`);
    await expect(replayPage).toHaveURL(/\/sign-in$/);
    await replay.close();
    await context.close();
  });
});
