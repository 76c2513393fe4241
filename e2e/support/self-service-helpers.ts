import { expect, type Browser, type Page } from "@playwright/test";
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";
import { buildMrz } from "../../lib/documents/testing/build-mrz";
import { renderAamvaBarcode } from "../../lib/documents/testing/render-aamva-barcode";
import { renderCardFront } from "../../lib/documents/testing/render-card-front";
import { renderMrzImage } from "../../lib/documents/testing/render-mrz-image";
import { cropPortrait } from "../../lib/face/testing/crop-portrait";
import type { SandboxPerson } from "../../lib/sandbox/shared/generate-person";
import { baseUrl, screenshot } from "./helpers";
import { installCanvasCamera, mirandaSelfie, takeLiveSelfie } from "./live-selfie";
import { readQrCode } from "./read-qr-code";
import { codeIn, employeePhone, latestMessageTo, licenceCandidates, licenceFor } from "./verification-helpers";

/** Licence candidates with a valid mobile on record (self-service texts its code there). */
export function selfServiceCandidates(): (SandboxPerson & { mobileE164: string })[] {
  return licenceCandidates().flatMap((person) => {
    const parsed = person.mobilePhone ? parsePhoneNumberFromString(person.mobilePhone, person.countryCode as CountryCode) : undefined;
    return parsed?.isValid() ? [{ ...person, mobileE164: parsed.number }] : [];
  });
}

/** A desktop browser with nobody signed in: the locked-out employee's own computer. */
export async function employeeDesktop(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

/** The portal's address step; lands on the "continue here or on your phone" page. */
export async function enterAddress(page: Page, address: string): Promise<void> {
  await page.goto(`${baseUrl()}/portal`);
  await page.getByLabel("Work e-mail address or username").fill(address);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Prove it's you" })).toBeVisible();
}

/**
 * The employee's driving licence on the phone's document steps: the barcode side first, then the front with the
 * portrait (rendered in a scratch page of the same browser, as a photo of the card would be).
 */
export async function photographLicence(browser: Browser, phone: Page, person: SandboxPerson, portraitPhoto: Buffer, shots?: string): Promise<void> {
  const licence = licenceFor(person);
  const scratch = await browser.newPage();
  const front = await renderCardFront(licence, { page: scratch, portrait: await cropPortrait(portraitPhoto) });
  await scratch.close();
  await phone.locator("#document").setInputFiles({ name: "licence-back.png", mimeType: "image/png", buffer: await renderAamvaBarcode(licence) });
  await expect(phone.getByRole("heading", { name: "Photograph the front of your licence" })).toBeVisible({ timeout: 30_000 });
  if (shots) await screenshot(phone, `${shots}-portal-licence-front-phone`);
  await phone.locator("#document").setInputFiles({ name: "licence-front.png", mimeType: "image/png", buffer: front });
}

/**
 * Self-service on a phone up to VERIFIED: address on the desktop, QR code scanned by the phone, the document
 * (a passport photo page with portrait and MRZ in one photo, or a licence's barcode then its front), a live selfie
 * answering the server's challenge, details, then the code texted to the mobile on record (read from the
 * console's outbox by `admin`).
 */
export async function verifyThroughPortal(
  browser: Browser,
  admin: Page,
  person: SandboxPerson & { mobileE164: string },
  address: string,
  shots?: string,
  document: "PASSPORT" | "LICENCE" = "PASSPORT",
): Promise<Page> {
  const desktop = await employeeDesktop(browser);
  await enterAddress(desktop, address);
  if (shots) await screenshot(desktop, `${shots}-portal-continue`);
  const link = await readQrCode(desktop.getByRole("img", { name: "QR code to continue on your phone" }));

  const phone = await employeePhone(browser);
  const { portrait, frames } = await mirandaSelfie();
  await installCanvasCamera(phone.context());
  await phone.goto(link);
  await phone.getByRole("button", { name: "Start verification" }).click();
  // The computer follows: the link was spent on the phone, so it is no longer offered there.
  await expect(desktop.getByRole("heading", { name: "Continued on another device" })).toBeVisible({ timeout: 15_000 });
  await desktop.context().close();
  await expect(phone.getByRole("heading", { name: "Photograph your ID document" })).toBeVisible();
  if (document === "LICENCE") await photographLicence(browser, phone, person, portrait, shots);
  else await phone.locator("#document").setInputFiles({ name: "passport.png", mimeType: "image/png", buffer: await renderMrzImage(buildMrz(licenceFor(person), "TD3"), { portrait }) });
  expect(await takeLiveSelfie(phone, frames)).toBe("verified");
  if (shots) await screenshot(phone, `${shots}-portal-face-verified-phone`);
  await expect(phone.getByRole("heading", { name: /Confirm a few details|Finish verification/ })).toBeVisible({ timeout: 30_000 });
  await phone.getByRole("button", { name: "Submit" }).click();
  // Only now, with the evidence matched, is a code offered: to "the mobile on record", no digits of it.
  await expect(phone.getByRole("heading", { name: "Get a verification code" })).toBeVisible();
  await expect(phone.getByRole("button", { name: /E-mail me a code/ })).toHaveCount(0);
  if (shots) await screenshot(phone, `${shots}-portal-code-phone`);
  await phone.getByRole("button", { name: /Text me a code/ }).click();
  await expect(phone.getByRole("heading", { name: "Enter your code" })).toBeVisible();
  await phone.getByLabel("Verification code").fill(codeIn(await latestMessageTo(admin, person.mobileE164)));
  await phone.getByRole("button", { name: "Confirm code" }).click();
  await expect(phone.getByRole("heading", { name: "You're verified" })).toBeVisible();
  await expect(phone.getByRole("heading", { name: "What do you need?" })).toBeVisible();
  return phone;
}

/** Chooses a reset on the verified phone and waits for it to finish. */
export async function chooseReset(phone: Page, label: RegExp, done: RegExp): Promise<void> {
  await phone.getByRole("button", { name: label }).click();
  await expect(phone.getByText(done)).toBeVisible({ timeout: 30_000 });
}

/** Reveals the shown-once secret and returns it. */
export async function revealSecret(phone: Page, button: string): Promise<string> {
  await phone.getByRole("button", { name: button }).click();
  const secret = (await phone.getByTestId("reset-secret").textContent())?.trim() ?? "";
  expect(secret.length).toBeGreaterThanOrEqual(8);
  return secret;
}
