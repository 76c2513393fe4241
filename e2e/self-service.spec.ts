import { expect, test, type Page } from "@playwright/test";
import { baseUrl, screenshot } from "./support/helpers";
import { useConnectedEntraSandbox, useConnectedOktaSandbox } from "./support/identity-provider-helpers";
import { entraSandboxUser, oktaSandboxUser, setOktaSandboxUser } from "./support/sandbox-admin";
import { installCanvasCamera, mirandaSelfie, takeLiveSelfie } from "./support/live-selfie";
import { chooseReset, employeeDesktop, enterAddress, photographLicence, revealSecret, selfServiceCandidates, verifyThroughPortal } from "./support/self-service-helpers";
import { readQrCode } from "./support/read-qr-code";
import { adminConsole, employeePhone, finishVerificationOnPhone, openEmployee } from "./support/verification-helpers";

// From the end of the list: the helpdesk and verification specs use the first candidates.
const people = selfServiceCandidates().reverse();
const OKTA_DOMAIN = "example.com";
const ENTRA_DOMAIN = "verifydsandbox.onmicrosoft.com";

/** The visible text of the "continue" page without what legitimately differs (the time the link lapses). */
async function continuePageText(page: Page): Promise<string> {
  return ((await page.locator("main").innerText()) ?? "").replace(/Valid until \d\d:\d\d UTC/, "Valid until …");
}

test.describe("self-service on Okta", () => {
  test.describe.configure({ mode: "serial", timeout: 180_000 });
  useConnectedOktaSandbox(test);

  test("an unknown address gets the same pages and the same failure as a known one", async ({ browser }) => {
    const person = people[0]!;
    const known = await employeeDesktop(browser);
    await enterAddress(known, `${person.loginLocalPart}@${OKTA_DOMAIN}`);
    const unknown = await employeeDesktop(browser);
    // The stranger's own computer has a camera: theirs is the face the steps will see.
    const { portrait, frames } = await mirandaSelfie();
    await installCanvasCamera(unknown.context());
    await enterAddress(unknown, `nobody.at.all@${OKTA_DOMAIN}`);
    expect(await continuePageText(unknown)).toBe(await continuePageText(known));
    await screenshot(unknown, "100-portal-continue-unknown-address");

    // The stranger continues here with a perfectly good licence (someone's, with the stranger's own face on it) and
    // their own live face: the same steps as the holder's, then the same failure.
    await unknown.getByRole("button", { name: "Start verification" }).click();
    await expect(unknown.getByRole("heading", { name: "Photograph your ID document" })).toBeVisible();
    await photographLicence(browser, unknown, person, portrait);
    expect(await takeLiveSelfie(unknown, frames)).toBe("verified");
    await expect(unknown.getByRole("heading", { name: /Confirm a few details|Finish verification/ })).toBeVisible({ timeout: 30_000 });
    await unknown.getByRole("button", { name: "Submit" }).click();
    await expect(unknown.getByRole("heading", { name: "We couldn't verify your identity" })).toBeVisible();
    await screenshot(unknown, "101-portal-unknown-address-failed");
    await known.context().close();
    await unknown.context().close();
  });

  test("from address entry to a completed password reset and MFA reset; the org shows both", async ({ browser }) => {
    const person = people[1]!;
    const login = `${person.loginLocalPart}@${OKTA_DOMAIN}`;
    const admin = await adminConsole(browser);
    await expect.poll(async () => (await oktaSandboxUser(login)).factors.length).toBeGreaterThan(0);
    const phone = await verifyThroughPortal(browser, admin, person, login.toUpperCase(), "102");
    await screenshot(phone, "103-portal-verified-choices-phone");

    await chooseReset(phone, /Reset my password/, /Password reset: done/);
    const password = await revealSecret(phone, "Show my temporary password");
    await screenshot(phone, "104-portal-temporary-password-phone");
    let org = await oktaSandboxUser(login);
    expect(org.status).toBe("PASSWORD_EXPIRED");
    expect(org.tempPasswordIssuedAt).not.toBeNull();
    expect(org.sessionsClearedAt).not.toBeNull();
    // Shown once: a reload hides it for good.
    await phone.reload();
    await expect(phone.getByTestId("reset-secret")).toHaveCount(0);
    await expect(phone.getByText(password)).toHaveCount(0);

    await chooseReset(phone, /Reset my sign-in methods/, /MFA reset: done/);
    org = await oktaSandboxUser(login);
    expect(org.factorsResetAt).not.toBeNull();
    expect(org.factors).toEqual([]);
    await screenshot(phone, "105-portal-mfa-reset-done-phone");

    // The notice reached the addresses on record, without a link or a secret.
    await admin.goto(`${baseUrl()}/outbox`);
    await expect(admin.getByTestId("outbox-row").filter({ hasText: "Your sign-in methods (MFA) were reset" }).first()).toBeVisible();

    // The desk sees how strong the evidence was: document and live face, with the face row and its numbers.
    await admin.goto(`${baseUrl()}/helpdesk/requests`);
    await admin.getByTestId("verification-requests").getByRole("row").filter({ hasText: login }).getByRole("link").first().click();
    await expect(admin.getByText("Assurance: document and live face")).toBeVisible();
    await expect(admin.getByTestId("assurance")).toContainText("Meets the policy");
    await expect(admin.getByTestId("face-check")).toContainText("passport photo page");
    await expect(admin.getByTestId("face-check")).toContainText(/Challenge\s*passed/);
    await screenshot(admin, "105a-helpdesk-self-service-assurance");
    await phone.context().close();
    await admin.context().close();
  });

  test("an administrator is refused with an explanation, before anything is changed", async ({ browser }) => {
    const person = people[2]!;
    const login = `${person.loginLocalPart}@${OKTA_DOMAIN}`;
    // Granted after the last sync: only the workflow's live check can see it.
    await setOktaSandboxUser(login, { roles: ["SUPER_ADMIN"] });
    try {
      const admin = await adminConsole(browser);
      const phone = await verifyThroughPortal(browser, admin, person, login);
      await phone.getByRole("button", { name: /Reset my password/ }).click();
      await expect(phone.getByText("Password reset: not possible here")).toBeVisible({ timeout: 30_000 });
      await expect(phone.getByText(/administrator rights \(.*Super/i)).toBeVisible();
      await screenshot(phone, "106-portal-privileged-refused-phone");
      const org = await oktaSandboxUser(login);
      expect(org.tempPasswordIssuedAt).toBeNull();
      expect(org.status).not.toBe("PASSWORD_EXPIRED");
      await phone.context().close();
      await admin.context().close();
    } finally {
      await setOktaSandboxUser(login, { roles: [] });
    }
  });
});

test.describe("agent-assisted reset on Okta", () => {
  test.describe.configure({ mode: "serial", timeout: 180_000 });
  useConnectedOktaSandbox(test);

  test("the agent resets MFA for a caller who verified and read back their code; the result shows on the caller's screen", async ({ browser }) => {
    const person = people[4]!;
    const login = `${person.loginLocalPart}@${OKTA_DOMAIN}`;
    const agent = await adminConsole(browser);
    await openEmployee(agent, person);
    await agent.getByLabel("Why are you verifying them?").selectOption({ label: "Multi-factor authentication reset" });
    await agent.getByLabel("Send the link").selectOption({ label: "Don't send: show a QR code here" });
    await agent.getByRole("button", { name: "Send verification link" }).click();
    const link = await readQrCode(agent.getByRole("img", { name: "QR code of the verification link" }));

    const phone = await employeePhone(browser);
    await phone.goto(link);
    await phone.getByRole("button", { name: "Start verification" }).click();
    await finishVerificationOnPhone(phone, agent, person);
    const bindingCode = (await phone.getByTestId("binding-code").textContent())!.trim();

    // Before the read-back the agent cannot act; after it, only the purpose's action is offered.
    await expect(agent.getByTestId("verification-status")).toHaveText("Verified", { timeout: 15_000 });
    await expect(agent.getByText("Confirm the caller with the read-back code first")).toBeVisible();
    await agent.getByLabel("Code the caller reads out").fill(bindingCode);
    await agent.getByRole("button", { name: "Confirm caller" }).click();
    await expect(agent.getByTestId("caller-binding")).toContainText("Caller confirmed");
    await expect(agent.getByRole("button", { name: "Reset password" })).toHaveCount(0);
    agent.once("dialog", (dialog) => void dialog.accept());
    await agent.getByRole("button", { name: "Reset MFA" }).click();
    await expect(agent.getByTestId("credential-resets")).toContainText("Done", { timeout: 30_000 });
    await expect(agent.getByTestId("credential-resets")).toContainText("Remove sign-in methods");
    await screenshot(agent, "109-helpdesk-reset-done");
    const reference = /ref ([0-9A-F]{8})/.exec((await agent.getByTestId("credential-resets").textContent()) ?? "")?.[1];
    expect(reference).toBeTruthy();

    // The caller's screen follows by itself; the agent never saw anything secret.
    await expect(phone.getByText("MFA reset: done")).toBeVisible({ timeout: 15_000 });
    await screenshot(phone, "110-verify-agent-reset-done-phone");
    const org = await oktaSandboxUser(login);
    expect(org.factorsResetAt).not.toBeNull();
    expect(org.factors).toEqual([]);

    // The employee calls back quoting the reference: the agent finds the request by it.
    await agent.goto(`${baseUrl()}/helpdesk/requests`);
    await agent.getByLabel("Reset reference").fill(reference!.toLowerCase());
    await agent.getByRole("button", { name: "Filter" }).click();
    await expect(agent.getByTestId("verification-requests").getByRole("row")).toHaveCount(2);
    await expect(agent.getByTestId("verification-requests")).toContainText("MFA reset: done");
    await screenshot(agent, "111-helpdesk-requests-by-reference");
    await phone.context().close();
    await agent.context().close();
  });
});

test.describe("self-service on Microsoft Entra ID", () => {
  test.describe.configure({ mode: "serial", timeout: 180_000 });
  useConnectedEntraSandbox(test);

  test("password reset with a forced change, then MFA reset with a Temporary Access Pass; the tenant shows both", async ({ browser }) => {
    const person = people[3]!;
    const upn = `${person.loginLocalPart}@${ENTRA_DOMAIN}`;
    const admin = await adminConsole(browser);
    const before = await entraSandboxUser(upn);
    expect(before.methods.filter((method) => !/password/i.test(method.type)).length).toBeGreaterThan(0);
    // This employee's document is a driving licence: its barcode, then its front with the portrait the face is compared with.
    const phone = await verifyThroughPortal(browser, admin, person, upn, "107", "LICENCE");
    await expect(phone.getByRole("button", { name: /Unlock my account/ })).toHaveCount(0);

    await chooseReset(phone, /Reset my password/, /Password reset: done/);
    await revealSecret(phone, "Show my temporary password");
    let tenant = await entraSandboxUser(upn);
    expect(tenant.password).toMatchObject({ set: true, forceChangePasswordNextSignIn: true });
    expect(tenant.sessionsRevokedAt).not.toBeNull();

    await chooseReset(phone, /Reset my sign-in methods/, /MFA reset: done/);
    const pass = await revealSecret(phone, "Show my Temporary Access Pass");
    await screenshot(phone, "108-portal-temporary-access-pass-phone");
    tenant = await entraSandboxUser(upn);
    expect(tenant.removedMethods.length).toBeGreaterThan(0);
    expect(tenant.temporaryAccessPass).toMatchObject({ temporaryAccessPass: pass, isUsableOnce: true });
    await phone.context().close();
    await admin.context().close();
  });
});
