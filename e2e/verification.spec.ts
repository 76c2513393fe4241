import { expect, test } from "@playwright/test";
import { renderAamvaBarcode } from "../lib/documents/testing/render-aamva-barcode";
import { formAlert, screenshot } from "./support/helpers";
import { useConnectedOktaSandbox } from "./support/identity-provider-helpers";
import {
  adminConsole,
  codeIn,
  employeePhone,
  expireVerificationLinks,
  latestMessageTo,
  licenceCandidates,
  licenceFor,
  linkIn,
  openEmployee,
  sendVerificationLink,
} from "./support/verification-helpers";

const people = licenceCandidates();

test.describe("identity verification", () => {
  test.describe.configure({ mode: "serial", timeout: 120_000 });

  useConnectedOktaSandbox(test);

  test("a helpdesk link, verified on a phone with a driving licence; the agent sees every claim", async ({ browser }) => {
    const person = people[0]!;
    const admin = await adminConsole(browser);
    await openEmployee(admin, person);
    await sendVerificationLink(admin, "Password reset", "You called the service desk about your password.");
    await expect(admin.getByTestId("verification-status")).toHaveText("Link sent");
    const text = await latestMessageTo(admin, person.loginLocalPart);
    const link = linkIn(text);

    const phone = await employeePhone(browser);
    await phone.goto(link);
    await expect(phone.getByRole("heading", { name: /please verify your identity/ })).toBeVisible();
    await expect(phone.getByText("You called the service desk about your password.")).toBeVisible();
    await screenshot(phone, "70-verify-landing-phone");
    await phone.getByRole("button", { name: "Start verification" }).click();

    // Possession code to the work e-mail.
    await expect(phone.getByRole("heading", { name: "Get a verification code" })).toBeVisible();
    await screenshot(phone, "71-verify-code-choice-phone");
    await phone.getByRole("button", { name: /E-mail me a code/ }).click();
    await expect(phone.getByRole("heading", { name: "Enter your code" })).toBeVisible();
    const code = codeIn(await latestMessageTo(admin, person.loginLocalPart));
    await phone.getByLabel("Verification code").fill(code);
    await screenshot(phone, "72-verify-code-entry-phone");
    await phone.getByRole("button", { name: "Confirm code" }).click();

    // The back of the licence, photographed (a generated AAMVA PDF417 barcode).
    await expect(phone.getByRole("heading", { name: "Photograph your ID document" })).toBeVisible();
    await screenshot(phone, "73-verify-document-phone");
    const licence = await renderAamvaBarcode(licenceFor(person));
    await phone.locator("#document").setInputFiles({ name: "licence-back.png", mimeType: "image/png", buffer: licence });

    // Only what neither the licence nor the code proved is asked; the employee may leave optional ones blank.
    await expect(phone.getByRole("heading", { name: /Confirm a few details|Finish verification/ })).toBeVisible({ timeout: 30_000 });
    await screenshot(phone, "74-verify-details-phone");
    await phone.getByRole("button", { name: "Submit" }).click();
    await expect(phone.getByRole("heading", { name: "You're verified" })).toBeVisible();
    await screenshot(phone, "75-verify-verified-phone");

    // The link was spent: opening it again shows a plain page, not the flow.
    await phone.goto(link);
    await expect(phone.getByRole("heading", { name: "This link has already been used" })).toBeVisible();
    await screenshot(phone, "76-verify-link-used-phone");

    // The initiator's page updates by itself and explains the decision claim by claim.
    await expect(admin.getByText("Identity verified")).toBeVisible({ timeout: 15_000 });
    const claims = admin.getByRole("table");
    await expect(claims.getByRole("row", { name: /First name/ })).toContainText("Match");
    await expect(claims.getByRole("row", { name: /Last name/ })).toContainText("Match");
    await expect(claims.getByRole("row", { name: /Postal code/ })).toContainText("Match");
    await expect(claims.getByRole("row", { name: /Work e-mail/ })).toContainText("Confirmed code");
    await expect(admin.getByText("image deleted")).toBeVisible();
    await screenshot(admin, "77-verification-verified-initiator");
  });

  test("someone else's licence fails; the employee sees a plain outcome, the agent the reasons", async ({ browser }) => {
    const person = people[1]!;
    const admin = await adminConsole(browser);
    await openEmployee(admin, person);
    await sendVerificationLink(admin, "Identity check by the service desk");
    const phone = await employeePhone(browser);
    await phone.goto(linkIn(await latestMessageTo(admin, person.loginLocalPart)));
    await phone.getByRole("button", { name: "Start verification" }).click();
    await phone.getByRole("button", { name: /E-mail me a code/ }).click();
    await expect(phone.getByRole("heading", { name: "Enter your code" })).toBeVisible();
    await phone.getByLabel("Verification code").fill(codeIn(await latestMessageTo(admin, person.loginLocalPart)));
    await phone.getByRole("button", { name: "Confirm code" }).click();
    await expect(phone.getByRole("heading", { name: "Photograph your ID document" })).toBeVisible();
    const impostor = licenceFor(person, { surname: "Lindqvist", givenNames: "Karin" });
    await phone.locator("#document").setInputFiles({ name: "licence.png", mimeType: "image/png", buffer: await renderAamvaBarcode(impostor) });
    await expect(phone.getByRole("heading", { name: /Confirm a few details|Finish verification/ })).toBeVisible({ timeout: 30_000 });
    await phone.getByRole("button", { name: "Submit" }).click();
    await expect(phone.getByRole("heading", { name: "We couldn't verify your identity" })).toBeVisible();
    // Nothing about which claim failed (or what the directory holds) reaches the employee.
    await expect(phone.locator("main")).not.toContainText(/Last name|Lindqvist|does not match/);
    await screenshot(phone, "78-verify-failed-phone");

    await expect(admin.getByText("Verification failed")).toBeVisible({ timeout: 15_000 });
    await expect(admin.getByText(/First name \(required\): does not match/)).toBeVisible();
    await expect(admin.getByText(/Last name \(required\): does not match/)).toBeVisible();
    await expect(admin.getByRole("table").getByRole("row", { name: /Last name/ })).toContainText("Mismatch");
    await screenshot(admin, "79-verification-failed-initiator");
  });

  test("too many wrong codes end the verification", async ({ browser }) => {
    const person = people[2]!;
    const admin = await adminConsole(browser);
    await openEmployee(admin, person);
    await sendVerificationLink(admin, "Multi-factor authentication reset");
    const phone = await employeePhone(browser);
    await phone.goto(linkIn(await latestMessageTo(admin, person.loginLocalPart)));
    await phone.getByRole("button", { name: "Start verification" }).click();
    await phone.getByRole("button", { name: /E-mail me a code/ }).click();
    const right = codeIn(await latestMessageTo(admin, person.loginLocalPart));
    const wrong = right === "000000" ? "111111" : "000000";
    for (const left of [4, 3, 2, 1]) {
      await phone.getByLabel("Verification code").fill(wrong);
      await phone.getByRole("button", { name: "Confirm code" }).click();
      await expect(formAlert(phone).filter({ hasText: `${left} ${left === 1 ? "attempt" : "attempts"} left` })).toBeVisible();
    }
    await phone.getByLabel("Verification code").fill(wrong);
    await phone.getByRole("button", { name: "Confirm code" }).click();
    await expect(phone.getByRole("heading", { name: "We couldn't verify your identity" })).toBeVisible();
    await screenshot(phone, "80-verify-too-many-codes-phone");
    await expect(admin.getByText("Too many wrong possession codes.")).toBeVisible({ timeout: 15_000 });
  });

  test("an expired link shows a clear page", async ({ browser }) => {
    const person = people[3]!;
    const admin = await adminConsole(browser);
    await openEmployee(admin, person);
    await sendVerificationLink(admin, "Identity check by the service desk");
    const link = linkIn(await latestMessageTo(admin, person.loginLocalPart));
    await expireVerificationLinks(person.loginLocalPart);
    const phone = await employeePhone(browser);
    await phone.goto(link);
    await expect(phone.getByRole("heading", { name: "This link has expired" })).toBeVisible();
    await screenshot(phone, "81-verify-link-expired-phone");
    await expect(admin.getByTestId("verification-status")).toHaveText("Expired", { timeout: 15_000 });
  });
});
