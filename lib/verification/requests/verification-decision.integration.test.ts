import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { terminateDocumentReaders } from "@/lib/documents";
import { buildMrz, renderAamvaBarcode, renderMrzImage, TEST_IDENTITIES, type TestIdentity, withChromiumPage } from "@/lib/documents/testing";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { DEFAULT_POLICY, getCurrentPolicy, saveVerificationPolicy } from "@/lib/verification/policy";
import { createVerificationRequest } from "@/lib/verification/requests/create-verification-request";
import { claimsToAsk, decideVerification } from "@/lib/verification/requests/decide-verification";
import { loadVerificationSession } from "@/lib/verification/requests/load-verification-session";
import { nextVerificationStep } from "@/lib/verification/requests/advance-verification";
import { confirmPossessionCode, sendPossessionCode } from "@/lib/verification/requests/possession-code";
import { startVerification } from "@/lib/verification/requests/start-verification";
import { submitIdentityDocument } from "@/lib/verification/requests/submit-identity-document";
import { codeFrom, createVerificationWorld, latestMessageText, tokenFrom } from "@/lib/verification/testing/verification-fixtures";

let world: Awaited<ReturnType<typeof createVerificationWorld>>;
const images: Partial<Record<string, Buffer>> = {};

/** A synced employee as the directory knows the test identity (address from the licence when it has one). */
function employeeFor(identity: TestIdentity) {
  return world.createEmployee({
    firstName: identity.directory.givenName,
    lastName: identity.directory.surname,
    birthday: identity.directory.dateOfBirth,
    streetAddress: identity.address ? "1200 Harbor Boulevard" : null,
    city: identity.address?.city ?? null,
    state: identity.address ? "California" : null,
    postalCode: identity.address ? "95814" : null,
    country: identity.address ? "United States" : null,
  });
}

/** Runs the employee's side up to the decision: start, confirm the e-mailed code, upload the document. */
async function verifyWith(identity: TestIdentity, image: Buffer) {
  const employee = await employeeFor(identity);
  const created = await createVerificationRequest({ employeeId: employee.id, purpose: "PASSWORD_RESET" }, { type: "CONSOLE_USER", user: world.agent });
  const { sessionToken } = await startVerification(tokenFrom(await latestMessageText(created.id)));
  await sendPossessionCode((await loadVerificationSession(sessionToken))!, "EMAIL");
  expect(await confirmPossessionCode((await loadVerificationSession(sessionToken))!, codeFrom(await latestMessageText(created.id)))).toEqual({ ok: true });
  const upload = await submitIdentityDocument((await loadVerificationSession(sessionToken))!, image);
  return { created, sessionToken, upload };
}

async function decide(sessionToken: string) {
  const session = (await loadVerificationSession(sessionToken))!;
  expect(nextVerificationStep(session)).toBe("DETAILS");
  return decideVerification(session, {});
}

describe("verification decision on machine-read documents", () => {
  beforeAll(async () => {
    await useFreshDatabase("verification_decision");
    world = await createVerificationWorld("decide");
    const admin = await db().consoleUser.create({ data: { email: "decide-admin@example.com", name: "Admin", role: "ADMIN", passwordHash: "x", mustChangePassword: false } });
    const current = await getCurrentPolicy();
    // Date of birth required: the licence and passport both carry it, so a different birth date must fail.
    await saveVerificationPolicy(admin, { ...DEFAULT_POLICY, claims: { ...DEFAULT_POLICY.claims, dateOfBirth: "REQUIRED" }, expectedVersion: current.version });
    images.valid = await renderAamvaBarcode(TEST_IDENTITIES.valid);
    images.expired = await renderAamvaBarcode(TEST_IDENTITIES.expired);
    images.differentBirthDate = await renderAamvaBarcode(TEST_IDENTITIES.differentBirthDate);
    images.differentName = await renderAamvaBarcode(TEST_IDENTITIES.differentName);
    await withChromiumPage(async (page) => {
      images.nearMatching = await renderMrzImage(buildMrz(TEST_IDENTITIES.nearMatching, "TD3"), { page });
      images.forged = await renderMrzImage(buildMrz(TEST_IDENTITIES.forged, "TD1"), { page });
    });
  }, 120_000);

  afterAll(async () => {
    await terminateDocumentReaders();
  });

  it("verifies a valid licence whose holder matches the directory, explains each claim, deletes the image", async () => {
    const { created, sessionToken, upload } = await verifyWith(TEST_IDENTITIES.valid, images.valid!);
    expect(upload.ok).toBe(true);
    // The licence carries name, birth date and address; the confirmed e-mail code proves the e-mail; only the
    // optional mobile number is left to ask.
    expect(claimsToAsk((await loadVerificationSession(sessionToken))!)).toEqual(["mobilePhone"]);
    const decision = await decide(sessionToken);
    expect(decision.reasons).toEqual([]);
    expect(decision.outcome).toBe("VERIFIED");
    const byClaim = Object.fromEntries(decision.claims.map((claim) => [claim.claim, `${claim.outcome}/${claim.source}`]));
    expect(byClaim).toMatchObject({
      firstName: "MATCH/DOCUMENT",
      lastName: "MATCH/DOCUMENT",
      dateOfBirth: "MATCH/DOCUMENT",
      street: "MATCH/DOCUMENT",
      state: "MATCH/DOCUMENT",
      postalCode: "MATCH/DOCUMENT",
      country: "MATCH/DOCUMENT",
      email: "MATCH/POSSESSION",
    });
    const row = await db().verificationRequest.findUniqueOrThrow({ where: { id: created.id }, include: { evidence: true } });
    expect(row.status).toBe("VERIFIED");
    expect(row.evidence).toHaveLength(1);
    expect(row.evidence[0]).toMatchObject({ readable: true, documentKind: "AAMVA", sealedImage: null, expired: false, consistent: true });
    expect(row.evidence[0]!.imageSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("verifies a passport with transliterated, two-part surnames against a directory with diacritics", async () => {
    const { sessionToken, upload } = await verifyWith(TEST_IDENTITIES.nearMatching, images.nearMatching!);
    expect(upload).toEqual({ ok: true, evidenceId: expect.any(String) });
    const decision = await decide(sessionToken);
    expect(decision.reasons).toEqual([]);
    expect(decision.outcome).toBe("VERIFIED");
  });

  it("fails a licence with a different birth date, naming the claim", async () => {
    const { sessionToken } = await verifyWith(TEST_IDENTITIES.differentBirthDate, images.differentBirthDate!);
    const decision = await decide(sessionToken);
    expect(decision.outcome).toBe("FAILED");
    expect(decision.reasons).toHaveLength(1);
    expect(decision.reasons[0]).toMatch(/^Date of birth \(required\): does not match/);
  });

  it("fails a licence issued to someone else", async () => {
    const { sessionToken } = await verifyWith(TEST_IDENTITIES.differentName, images.differentName!);
    const decision = await decide(sessionToken);
    expect(decision.outcome).toBe("FAILED");
    expect(decision.claims.filter((claim) => claim.decisive).map((claim) => claim.claim)).toEqual(expect.arrayContaining(["firstName", "lastName"]));
  });

  it("fails a forged card whose check digit does not add up", async () => {
    const { sessionToken, upload } = await verifyWith(TEST_IDENTITIES.forged, images.forged!);
    expect(upload.ok).toBe(true);
    const decision = await decide(sessionToken);
    expect(decision.outcome).toBe("FAILED");
    expect(decision.reasons.join(" ")).toMatch(/integrity checks/);
  });

  it("refuses an expired licence with a hint and counts the attempt, without deciding", async () => {
    const { created, upload } = await verifyWith(TEST_IDENTITIES.expired, images.expired!);
    expect(upload).toEqual({ ok: false, message: "This document has expired. Use a document that is still valid.", attemptsLeft: 4, ended: false });
    const row = await db().verificationRequest.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ status: "IN_PROGRESS", documentAttempts: 1 });
  });
});
