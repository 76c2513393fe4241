import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { confirmCodeAction, sendCodeAction, startVerificationAction } from "@/app/(public)/verify/actions";
import { POST as uploadDocument } from "@/app/api/verify/document/route";
import { db } from "@/lib/db/prisma";
import { terminateDocumentReaders } from "@/lib/documents";
import {
  buildMrz,
  perspectiveImage,
  phoneJpeg,
  renderAamvaBarcode,
  renderMrzImage,
  svgFile,
  TEST_IDENTITIES,
  type TestIdentity,
  tiltImage,
  toVisaMrz,
  withChromiumPage,
} from "@/lib/documents/testing";
import { fakeBrowser } from "@/lib/testing/fake-next-headers";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { DEFAULT_POLICY, getCurrentPolicy, saveVerificationPolicy } from "@/lib/verification/policy";
import { createVerificationRequest } from "@/lib/verification/requests/create-verification-request";
import { loadVerificationSession, VERIFICATION_SESSION_COOKIE } from "@/lib/verification/requests/load-verification-session";
import { nextVerificationStep } from "@/lib/verification/requests/advance-verification";
import { codeFrom, createVerificationWorld, latestMessageText, tokenFrom } from "@/lib/verification/testing/verification-fixtures";

vi.mock("next/headers", async () => (await import("@/lib/testing/fake-next-headers")).fakeNextHeaders);

/**
 * Issue 13 end to end: photos of OCR-B documents and tilted licence backs, as an employee uploads them through
 * the route, decided against the directory in a real database. Every assertion is on the route's answer or on
 * the rows it leaves behind.
 */
let world: Awaited<ReturnType<typeof createVerificationWorld>>;
const images: Record<string, Buffer> = {};

/** A TD2 holder whose number holds zeros next to letters: the O/0 confusion the issue found "corrected" into other numbers. */
const td2Holder: TestIdentity = {
  ...TEST_IDENTITIES.valid,
  label: "td2-holder",
  surname: "Van der Berg",
  givenNames: "Lotte",
  dateOfBirth: "1988-01-09",
  documentNumber: "D0O5C0077",
  issuingCountry: "NLD",
  nationality: "NLD",
  directory: { givenName: "Lotte", surname: "van der Berg", dateOfBirth: "1988-01-09" },
};

type UploadAnswer = { status: number; body: { ok: boolean; step?: string; error?: string; attemptsLeft?: number; ended?: boolean } };

async function upload(image: Buffer, type = "image/jpeg", name = "IMG_0042.jpg"): Promise<UploadAnswer> {
  const form = new FormData();
  form.set("document", new File([new Uint8Array(image)], name, { type }));
  const response = await uploadDocument(new Request("http://localhost:3000/api/verify/document", { method: "POST", body: form }));
  return { status: response.status, body: await response.json() };
}

/**
 * An agent-sent verification of the directory's copy of `identity`, its link started in this browser and the
 * e-mailed code confirmed: the document is the one step left.
 */
async function atDocumentStep(identity: TestIdentity) {
  const employee = await world.createEmployee({ firstName: identity.directory.givenName, lastName: identity.directory.surname, birthday: identity.directory.dateOfBirth });
  const created = await createVerificationRequest({ employeeId: employee.id, purpose: "PASSWORD_RESET" }, { type: "CONSOLE_USER", user: world.agent });
  await expect(startVerificationAction(tokenFrom(await latestMessageText(created.id)))).rejects.toMatchObject({ digest: expect.stringContaining("/verify/continue") });
  expect(await sendCodeAction("EMAIL")).toMatchObject({ ok: true });
  expect(await confirmCodeAction({ code: codeFrom(await latestMessageText(created.id)) })).toMatchObject({ ok: true });
  const session = await loadVerificationSession(fakeBrowser.jar.get(VERIFICATION_SESSION_COOKIE));
  expect(session && nextVerificationStep(session)).toBe("DOCUMENT");
  return created.id;
}

async function verificationRow(id: string) {
  return db().verificationRequest.findUniqueOrThrow({ where: { id }, include: { evidence: { orderBy: { createdAt: "asc" } } } });
}

/** The JSON columns the assertions read, through schemas rather than casts. */
const storedReadSchema = z.object({
  document: z.object({ kind: z.string(), documentNumber: z.string(), surname: z.string(), givenNames: z.string(), dateOfBirth: z.string().nullable(), expiryDate: z.string().nullable(), issuingJurisdiction: z.string().nullable() }),
});
const storedDecisionSchema = z.object({
  outcome: z.string(),
  reasons: z.array(z.string()),
  claims: z.array(z.object({ claim: z.string(), outcome: z.string(), source: z.string().nullable(), evidenceValue: z.string().nullable().optional() })),
  document: z.object({ kind: z.string(), consistent: z.boolean() }).nullable(),
});

/** Uploads a photo the employee's document should pass with, and checks the verification ended VERIFIED on it. */
async function expectVerifiedBy(identity: TestIdentity, image: Buffer, kind: string) {
  const id = await atDocumentStep(identity);
  expect(await upload(image)).toEqual({ status: 200, body: { ok: true, step: "DONE" } });
  const row = await verificationRow(id);
  expect(row).toMatchObject({ status: "VERIFIED", documentAttempts: 1 });
  // One read, consistent, not expired; the photo is gone at the decision (DELETE_ON_DECISION).
  expect(row.evidence).toMatchObject([{ readable: true, documentKind: kind, expired: false, consistent: true, failureHint: null, sealedImage: null }]);
  const read = storedReadSchema.parse(row.evidence[0]!.extracted);
  const decision = storedDecisionSchema.parse(row.decision);
  expect(decision).toMatchObject({ outcome: "VERIFIED", reasons: [], document: { kind, consistent: true } });
  const byClaim = Object.fromEntries(decision.claims.map((claim) => [claim.claim, `${claim.outcome}/${claim.source}/${claim.evidenceValue}`]));
  // The agent's view of the decision masks the birth date to its year and never carries the document number;
  // the evidence row keeps the number as read, for the audit trail.
  expect(byClaim).toMatchObject({ dateOfBirth: `MATCH/DOCUMENT/${identity.dateOfBirth.slice(0, 4)}-••-••` });
  expect(byClaim.firstName).toMatch(/^MATCH\/DOCUMENT\//);
  expect(byClaim.lastName).toMatch(/^MATCH\/DOCUMENT\//);
  expect(JSON.stringify(decision)).not.toContain(identity.documentNumber);
  expect(read.document).toMatchObject({ documentNumber: identity.documentNumber, dateOfBirth: identity.dateOfBirth, expiryDate: identity.expiryDate });
  return read.document;
}

/** Uploads a photo that must be refused and returns the route's answer and the verification afterwards. */
async function refusedUpload(identity: TestIdentity, image: Buffer, type?: string, name?: string) {
  const id = await atDocumentStep(identity);
  const answer = await upload(image, type, name);
  return { answer, row: await verificationRow(id) };
}

describe("POST /api/verify/document with documents as employees photograph them", () => {
  beforeAll(async () => {
    await useFreshDatabase("document_upload_reads");
    world = await createVerificationWorld("reads");
    const admin = await db().consoleUser.create({ data: { email: "reads-admin@example.com", name: "Admin", role: "ADMIN", passwordHash: "x", mustChangePassword: false } });
    // Every enabled claim is on each document (names, birth date), so a read document decides at once.
    const claims = { ...DEFAULT_POLICY.claims, dateOfBirth: "REQUIRED", street: "OFF", city: "OFF", state: "OFF", postalCode: "OFF", country: "OFF", email: "OFF", mobilePhone: "OFF" } as const;
    await saveVerificationPolicy(admin, { ...DEFAULT_POLICY, claims, expectedVersion: (await getCurrentPolicy()).version });
    const valid = TEST_IDENTITIES.valid;
    await withChromiumPage(async (page) => {
      images.td3 = await tiltImage(await renderMrzImage(buildMrz(valid, "TD3"), { page }), 12);
      images.td1 = await perspectiveImage(await renderMrzImage(buildMrz(TEST_IDENTITIES.nearMatching, "TD1"), { page }), 0.12, 4);
      images.td2 = await phoneJpeg(await renderMrzImage(buildMrz(td2Holder, "TD2"), { page }), 1000);
      images.forgedBirth = await renderMrzImage(buildMrz(TEST_IDENTITIES.forged, "TD3"), { page });
      images.forgedNumber = await renderMrzImage(buildMrz(valid, "TD1", { corruptCheckDigit: "documentNumber" }), { page });
      images.visa = await renderMrzImage(toVisaMrz(buildMrz(valid, "TD3")), { page, title: "VISA" });
      images.tooTilted = await tiltImage(await renderMrzImage(buildMrz(valid, "TD3"), { page }), 40);
    });
    images.licence = await tiltImage(await renderAamvaBarcode(valid), 14);
  }, 120_000);
  afterEach(() => fakeBrowser.reset());
  afterAll(async () => {
    await terminateDocumentReaders();
  });

  it("verifies the holder of an OCR-B passport photographed at 12° with names read through the fillers", { timeout: 60_000 }, async () => {
    const document = await expectVerifiedBy(TEST_IDENTITIES.valid, images.td3!, "MRZ_TD3");
    expect(document).toMatchObject({ surname: "ERIKSSON", givenNames: "ANNA MARIA" });
  });

  it("verifies the holder of a TD1 ID card photographed in perspective, transliterated names matched", { timeout: 60_000 }, async () => {
    const document = await expectVerifiedBy(TEST_IDENTITIES.nearMatching, images.td1!, "MRZ_TD1");
    expect(document).toMatchObject({ surname: "GARCIA MARQUEZ", givenNames: "JOSE" });
  });

  it("verifies the holder of a TD2 card with zeros and O in its number, the number kept as printed", { timeout: 60_000 }, async () => {
    const document = await expectVerifiedBy(td2Holder, images.td2!, "MRZ_TD2");
    expect(document).toMatchObject({ surname: "VAN DER BERG", givenNames: "LOTTE" });
  });

  it("verifies the holder of a licence whose back was photographed at 14°, read as AAMVA", { timeout: 60_000 }, async () => {
    const document = await expectVerifiedBy(TEST_IDENTITIES.valid, images.licence!, "AAMVA");
    expect(document).toMatchObject({ issuingJurisdiction: "CA" });
  });

  it("never verifies a passport whose birth-date check digit was forged", { timeout: 60_000 }, async () => {
    const { answer, row } = await refusedUpload(TEST_IDENTITIES.forged, images.forgedBirth!);
    // The upload itself is accepted (the zone was read); the decision that follows fails it.
    expect(answer).toEqual({ status: 200, body: { ok: true, step: "DONE" } });
    expect(row).toMatchObject({ status: "FAILED", documentAttempts: 1 });
    expect(row.evidence).toMatchObject([{ readable: true, documentKind: "MRZ_TD3", consistent: false }]);
    expect(storedDecisionSchema.parse(row.decision).reasons.join(" ")).toMatch(/integrity checks/);
  });

  it("never verifies an ID card whose document-number check digit was forged, nor repairs it into a valid number", { timeout: 60_000 }, async () => {
    const { answer, row } = await refusedUpload(TEST_IDENTITIES.valid, images.forgedNumber!);
    expect(answer).toEqual({ status: 422, body: { ok: false, error: expect.stringContaining("document number"), attemptsLeft: 4, ended: false } });
    expect(row).toMatchObject({ status: "IN_PROGRESS", documentAttempts: 1, decision: null });
    expect(row.evidence).toMatchObject([{ readable: false, failureHint: "unreadable_number", documentKind: null, extracted: null }]);
  });

  it("refuses a visa as an unsupported document and counts the attempt", { timeout: 60_000 }, async () => {
    const { answer, row } = await refusedUpload(TEST_IDENTITIES.valid, images.visa!, "image/png", "visa.png");
    expect(answer).toEqual({ status: 422, body: { ok: false, error: expect.stringContaining("visa"), attemptsLeft: 4, ended: false } });
    expect(row).toMatchObject({ status: "IN_PROGRESS", documentAttempts: 1, decision: null });
    expect(row.evidence).toMatchObject([{ readable: false, failureHint: "unsupported_document", documentKind: null }]);
  });

  it("refuses a passport photographed at 40° with the tilted hint and counts the attempt", { timeout: 60_000 }, async () => {
    const { answer, row } = await refusedUpload(TEST_IDENTITIES.valid, images.tooTilted!);
    expect(answer).toEqual({ status: 422, body: { ok: false, error: expect.stringContaining("slant"), attemptsLeft: 4, ended: false } });
    expect(row).toMatchObject({ status: "IN_PROGRESS", documentAttempts: 1 });
    expect(row.evidence).toMatchObject([{ readable: false, failureHint: "tilted" }]);
  });

  it("refuses an SVG as an unsupported format: 415, no attempt, nothing stored", { timeout: 60_000 }, async () => {
    const { answer, row } = await refusedUpload(TEST_IDENTITIES.valid, svgFile(), "image/svg+xml", "passport.svg");
    expect(answer).toMatchObject({ status: 415, body: { ok: false, error: expect.stringContaining("isn't a photo we can open") } });
    expect(row).toMatchObject({ status: "IN_PROGRESS", documentAttempts: 0, evidence: [] });
    expect(await db().auditEvent.count({ where: { targetId: row.id, action: { startsWith: "verification.document" } } })).toBe(0);
  });
});
