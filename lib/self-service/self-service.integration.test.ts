import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/prisma";
import { terminateDocumentReaders } from "@/lib/documents";
import { renderAamvaBarcode, renderCardFront, TEST_IDENTITIES, withChromiumPage } from "@/lib/documents/testing";
import { cropPortrait } from "@/lib/face/testing/crop-portrait";
import { readFaceSetImage } from "@/lib/face/testing/load-face-set";
import { startSelfServiceVerification } from "@/lib/self-service/start-self-service-verification";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { DEFAULT_POLICY, getCurrentPolicy, saveVerificationPolicy } from "@/lib/verification/policy";
import { advanceVerification } from "@/lib/verification/requests/advance-verification";
import { claimsToAsk } from "@/lib/verification/requests/decide-verification";
import { inspectVerificationLink } from "@/lib/verification/requests/inspect-verification-link";
import { loadVerificationSession } from "@/lib/verification/requests/load-verification-session";
import { nextVerificationStep } from "@/lib/verification/requests/advance-verification";
import { codeDestinations, confirmPossessionCode, SELF_SERVICE_MOBILE_LABEL, sendPossessionCode } from "@/lib/verification/requests/possession-code";
import { startVerification } from "@/lib/verification/requests/start-verification";
import { submitDocumentFront } from "@/lib/verification/requests/submit-document-front";
import { submitIdentityDocument } from "@/lib/verification/requests/submit-identity-document";
import { recordPassedFaceCheck } from "@/lib/verification/face/testing/face-fixtures";
import { LIVE_FACE_MATCH, storedFace } from "@/lib/verification/testing/face-evidence-fixtures";
import { codeFrom, createVerificationWorld, latestMessageText } from "@/lib/verification/testing/verification-fixtures";

// Self-service requires a live face bound to the document (issue 14); the face step's outcome comes through this seam.
vi.mock("@/lib/verification/requests/face-evidence-of", async (actual: () => Promise<typeof import("@/lib/verification/requests/face-evidence-of")>) => (await import("@/lib/verification/testing/face-evidence-fixtures")).faceEvidenceSeam(await actual()));

let world: Awaited<ReturnType<typeof createVerificationWorld>>;
let licence: Buffer;
let otherLicence: Buffer;
/** Each licence's front, with the portrait: asked for after its barcode. */
const fronts = new Map<Buffer, Buffer>();
const identity = TEST_IDENTITIES.valid;

async function session(token: string) {
  const loaded = await loadVerificationSession(token);
  if (!loaded) throw new Error("no session");
  return loaded;
}

/** What the visitor goes through up to the decision of the details step, recording every screen they see. */
async function walk(address: string, image: Buffer) {
  const started = await startSelfServiceVerification(address);
  const { sessionToken } = await startVerification(started.token);
  // The live face (issue 14) is tested on its own (lib/verification/face); these walks are about the screens
  // around it, so it has passed and the face screen is not among them.
  await recordPassedFaceCheck(await session(sessionToken));
  const screens: string[] = [nextVerificationStep(await session(sessionToken))];
  const upload = await submitIdentityDocument(await session(sessionToken), image);
  screens.push(nextVerificationStep(await session(sessionToken)));
  if (screens.at(-1) === "DOCUMENT_FRONT") {
    expect(await submitDocumentFront(await session(sessionToken), fronts.get(image)!)).toEqual({ ok: true });
    screens.push(nextVerificationStep(await session(sessionToken)));
  }
  const asked = claimsToAsk(await session(sessionToken));
  const outcome = await advanceVerification(await session(sessionToken), { typed: {} });
  screens.push(nextVerificationStep(await session(sessionToken)));
  return { started, sessionToken, upload, asked, outcome, screens };
}

describe("self-service verification", () => {
  beforeAll(async () => {
    await useFreshDatabase("self_service");
    world = await createVerificationWorld("selfserve");
    licence = await renderAamvaBarcode(identity);
    storedFace.current = LIVE_FACE_MATCH;
    otherLicence = await renderAamvaBarcode(TEST_IDENTITIES.differentName);
    const portrait = await cropPortrait(await readFaceSetImage("fr-obama-1.jpg"));
    await withChromiumPage(async (page) => {
      fronts.set(licence, await renderCardFront(identity, { page, portrait }));
      fronts.set(otherLicence, await renderCardFront(TEST_IDENTITIES.differentName, { page, portrait }));
    });
  }, 120_000);
  afterAll(async () => {
    await terminateDocumentReaders();
  });

  it("a known address: document, details, then the code texted to the mobile on record, then VERIFIED", { timeout: 60_000 }, async () => {
    const employee = await world.createEmployee({ firstName: identity.directory.givenName, lastName: identity.directory.surname, mobilePhone: "+1 415 555 0142", country: "US" });
    const walked = await walk(employee.email!.toUpperCase(), licence);
    expect(walked.upload.ok).toBe(true);
    expect(walked.outcome).toBe("CODE");
    expect(walked.screens).toEqual(["DOCUMENT", "DOCUMENT_FRONT", "DETAILS", "CODE"]);
    const matched = await session(walked.sessionToken);
    // Never the work mailbox in self-service (the employee may be locked out of it), and no digits of the mobile.
    expect(codeDestinations(matched)).toEqual([{ channel: "SMS", masked: SELF_SERVICE_MOBILE_LABEL }]);
    await expect(sendPossessionCode(matched, "EMAIL")).rejects.toThrow(/not available/);
    await sendPossessionCode(matched, "SMS");
    expect(await confirmPossessionCode(await session(walked.sessionToken), codeFrom(await latestMessageText(matched.id)))).toEqual({ ok: true });
    expect(await advanceVerification(await session(walked.sessionToken))).toBe("DONE");
    const decided = await db().verificationRequest.findUniqueOrThrow({ where: { id: matched.id } });
    expect(decided).toMatchObject({ status: "VERIFIED", purpose: "ACCOUNT_RECOVERY", initiatorType: "SELF_SERVE", employeeId: employee.id, sealedBindingCode: null });
  });

  it("an unknown address and a known one with someone else's document look the same to the visitor", { timeout: 60_000 }, async () => {
    const employee = await world.createEmployee({ firstName: identity.directory.givenName, lastName: identity.directory.surname, mobilePhone: "+1 415 555 0143", country: "US" });
    const known = await walk(employee.login, otherLicence);
    const unknown = await walk("nobody.here@example.com", licence);
    for (const walked of [known, unknown]) {
      expect(walked.started.link).toMatch(/\/verify\/[A-Za-z0-9_-]{43}$/);
      expect(walked.outcome).toBe("DONE");
      expect(walked.screens).toEqual(["DOCUMENT", "DOCUMENT_FRONT", "DETAILS", "DONE"]);
    }
    expect(unknown.asked).toEqual(known.asked);
    const rows = await db().verificationRequest.findMany({ where: { id: { in: [(await session(known.sessionToken)).id, (await session(unknown.sessionToken)).id] } } });
    expect(rows.map((row) => row.status)).toEqual(["FAILED", "FAILED"]);
    expect(rows.find((row) => row.employeeId === null)?.failureReason).toBeTruthy();
    // No code was ever sent for either: nothing reached the employee's phone.
    expect(await db().outboxMessage.count({ where: { relatedId: { in: rows.map((row) => row.id) } } })).toBe(0);
  });

  it("shows nothing about the account before the evidence matched, and no digits of the mobile after", { timeout: 60_000 }, async () => {
    const employee = await world.createEmployee({ firstName: identity.directory.givenName, lastName: identity.directory.surname, mobilePhone: "+1 415 555 0177", country: "US" });
    const started = await startSelfServiceVerification(employee.login);
    const stranger = await startSelfServiceVerification("nobody.at.all@example.com");
    const [view, strangerView] = [await inspectVerificationLink(started.token), await inspectVerificationLink(stranger.token)];
    const shown = (value: unknown) => JSON.stringify(value);
    expect(shown(view)).not.toMatch(/0177|Anna|555/);
    expect({ ...view, expiresAt: null }).toEqual({ ...strangerView, expiresAt: null });
    const { sessionToken } = await startVerification(started.token);
    await recordPassedFaceCheck(await session(sessionToken));
    expect(codeDestinations(await session(sessionToken))).toEqual([]);
    await submitIdentityDocument(await session(sessionToken), licence);
    expect(codeDestinations(await session(sessionToken))).toEqual([]);
    await submitDocumentFront(await session(sessionToken), fronts.get(licence)!);
    expect(codeDestinations(await session(sessionToken))).toEqual([]);
    expect(await advanceVerification(await session(sessionToken), { typed: {} })).toBe("CODE");
    expect(shown(codeDestinations(await session(sessionToken)))).not.toMatch(/0177|555|\+1/);
  });

  it("matches the address exactly: LIKE wildcards typed by a visitor match nobody", async () => {
    const employee = await world.createEmployee({ mobilePhone: "+1 415 555 0145", country: "US" });
    const [local, domain] = employee.login.split("@");
    for (const pattern of [`${local!.slice(0, -1)}_@${domain}`, "%%%", `${local}%`, `%@${domain}`]) {
      const started = await startSelfServiceVerification(pattern);
      const { sessionToken } = await startVerification(started.token);
      expect((await session(sessionToken)).employeeId, pattern).toBeNull();
    }
    const exact = await startSelfServiceVerification(` ${employee.login.toUpperCase()} `);
    const { sessionToken } = await startVerification(exact.token);
    expect((await session(sessionToken)).employeeId).toBe(employee.id);
  });

  it("typing someone's address does not cancel their own recovery in progress", async () => {
    const employee = await world.createEmployee({ mobilePhone: "+1 415 555 0144", country: "US" });
    const first = await startSelfServiceVerification(employee.login);
    await startSelfServiceVerification(employee.login);
    const { sessionToken } = await startVerification(first.token);
    expect((await session(sessionToken)).status).toBe("IN_PROGRESS");
  });

  it("is refused for everyone when the policy turns self-service off, and records nothing", async () => {
    const admin = await db().consoleUser.create({ data: { email: "ss-admin@example.com", name: "Admin", role: "ADMIN", passwordHash: "x", mustChangePassword: false } });
    const current = await getCurrentPolicy();
    await saveVerificationPolicy(admin, { ...DEFAULT_POLICY, selfServiceEnabled: false, expectedVersion: current.version });
    const before = await db().verificationRequest.count();
    await expect(startSelfServiceVerification("anyone@example.com")).rejects.toThrow(/not available/);
    expect(await db().verificationRequest.count()).toBe(before);
  });
});
