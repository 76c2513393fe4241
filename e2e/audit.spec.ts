import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { ADMIN_PASSWORD_FILE, ADMIN_STATE, baseUrl, screenshot, signIn, formAlert } from "./support/helpers";

test.describe("audit log", () => {
  test("admins browse, filter and export the log as CSV", async ({ browser }) => {
    // Produce a fresh failed sign-in and a sign-in we can look for.
    const anonymous = await browser.newContext();
    const anonymousPage = await anonymous.newPage();
    const probeEmail = `probe-${Date.now()}@example.com`;
    await signIn(anonymousPage, probeEmail, "wrong password");
    await expect(formAlert(anonymousPage)).toBeVisible();
    await anonymous.close();

    const admin = await browser.newContext({ storageState: ADMIN_STATE });
    const page = await admin.newPage();
    await page.goto(`${baseUrl()}/audit`);
    await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
    const rows = page.getByTestId("audit-row");
    // Everything the other specs did is on record (the audit project depends on the console project, so they ran first).
    for (const action of [
      "auth.sign_in",
      "auth.sign_in_failed",
      "auth.sign_in_rate_limited",
      "auth.sign_out",
      "auth.password_changed",
      "access.denied",
      "console_user.bootstrapped",
      "console_user.created",
      "console_user.disabled",
      "self_service.started",
      "verification.evidence_matched",
      "credential_reset.requested",
      "credential_reset.refused",
      "credential_reset.completed",
      "credential_reset.secret_shown",
    ]) {
      await page.goto(`${baseUrl()}/audit?action=${action}`);
      await expect(rows.first(), action).toContainText(action);
    }
    await page.goto(`${baseUrl()}/audit`);
    await screenshot(page, "08-audit-log");

    // Filter by action and actor.
    await page.getByLabel("Action").selectOption("auth.sign_in_failed");
    await page.getByLabel("Actor").fill(probeEmail);
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/action=auth.sign_in_failed/);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(probeEmail);
    await expect(rows.first()).toContainText("unknown_account");

    // A date range in the future matches nothing; an inverted range is explained.
    await page.goto(`${baseUrl()}/audit?from=2999-01-01`);
    await expect(page.getByText("No events match this filter")).toBeVisible();
    await page.goto(`${baseUrl()}/audit?from=2026-12-31&to=2026-01-01`);
    await expect(page.getByText("The end date is before the start date.")).toBeVisible();

    // Export what the filter shows.
    await page.goto(`${baseUrl()}/audit?action=auth.sign_in_failed`);
    const downloadPromise = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/^audit-log-.*\.csv$/);
    const csv = readFileSync((await download.path())!, "utf8");
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("id,occurred_at,actor_type,actor,actor_id,action,target_type,target,target_id,ip,user_agent,details");
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((line) => line.includes(",auth.sign_in_failed,"))).toBe(true);
    expect(csv).toContain(probeEmail);
    // No password, hash or secret ever reaches the log.
    expect(csv).not.toContain(readFileSync(ADMIN_PASSWORD_FILE, "utf8"));
    expect(csv).not.toContain("$argon2");

    // The export is itself audited.
    await page.goto(`${baseUrl()}/audit?action=audit.exported`);
    await expect(rows.first()).toContainText("audit.exported");
    await admin.close();
  });

  test("the console works on a phone-sized screen", async ({ browser }) => {
    const phone = await browser.newContext({ storageState: ADMIN_STATE, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    await page.goto(`${baseUrl()}/dashboard`);
    await expect(page.getByRole("button", { name: "Menu" })).toBeVisible();
    await screenshot(page, "09-dashboard-phone");
    await page.getByRole("button", { name: "Menu" }).click();
    await page.getByRole("link", { name: "Audit log" }).first().click();
    await expect(page).toHaveURL(/\/audit$/);
    await screenshot(page, "10-audit-phone");
    await phone.close();
  });
});
