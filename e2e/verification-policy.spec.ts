import { type Browser, expect, type Locator, type Page, test } from "@playwright/test";
import { ADMIN_STATE, baseUrl, callServerAction, formAlert, screenshot } from "./support/helpers";
import { connectOktaSandbox, deleteConnectionIfAny } from "./support/identity-provider-helpers";

const POLICY_PAGE = "/settings/verification-policy";

async function openPolicy(page: Page): Promise<void> {
  await page.goto(`${baseUrl()}${POLICY_PAGE}`);
  await expect(page.getByRole("heading", { name: "Verification policy", exact: true })).toBeVisible();
}

/** Picks Required / Optional / Off for one claim in its segmented control. */
async function setClaim(page: Page, claim: string, requirement: "Required" | "Optional" | "Off"): Promise<void> {
  const group = page.getByRole("radiogroup", { name: claim, exact: true });
  await group.getByText(requirement, { exact: true }).click();
  await expect(group.getByRole("radio", { name: requirement })).toBeChecked();
}

/** "N of M active employees can pass", once the debounced simulation has settled. */
async function readHeadline(panel: Locator): Promise<{ canPass: number; total: number }> {
  await expect(panel).toHaveAttribute("aria-busy", "false");
  const text = (await panel.getByTestId("simulation-headline").textContent()) ?? "";
  const match = text.replaceAll(",", "").match(/(\d+)\s*of (\d+) active employees can pass/);
  if (!match) throw new Error(`Unexpected simulation headline: ${text}`);
  return { canPass: Number(match[1]), total: Number(match[2]) };
}

async function adminPage(browser: Browser, viewport?: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext(viewport ? { storageState: ADMIN_STATE, viewport, isMobile: true, hasTouch: true } : { storageState: ADMIN_STATE });
  return context.newPage();
}

test.describe("verification policy", () => {
  test("admins tune the claims against a live simulation, save versions and see them audited", async ({ browser }) => {
    const page = await adminPage(browser);
    // Earlier specs delete their connections; start from none whatever ran before.
    await deleteConnectionIfAny(page);

    await openPolicy(page);
    await expect(page.getByText("Version 1", { exact: true }).first()).toBeVisible();
    await expect(page.getByTestId("simulation-empty")).toContainText("No identity provider connected");

    await connectOktaSandbox(page);
    await openPolicy(page);
    const panel = page.getByTestId("simulation");
    const before = await readHeadline(panel);
    expect(before.total).toBeGreaterThan(50);
    expect(before.canPass).toBeGreaterThan(0);

    // Okta's base profile has no date of birth: requiring it blocks everyone, and the panel says so before saving.
    await setClaim(page, "Date of birth", "Required");
    await expect(panel.getByTestId("simulation-headline")).toContainText(`0 of ${before.total.toLocaleString("en")} active employees can pass`);
    await expect(panel.getByTestId("simulation-missing").getByRole("listitem").filter({ hasText: "Date of birth" })).toContainText("blocking");
    await expect(panel).toContainText(`first 50 of ${before.total.toLocaleString("en")}, by login`);
    await expect(panel.getByTestId("simulation-blocked").getByRole("listitem")).toHaveCount(50);
    await expect(panel.getByTestId("simulation-blocked").getByRole("listitem").first()).toContainText("Missing: Date of birth");
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, "30-verification-policy-simulation");

    // Back to Off: the numbers return; requiring the mobile phone blocks only those without one.
    await setClaim(page, "Date of birth", "Off");
    expect(await readHeadline(panel)).toEqual(before);
    await setClaim(page, "Mobile phone", "Required");
    const withPhone = await readHeadline(panel);
    expect(withPhone.canPass).toBeLessThan(before.canPass);
    const employeeLink = panel.getByTestId("simulation-blocked").getByRole("link").first();
    await expect(employeeLink).toHaveAttribute("href", /^\/directory\/[0-9a-f-]{36}$/);

    // Invalid values are explained on their fields and nothing is saved.
    await page.getByLabel("Link lifetime (minutes)").fill("5");
    await page.getByRole("checkbox", { name: /Possession code/ }).uncheck();
    await page.getByRole("checkbox", { name: /ID document/ }).uncheck();
    await page.getByRole("button", { name: "Save as a new version" }).click();
    await expect(page.getByText("A link must live at least 10 minutes.")).toBeVisible();
    await expect(page.getByText(/Turn on the possession code, the ID document or both/)).toBeVisible();
    await expect(page.getByText(/Self-service needs the ID document check/)).toBeVisible();
    await page.getByRole("checkbox", { name: /Possession code/ }).check();
    await page.getByRole("checkbox", { name: /ID document/ }).check();
    await expect(page.getByText(/Turn on the possession code, the ID document or both/)).toHaveCount(0);
    await expect(page.getByText(/Self-service needs the ID document check/)).toHaveCount(0);
    await page.getByRole("button", { name: "4 hours", exact: true }).click();
    await expect(page.getByText("A link must live at least 10 minutes.")).toHaveCount(0);

    // A second admin tab opened on version 1 will be stale once this one saves.
    const otherTab = await page.context().newPage();
    await openPolicy(otherTab);

    await page.getByRole("button", { name: "Save as a new version" }).click();
    await expect(page.getByText(/Saved as version 2\./)).toBeVisible();
    await expect(page.getByText("Version 2", { exact: true }).first()).toBeVisible();
    const history = page.getByTestId("policy-history");
    await expect(history.getByRole("listitem").filter({ hasText: "Version 2" }).first()).toContainText("Mobile phone: Optional → Required");
    await expect(history).toContainText("Link lifetime: 24 hours → 4 hours");
    await expect(history).toContainText("Initial policy");
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, "31-verification-policy-saved");

    // Saving again with nothing changed writes no version.
    await page.getByRole("button", { name: "Save as a new version" }).click();
    await expect(page.getByText(/Nothing changed, so no new version was saved/)).toBeVisible();

    // The stale tab is refused instead of overwriting version 2.
    await setClaim(otherTab, "Country", "Required");
    await otherTab.getByRole("button", { name: "Save as a new version" }).click();
    await expect(formAlert(otherTab).filter({ hasText: /Someone else changed the verification policy/ })).toBeVisible();
    await otherTab.close();

    // The change is in the audit log, field by field.
    await page.goto(`${baseUrl()}/audit?action=verification_policy.updated`);
    const rows = page.getByTestId("audit-row");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("Mobile phone: Optional → Required");
    await expect(rows.first()).toContainText("Version 2");

    // Phone width: the form and the simulation stack.
    const phone = await adminPage(browser, { width: 390, height: 844 });
    await openPolicy(phone);
    await expect(phone.getByTestId("simulation-headline")).toBeVisible();
    await screenshot(phone, "32-verification-policy-phone");
    await phone.context().close();

    // What follows a verification is saved like the rest, and still there after a reload.
    await openPolicy(page);
    await expect(page.getByRole("radio", { name: "Temporary password shown once" })).toBeChecked();
    await page.getByRole("radio", { name: "Okta reset link" }).check();
    await page.getByRole("button", { name: "Save as a new version" }).click();
    await expect(page.getByText(/Saved as version 3\./)).toBeVisible();
    await openPolicy(page);
    await expect(page.getByRole("radio", { name: "Okta reset link" })).toBeChecked();
    await expect(page.getByTestId("policy-history")).toContainText("Okta password reset: Temporary password shown once → Okta reset link");

    // Leave the rules as later specs expect them: the default claims, lifetime and Okta method again, as version 4.
    await setClaim(page, "Mobile phone", "Optional");
    await page.getByRole("button", { name: "24 hours", exact: true }).click();
    await page.getByRole("radio", { name: "Temporary password shown once" }).check();
    await page.getByRole("button", { name: "Save as a new version" }).click();
    await expect(page.getByText(/Saved as version 4\./)).toBeVisible();
    await expect(page.getByTestId("policy-history")).toContainText("Mobile phone: Required → Optional");

    await deleteConnectionIfAny(page);
    await page.context().close();
  });

  test("the save action refuses callers without a session", async ({ playwright }) => {
    const anonymous = await playwright.request.newContext();
    const body = await callServerAction(anonymous, POLICY_PAGE, "saveVerificationPolicyAction", [{ claims: {} }]);
    expect(body).toContain("unauthenticated");
    await anonymous.dispose();
  });
});
