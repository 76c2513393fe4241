import { expect, test } from "@playwright/test";
import { buildMrz } from "../lib/documents/testing/build-mrz";
import { tiltImage } from "../lib/documents/testing/degrade-image";
import { renderMrzImage } from "../lib/documents/testing/render-mrz-image";
import { screenshot } from "./support/helpers";
import { useConnectedOktaSandbox } from "./support/identity-provider-helpers";
import { adminConsole, confirmEmailedCode, employeePhone, latestMessageTo, licenceCandidates, licenceFor, linkIn, openEmployee, sendVerificationLink } from "./support/verification-helpers";

const person = licenceCandidates()[6]!;

test.describe("identity verification with a passport", () => {
  test.describe.configure({ mode: "serial", timeout: 120_000 });

  useConnectedOktaSandbox(test);

  test("a passport photographed at a slant is refused with what to do; retaken at 10° it is read and verifies", async ({ browser }) => {
    const admin = await adminConsole(browser);
    await openEmployee(admin, person);
    await sendVerificationLink(admin, "Identity check by the service desk");
    const phone = await employeePhone(browser);
    await phone.goto(linkIn(await latestMessageTo(admin, person.loginLocalPart)));
    await phone.getByRole("button", { name: "Start verification" }).click();
    await confirmEmailedCode(phone, admin, person);
    await expect(phone.getByRole("heading", { name: "Photograph your ID document" })).toBeVisible();

    // The passport's photo page, its MRZ printed in OCR-B, rendered in a page of its own.
    const renderer = await browser.newPage();
    const passport = await renderMrzImage(buildMrz(licenceFor(person, { documentNumber: "C01X00T47" }), "TD3"), { page: renderer });
    await renderer.close();

    await phone.locator("#document").setInputFiles({ name: "passport.jpg", mimeType: "image/jpeg", buffer: await tiltImage(passport, 40) });
    await expect(phone.getByText(/at a slant/)).toBeVisible({ timeout: 30_000 });
    await screenshot(phone, "82-verify-document-slanted-phone");
    await expect(admin.getByText("Unreadable: document at a slant")).toBeVisible({ timeout: 15_000 });
    await screenshot(admin, "83-verification-slanted-upload-initiator");

    await phone.locator("#document").setInputFiles({ name: "passport.jpg", mimeType: "image/jpeg", buffer: await tiltImage(passport, 10) });
    await expect(phone.getByRole("heading", { name: /Confirm a few details|Finish verification/ })).toBeVisible({ timeout: 30_000 });
    // A passport carries no address: the employee types what the policy asks for.
    const postalCode = phone.getByLabel(/Postal code/);
    if ((await postalCode.count()) > 0) await postalCode.fill(person.postalCode ?? "");
    await screenshot(phone, "84-verify-passport-details-phone");
    await phone.getByRole("button", { name: "Submit" }).click();
    await expect(phone.getByRole("heading", { name: "You're verified" })).toBeVisible();

    await expect(admin.getByText("Identity verified")).toBeVisible({ timeout: 15_000 });
    await expect(admin.getByRole("table").getByRole("row", { name: /Last name/ })).toContainText("Match");
    await expect(admin.getByText(/Passport/i).first()).toBeVisible();
    await screenshot(admin, "85-verification-passport-verified-initiator");
  });
});
