import { expect, test, type Browser, type Page } from "@playwright/test";
import { baseUrl, screenshot } from "./support/helpers";
import { useConnectedEntraSandbox, useConnectedOktaSandbox } from "./support/identity-provider-helpers";
import { installCanvasCamera, mirandaSelfie, takeLiveSelfie } from "./support/live-selfie";
import { entraSandboxUser, oktaSandboxUser } from "./support/sandbox-admin";
import { chooseReset, enterAddress, selfServiceCandidates } from "./support/self-service-helpers";
import { adminConsole, codeIn, latestMessageTo, linkIn, openEmployee, sendVerificationLink } from "./support/verification-helpers";
import { installSandboxWallet, type SandboxWalletHandle } from "./support/wallet-shim";

// The middle of the list: the other specs take their people from either end. A licence needs a birth date.
const people = selfServiceCandidates().filter((person) => person.birthday).slice(14, 20);
const OKTA_DOMAIN = "example.com";
const ENTRA_DOMAIN = "verifydsandbox.onmicrosoft.com";
const MDL = "org.iso.18013.5.1.mDL";

function walletUrl(): string {
  const url = process.env.E2E_WALLET_URL;
  if (!url) throw new Error("E2E_WALLET_URL is not set: the server did not print the sandbox wallet");
  return url;
}

/** A phone whose browser has the Digital Credentials API, answered by the sandbox wallet holding this person's mDL. */
async function phoneWithWallet(browser: Browser, login: string, portrait: Buffer): Promise<{ phone: Page; wallet: SandboxWalletHandle }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const wallet = await installSandboxWallet(context, { walletUrl: walletUrl(), holder: { login }, portrait });
  await installCanvasCamera(context);
  return { phone: await context.newPage(), wallet };
}

/** Self-service on the phone with the wallet, through the live selfie (compared with the mDL's portrait) and the texted code. */
async function verifyWithWallet(browser: Browser, admin: Page, person: (typeof people)[number], login: string, shots: string, protocol?: string): Promise<{ phone: Page; wallet: SandboxWalletHandle }> {
  const { portrait, frames } = await mirandaSelfie();
  const { phone, wallet } = await phoneWithWallet(browser, person.loginLocalPart, portrait);
  if (protocol) wallet.use({ protocol });
  await enterAddress(phone, login);
  await phone.getByRole("button", { name: "Start verification" }).click();
  await expect(phone.getByRole("heading", { name: "Photograph your ID document" })).toBeVisible();
  const walletButton = phone.getByRole("button", { name: "Use the ID in your phone's wallet" });
  await expect(walletButton).toBeVisible();
  // Offered first: above the photo.
  const photoButton = phone.getByRole("button", { name: "Take photo or choose file" });
  expect((await walletButton.boundingBox())!.y).toBeLessThan((await photoButton.boundingBox())!.y);
  await screenshot(phone, `${shots}-wallet-offered-phone`);
  await walletButton.click();
  await expect(phone.getByRole("heading", { name: "Take a live selfie" })).toBeVisible({ timeout: 30_000 });
  expect(await takeLiveSelfie(phone, frames)).toBe("verified");
  const next = phone.getByRole("heading", { name: /Confirm a few details|Finish verification|Get a verification code/ });
  await expect(next).toBeVisible({ timeout: 30_000 });
  if (!/verification code/.test((await next.textContent()) ?? "")) await phone.getByRole("button", { name: "Submit" }).click();
  await expect(phone.getByRole("heading", { name: "Get a verification code" })).toBeVisible();
  await phone.getByRole("button", { name: /Text me a code/ }).click();
  await phone.getByLabel("Verification code").fill(codeIn(await latestMessageTo(admin, person.mobileE164)));
  await phone.getByRole("button", { name: "Confirm code" }).click();
  await expect(phone.getByRole("heading", { name: "You're verified" })).toBeVisible();
  return { phone, wallet };
}

/** The agent's page of the newest verification of `login`. */
async function openLatestVerification(admin: Page, login: string): Promise<void> {
  await admin.goto(`${baseUrl()}/helpdesk/requests`);
  await admin.getByTestId("verification-requests").getByRole("row").filter({ hasText: login }).getByRole("link").first().click();
}

test.describe("wallet IDs on Okta", () => {
  test.describe.configure({ mode: "serial", timeout: 180_000 });
  useConnectedOktaSandbox(test);

  test("self-service with the phone's wallet: only what the policy needs is asked, the face is compared with the mDL's portrait, the password is reset", async ({ browser }) => {
    const person = people[0]!;
    const login = `${person.loginLocalPart}@${OKTA_DOMAIN}`;
    const admin = await adminConsole(browser);
    const { phone, wallet } = await verifyWithWallet(browser, admin, person, login, "150");
    const asked = wallet.lastRequest()!;
    expect(asked.origin).toBe(new URL(baseUrl()).origin);
    expect(asked.asked["openid4vp-v1-unsigned"]?.[MDL]).toEqual(expect.arrayContaining(["given_name", "family_name", "document_number", "expiry_date", "portrait"]));
    expect(asked.asked["org-iso-mdoc"]?.[MDL]).toContain("portrait");
    expect(asked.asked["openid4vp-v1-unsigned"]?.[MDL]).not.toContain("age_over_18");
    await chooseReset(phone, /Reset my password/, /Password reset: done/);
    expect((await oktaSandboxUser(login)).status).toBe("PASSWORD_EXPIRED");

    await openLatestVerification(admin, login);
    await expect(admin.getByText("Assurance: signed digital ID")).toBeVisible();
    await expect(admin.getByText(/Signed mobile ID \(verifyd Sandbox DMV Document Signer, trust anchor verifyd Sandbox DMV IACA/)).toBeVisible();
    await expect(admin.getByTestId("face-check")).toContainText("wallet ID's signed portrait");
    await screenshot(admin, "151-helpdesk-wallet-id-verified");
    await phone.context().close();
    await admin.context().close();
  });

  test("a helpdesk link verified with a wallet ID; a tampered one is refused with its reason first", async ({ browser }) => {
    const person = people[1]!;
    const admin = await adminConsole(browser);
    await openEmployee(admin, person);
    await sendVerificationLink(admin, "Password reset");
    const link = linkIn(await latestMessageTo(admin, person.loginLocalPart));
    const { phone, wallet } = await phoneWithWallet(browser, person.loginLocalPart, (await mirandaSelfie()).portrait);
    await phone.goto(link);
    await phone.getByRole("button", { name: "Start verification" }).click();
    await phone.getByRole("button", { name: /E-mail me a code/ }).click();
    await phone.getByLabel("Verification code").fill(codeIn(await latestMessageTo(admin, person.loginLocalPart)));
    await phone.getByRole("button", { name: "Confirm code" }).click();
    await expect(phone.getByRole("button", { name: "Use the ID in your phone's wallet" })).toBeVisible();
    // No live face for this purpose under the default policy: the portrait is not asked for.
    wallet.use({ variant: "TAMPERED_ELEMENT" });
    await phone.getByRole("button", { name: "Use the ID in your phone's wallet" }).click();
    await expect(phone.getByRole("alert").filter({ hasText: "altered after the issuer signed it" })).toBeVisible({ timeout: 20_000 });
    expect(wallet.lastRequest()!.asked["openid4vp-v1-unsigned"]?.[MDL]).not.toContain("portrait");
    await screenshot(phone, "152-verify-wallet-refused-phone");
    wallet.use({ variant: "VALID" });
    await phone.getByRole("button", { name: "Use the ID in your phone's wallet" }).click();
    const next = phone.getByRole("heading", { name: /Confirm a few details|Finish verification|You're verified/ });
    await expect(next).toBeVisible({ timeout: 30_000 });
    if (!/verified/.test((await next.textContent()) ?? "")) await phone.getByRole("button", { name: "Submit" }).click();
    await expect(phone.getByRole("heading", { name: "You're verified" })).toBeVisible();

    await expect(admin.getByText("Identity verified")).toBeVisible({ timeout: 15_000 });
    await expect(admin.getByText(/Signed mobile ID \(verifyd Sandbox DMV Document Signer, trust anchor verifyd Sandbox DMV IACA/)).toBeVisible();
    await expect(admin.getByText("Assurance: signed digital ID")).toBeVisible();
    await expect(admin.getByText("Signed mobile ID (mobile driving licence)")).toBeVisible();
    await screenshot(admin, "153-helpdesk-link-wallet-id-initiator");
    await phone.context().close();
    await admin.context().close();
  });

  test("a browser without the Digital Credentials API never sees the wallet option", async ({ browser }) => {
    const person = people[2]!;
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    // This Chromium ships the API itself (Chrome 141+): take it away, as Firefox and older browsers are.
    await context.addInitScript(() => Reflect.deleteProperty(window, "DigitalCredential"));
    const page = await context.newPage();
    expect(await page.evaluate(() => "DigitalCredential" in window)).toBe(false);
    await enterAddress(page, `${person.loginLocalPart}@${OKTA_DOMAIN}`);
    await page.getByRole("button", { name: "Start verification" }).click();
    await expect(page.getByRole("heading", { name: "Photograph your ID document" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Take photo or choose file" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Use the ID in your phone's wallet" })).toHaveCount(0);
    await screenshot(page, "154-verify-no-wallet-api-phone");
    await page.context().close();
  });
});

test.describe("wallet IDs on Entra ID", () => {
  test.describe.configure({ mode: "serial", timeout: 180_000 });
  useConnectedEntraSandbox(test);

  test("self-service with the wallet (Annex C) through to a password reset; the tenant shows it", async ({ browser }) => {
    const person = people[3]!;
    const upn = `${person.loginLocalPart}@${ENTRA_DOMAIN}`;
    const admin = await adminConsole(browser);
    const { phone, wallet } = await verifyWithWallet(browser, admin, person, upn, "156", "org-iso-mdoc");
    expect(wallet.lastRequest()!.outcome).toMatchObject({ shared: "org-iso-mdoc" });
    await chooseReset(phone, /Reset my password/, /Password reset: done/);
    await screenshot(phone, "155-portal-wallet-reset-done-phone");
    expect((await entraSandboxUser(upn)).password).toMatchObject({ set: true, forceChangePasswordNextSignIn: true });
    await phone.context().close();
    await admin.context().close();
  });
});
