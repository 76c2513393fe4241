import { expect, test, type Browser, type Page } from "@playwright/test";
import type { SandboxPerson } from "../lib/sandbox/shared/generate-person";
import { screenshot } from "./support/helpers";
import { useConnectedOktaSandbox } from "./support/identity-provider-helpers";
import { installCanvasCamera, mirandaSelfie, takeLiveSelfie } from "./support/live-selfie";
import { readQrCode } from "./support/read-qr-code";
import { oktaIdvRecoveries, oktaSandboxUser, sandboxUrl, setOktaSandboxUser } from "./support/sandbox-admin";
import { employeeDesktop, photographLicence, selfServiceCandidates } from "./support/self-service-helpers";
import { adminConsole, codeIn, employeePhone, latestMessageTo } from "./support/verification-helpers";

// From the middle of the list: the helpdesk specs use the first candidates, self-service the last ones.
const candidates = selfServiceCandidates();
const people = candidates.slice(Math.floor(candidates.length / 2));
const OKTA_DOMAIN = "example.com";

/**
 * Okta's "Forgot password?" under an Account Management Policy that requires verifyd: the org's recovery page
 * pushes the request to verifyd, the employee's browser lands on verifyd's hand-off page, the phone does the
 * verification, and the computer goes back to the org by itself.
 */
async function recoverThroughVerifyd(browser: Browser, admin: Page, person: SandboxPerson & { mobileE164: string }, shots?: string): Promise<Page> {
  const login = `${person.loginLocalPart}@${OKTA_DOMAIN}`;
  const desktop = await employeeDesktop(browser);
  await desktop.goto(`${sandboxUrl("okta")}/signin/forgot-password`);
  await expect(desktop.getByRole("heading", { name: "Recover your account" })).toBeVisible();
  if (shots) await screenshot(desktop, `${shots}-okta-forgot-password`);
  await desktop.getByLabel("Username").fill(login);
  await desktop.getByRole("button", { name: "Reset password" }).click();
  await expect(desktop.getByRole("heading", { name: "Confirm it's you" })).toBeVisible();
  await expect(desktop.getByText("Okta sandbox asks you to prove who you are")).toBeVisible();
  if (shots) await screenshot(desktop, `${shots}-idv-continue`);
  const link = await readQrCode(desktop.getByRole("img", { name: "QR code to continue on your phone" }));

  const phone = await employeePhone(browser);
  const { portrait, frames } = await mirandaSelfie();
  await installCanvasCamera(phone.context());
  await phone.goto(link);
  await expect(phone.getByText("Your sign-in page asked us to confirm who you are")).toBeVisible();
  await phone.getByRole("button", { name: "Start verification" }).click();
  await expect(desktop.getByRole("heading", { name: "Continuing on another device" })).toBeVisible({ timeout: 15_000 });
  await expect(phone.getByRole("heading", { name: "Photograph your ID document" })).toBeVisible();
  await photographLicence(browser, phone, person, portrait);
  expect(await takeLiveSelfie(phone, frames)).toBe("verified");
  await expect(phone.getByRole("heading", { name: /Confirm a few details|Finish verification/ })).toBeVisible({ timeout: 30_000 });
  await phone.getByRole("button", { name: "Submit" }).click();
  await phone.getByRole("button", { name: /Text me a code/ }).click();
  await phone.getByLabel("Verification code").fill(codeIn(await latestMessageTo(admin, person.mobileE164)));
  await phone.getByRole("button", { name: "Confirm code" }).click();
  await expect(phone.getByRole("heading", { name: "You're verified" })).toBeVisible();
  // Nothing to reset here: the IdP does the recovery. The phone says where to go on.
  await expect(phone.getByRole("heading", { name: "What do you need?" })).toHaveCount(0);
  await expect(phone.getByText("Started on a computer? Go back to it: it moves on by itself.")).toBeVisible();
  if (shots) await screenshot(phone, `${shots}-idv-verified-phone`);
  await phone.context().close();
  return desktop;
}

test.describe("Okta recovery enforced through verifyd (custom ID verification)", () => {
  test.describe.configure({ mode: "serial", timeout: 180_000 });
  useConnectedOktaSandbox(test);

  test("a sandbox Okta user recovers their password, verified by verifyd; the org records the recovery as authorised by the IDV", async ({ browser }) => {
    const person = people[0]!;
    const login = `${person.loginLocalPart}@${OKTA_DOMAIN}`;
    const admin = await adminConsole(browser);
    const desktop = await recoverThroughVerifyd(browser, admin, person, "120");

    // The computer followed the phone back to the org, which checked the ID token and its verified_claims.
    await expect(desktop.getByRole("heading", { name: "Choose a new password" })).toBeVisible({ timeout: 20_000 });
    await screenshot(desktop, "121-okta-choose-password");
    await desktop.getByLabel("New password", { exact: true }).fill("Recovered-Passw0rd!");
    await desktop.getByLabel("Repeat new password").fill("Recovered-Passw0rd!");
    await desktop.getByRole("button", { name: "Change password" }).click();
    await expect(desktop.getByText("Your password was changed. Sign in with it.")).toBeVisible();
    await screenshot(desktop, "122-okta-password-changed");

    const [recovery] = await oktaIdvRecoveries();
    expect(recovery).toMatchObject({ login, action: "PASSWORD_RECOVERY", outcome: "COMPLETED", reason: null, verification: { trust_framework: "verifyd_workforce", assurance_level: "document_and_live_face" } });
    expect(recovery?.claimNames).toEqual(expect.arrayContaining(["given_name", "family_name"]));
    expect((await oktaSandboxUser(login)).passwordRecoveredAt).not.toBeNull();
    await desktop.context().close();
  });

  test("when the verified person no longer matches the Okta profile, the org refuses the recovery", async ({ browser }) => {
    const person = people[1]!;
    const login = `${person.loginLocalPart}@${OKTA_DOMAIN}`;
    const admin = await adminConsole(browser);
    // Renamed in Okta after verifyd's last sync: verifyd verifies against its copy, the org compares with today's profile.
    await setOktaSandboxUser(login, { profile: { lastName: "Somebody-Else" } });
    try {
      const desktop = await recoverThroughVerifyd(browser, admin, person);
      await expect(desktop.getByText("The verified identity did not match this account")).toBeVisible({ timeout: 20_000 });
      await expect(desktop.getByRole("heading", { name: "Choose a new password" })).toHaveCount(0);
      await screenshot(desktop, "123-okta-recovery-refused");
      const [recovery] = await oktaIdvRecoveries();
      expect(recovery).toMatchObject({ login, action: "PASSWORD_RECOVERY", outcome: "REFUSED", reason: "profile_mismatch" });
      expect((await oktaSandboxUser(login)).passwordRecoveredAt ?? null).toBeNull();
      await desktop.context().close();
    } finally {
      if (person.surname) await setOktaSandboxUser(login, { profile: { lastName: person.surname } });
    }
  });
});
