import { expect, type Browser, type Page } from "@playwright/test";
import { renderAamvaBarcode } from "../../lib/documents/testing/render-aamva-barcode";
import pg from "pg";
import { generatePerson, type SandboxPerson } from "../../lib/sandbox/shared/generate-person";
import type { TestIdentity } from "../../lib/documents/testing/test-identities";
import { ADMIN_STATE, baseUrl } from "./helpers";

/** Sandbox people (default seed) a US driving licence can be made for: full name, US address, work e-mail. */
export function licenceCandidates(): SandboxPerson[] {
  const people: SandboxPerson[] = [];
  for (let index = 0; index < 300; index += 1) {
    const person = generatePerson("verifyd-sandbox", index);
    const complete = person.givenName && person.surname && person.streetAddress && person.city && person.postalCode && person.state?.length === 2;
    if (person.countryCode === "US" && person.hasMail && complete && person.lifecycle === "active" && person.privilege === "none") people.push(person);
  }
  return people;
}

/** The licence a sandbox person would carry (optionally someone else's surname, as an impostor's would show). */
export function licenceFor(person: SandboxPerson, overrides: Partial<TestIdentity> = {}): TestIdentity {
  return {
    label: person.loginLocalPart,
    surname: person.surname ?? "",
    givenNames: person.givenName ?? "",
    dateOfBirth: person.birthday ?? "1980-01-01",
    issueDate: "2024-01-15",
    expiryDate: "2032-01-15",
    documentNumber: `D${String(person.index).padStart(7, "0")}`,
    issuingCountry: "USA",
    nationality: "USA",
    sex: "X",
    issuingJurisdiction: person.state ?? "CA",
    address: { street: person.streetAddress ?? "", city: person.city ?? "", state: person.state ?? "", postalCode: (person.postalCode ?? "").replace("-", ""), country: "USA" },
    directory: { givenName: person.givenName ?? "", surname: person.surname ?? "", dateOfBirth: person.birthday ?? "" },
    ...overrides,
  };
}

/** An admin console page (admins hold helpdesk:verify too). */
export async function adminConsole(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  return context.newPage();
}

/** A phone-sized, touch browser for the employee's side. */
export async function employeePhone(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  return context.newPage();
}

/** Opens the employee's page from the directory search (the person must have been synced). */
export async function openEmployee(page: Page, person: SandboxPerson): Promise<void> {
  await page.goto(`${baseUrl()}/directory?q=${encodeURIComponent(person.loginLocalPart)}`);
  await page.getByRole("row").filter({ hasText: `${person.loginLocalPart}@` }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "Verify identity" })).toBeVisible();
}

/** Sends a link from the employee page and lands on the verification page. */
export async function sendVerificationLink(page: Page, purpose: string, note?: string): Promise<void> {
  await page.getByLabel("Why are you verifying them?").selectOption({ label: purpose });
  if (note) await page.getByLabel("Note for the employee (optional)").fill(note);
  await page.getByRole("button", { name: "Send verification link" }).click();
  await expect(page).toHaveURL(/\/helpdesk\/verifications\//);
}

/** The text of the newest message to `recipient` in the local outbox (no SMTP server in the e2e run). */
export async function latestMessageTo(admin: Page, recipient: string): Promise<string> {
  const outbox = await admin.context().newPage();
  await outbox.goto(`${baseUrl()}/outbox`);
  await outbox.getByTestId("outbox-row").filter({ hasText: recipient }).first().getByRole("link").first().click();
  const text = (await outbox.getByTestId("outbox-text-body").textContent()) ?? "";
  await outbox.close();
  return text;
}

export function linkIn(text: string): string {
  const link = /https?:\/\/\S+\/verify\/[A-Za-z0-9_-]{43}/.exec(text)?.[0];
  if (!link) throw new Error(`No verification link in:\n${text}`);
  return link;
}

export function codeIn(text: string): string {
  const code = /\b(\d{6})\b/.exec(text)?.[1];
  if (!code) throw new Error(`No code in:\n${text}`);
  return code;
}

/** Moves a verification's expiry into the past: stands in for waiting out the link lifetime. */
export async function expireVerificationLinks(loginLocalPart: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    await client.query(
      `UPDATE verification_request SET "expiresAt" = now() - interval '1 minute'
       WHERE "employeeId" IN (SELECT id FROM employee WHERE split_part(login, '@', 1) = $1) AND status IN ('PENDING', 'OPENED')`,
      [loginLocalPart],
    );
  } finally {
    await client.end();
  }
}

/** After "Start": the code e-mailed to the work address, read from the outbox by `console`, typed and confirmed. */
export async function confirmEmailedCode(phone: Page, console: Page, person: SandboxPerson): Promise<void> {
  await phone.getByRole("button", { name: /E-mail me a code/ }).click();
  await expect(phone.getByRole("heading", { name: "Enter your code" })).toBeVisible();
  await phone.getByLabel("Verification code").fill(codeIn(await latestMessageTo(console, person.loginLocalPart)));
  await phone.getByRole("button", { name: "Confirm code" }).click();
}

/**
 * The employee's side of an agent-sent verification after "Start": the code e-mailed to the work address (read
 * from the outbox by `console`), the licence photo, the details; ends on "You're verified".
 */
export async function finishVerificationOnPhone(phone: Page, console: Page, person: SandboxPerson): Promise<void> {
  await confirmEmailedCode(phone, console, person);
  await phone.locator("#document").setInputFiles({ name: "licence.png", mimeType: "image/png", buffer: await renderAamvaBarcode(licenceFor(person)) });
  await expect(phone.getByRole("heading", { name: /Confirm a few details|Finish verification/ })).toBeVisible({ timeout: 30_000 });
  await phone.getByRole("button", { name: "Submit" }).click();
  await expect(phone.getByRole("heading", { name: "You're verified" })).toBeVisible();
}
