import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/prisma";
import { SandboxWallet, type WalletVariant } from "@/lib/sandbox/wallet/sandbox-wallet";
import { fakeBrowser } from "@/lib/testing/fake-next-headers";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { PASSED_FACE, recordPassedFaceCheck } from "@/lib/verification/face/testing/face-fixtures";
import { evaluateVerification } from "@/lib/verification/requests/decide-verification";
import { reloadVerificationSession, type VerificationSession } from "@/lib/verification/requests/load-verification-session";
import { nextVerificationStep } from "@/lib/verification/requests/advance-verification";
import { createVerificationWorld } from "@/lib/verification/testing/verification-fixtures";
import { requestWalletPresentation, walletOrigin } from "@/lib/wallet/presentations/request-wallet-presentation";
import { submitWalletPresentation } from "@/lib/wallet/presentations/submit-wallet-presentation";
import { ANNEX_C_PROTOCOL, OID4VP_PROTOCOL } from "@/lib/wallet/protocol/wallet-protocols";
import { startSelfServiceSession } from "@/lib/wallet/testing/start-self-service-session";
import { registerSandboxTrustAnchor } from "@/lib/wallet/trust/register-sandbox-trust-anchor";

vi.mock("next/headers", async () => (await import("@/lib/testing/fake-next-headers")).fakeNextHeaders);

let world: Awaited<ReturnType<typeof createVerificationWorld>>;
let wallet: SandboxWallet;
const PORTRAIT = Buffer.from("/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////2wBDAf//////////////////////////////////////////////////////////////////////////////////////wAARCAABAAEDASIAAhEBAxEB/8QAFAABAAAAAAAAAAAAAAAAAAAAAP/EABQQAQAAAAAAAAAAAAAAAAAAAAD/xAAUAQEAAAAAAAAAAAAAAAAAAAAA/8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAwDAQACEQMRAD8AJQD/2Q==", "base64");

const holderOf = (employee: { firstName: string | null; lastName: string | null; birthday: string | null }) => ({
  givenName: employee.firstName ?? "",
  familyName: employee.lastName ?? "",
  birthDate: employee.birthday ?? "1990-01-01",
  portrait: PORTRAIT.toString("base64"),
});

const startSelfService = () => startSelfServiceSession(() => world.createEmployee({ birthday: "1988-04-12", city: "Salt Lake City" }));

async function fresh(session: VerificationSession): Promise<VerificationSession> {
  const reloaded = await reloadVerificationSession(session);
  if (!reloaded) throw new Error("session ended");
  return reloaded;
}

async function unchanged(session: VerificationSession) {
  const row = await db().verificationRequest.findUniqueOrThrow({ where: { id: session.id }, include: { evidence: true } });
  expect(row.status).toBe("IN_PROGRESS");
  expect(row.evidence).toHaveLength(0);
  expect(nextVerificationStep(await fresh(session))).toBe("DOCUMENT");
}

beforeAll(async () => {
  await useFreshDatabase("wallet_presentation");
  world = await createVerificationWorld("wallet");
  wallet = await SandboxWallet.create();
  await registerSandboxTrustAnchor(wallet.authority.iacaDer);
});

beforeEach(() => fakeBrowser.reset());

describe("a wallet ID in the verification flow", () => {
  it.each([OID4VP_PROTOCOL, ANNEX_C_PROTOCOL])("over %s: only what the policy needs is asked, the mDL becomes the document, the face is compared with its signed portrait", async (protocol) => {
    const { session, employee } = await startSelfService();
    const issued = await requestWalletPresentation(session);
    expect(issued.requests.map((request) => request.protocol)).toEqual([OID4VP_PROTOCOL, ANNEX_C_PROTOCOL]);
    const asked = JSON.stringify(issued.requests[0]!.data);
    expect(asked).toContain("family_name");
    // Self-service compares a live face, so the portrait is asked for; nothing the policy does not compare is.
    expect(asked).toContain("portrait");
    expect(asked).not.toContain("age_over");
    const answer = await wallet.answer({ requests: issued.requests, origin: walletOrigin(), holder: holderOf(employee), protocol });
    const result = await submitWalletPresentation(await fresh(session), { presentationId: issued.presentationId, credential: answer });
    expect(result).toMatchObject({ ok: true });
    const evidence = await db().verificationEvidence.findFirstOrThrow({ where: { requestId: session.id } });
    expect(evidence).toMatchObject({ documentKind: "MDOC", documentType: "org.iso.18013.5.1.mDL", readable: true, consistent: true, readSidePortrait: true });
    expect(evidence.sealedImage).not.toBeNull();
    const after = await fresh(session);
    expect(nextVerificationStep(after)).toBe("FACE");

    await recordPassedFaceCheck(after, { ...PASSED_FACE, portraitSource: "MDOC_PORTRAIT" });
    const { decision } = evaluateVerification(await fresh(session), {}, { possessionPending: true });
    expect(decision.assurance?.level).toBe("SIGNED_EVIDENCE");
    const documentCheck = decision.checks.find((check) => check.check === "ID_DOCUMENT");
    expect(documentCheck).toMatchObject({ passed: true, detail: expect.stringContaining("Signed mobile ID (verifyd Sandbox DMV Document Signer, trust anchor verifyd Sandbox DMV IACA") });
    expect(decision.checks.find((check) => check.check === "LIVE_FACE")).toMatchObject({ passed: true });
    expect(decision.claims.find((claim) => claim.claim === "lastName")).toMatchObject({ outcome: "MATCH", source: "DOCUMENT" });
    const audit = await db().auditEvent.findMany({ where: { targetId: session.id, action: { in: ["verification.wallet_requested", "verification.wallet_verified"] } } });
    expect(audit.map((event) => event.action).sort()).toEqual(["verification.wallet_requested", "verification.wallet_verified"]);
  });

  it.each<[WalletVariant, RegExp]>([
    ["UNTRUSTED_ISSUER", /not issued by an authority on the trust list/],
    ["TAMPERED_ELEMENT", /altered/],
    ["EXPIRED_DOCUMENT", /expired/],
    ["EXPIRED_SIGNATURE", /expired/],
    ["WRONG_ORIGIN", /this site/],
    ["WRONG_DEVICE_KEY", /this site/],
    ["MAC_ONLY", /did not sign this presentation/],
  ])("refuses %s with its reason and changes nothing else", async (variant, reason) => {
    const { session, employee } = await startSelfService();
    const issued = await requestWalletPresentation(session);
    const answer = await wallet.answer({ requests: issued.requests, origin: walletOrigin(), holder: holderOf(employee), variant });
    const result = await submitWalletPresentation(await fresh(session), { presentationId: issued.presentationId, credential: answer });
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(reason) });
    await unchanged(session);
    expect(await db().auditEvent.count({ where: { targetId: session.id, action: "verification.wallet_refused" } })).toBe(1);
  });

  it("a replayed answer, an answer made for another verification, and a second answer to one request are refused", async () => {
    const first = await startSelfService();
    const firstRequest = await requestWalletPresentation(first.session);
    const firstAnswer = await wallet.answer({ requests: firstRequest.requests, origin: walletOrigin(), holder: holderOf(first.employee) });
    const second = await startSelfService();
    const secondRequest = await requestWalletPresentation(second.session);
    // The first verification's answer posted to the second one's request: not encrypted to its key.
    await expect(submitWalletPresentation(await fresh(second.session), { presentationId: secondRequest.presentationId, credential: firstAnswer })).resolves.toMatchObject({ ok: false, message: expect.stringMatching(/another request/) });
    await unchanged(second.session);
    // The first request's id from the second browser: not this verification's request.
    await expect(submitWalletPresentation(await fresh(second.session), { presentationId: firstRequest.presentationId, credential: firstAnswer })).rejects.toMatchObject({ code: "conflict" });
    // Then the genuine answer, then the same again: the request is spent.
    await expect(submitWalletPresentation(await fresh(first.session), { presentationId: firstRequest.presentationId, credential: firstAnswer })).resolves.toMatchObject({ ok: true });
    await expect(submitWalletPresentation(await fresh(first.session), { presentationId: firstRequest.presentationId, credential: firstAnswer })).rejects.toMatchObject({ code: "conflict" });
    expect(await db().verificationEvidence.count({ where: { requestId: first.session.id } })).toBe(1);
  });

  it("an expired request cannot be answered", async () => {
    const { session, employee } = await startSelfService();
    const issued = await requestWalletPresentation(session);
    const answer = await wallet.answer({ requests: issued.requests, origin: walletOrigin(), holder: holderOf(employee) });
    await db().walletPresentation.update({ where: { id: issued.presentationId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(submitWalletPresentation(await fresh(session), { presentationId: issued.presentationId, credential: answer })).rejects.toMatchObject({ code: "conflict" });
    await unchanged(session);
  });

  it("another person's genuine mDL is verified as authentic and then fails the claim match", async () => {
    const { session } = await startSelfService();
    const issued = await requestWalletPresentation(session);
    const answer = await wallet.answer({ requests: issued.requests, origin: walletOrigin(), holder: { givenName: "Mallory", familyName: "Stranger", birthDate: "1970-01-01" } });
    await expect(submitWalletPresentation(await fresh(session), { presentationId: issued.presentationId, credential: answer })).resolves.toMatchObject({ ok: true });
    const { decision } = evaluateVerification(await fresh(session), {}, { possessionPending: true });
    expect(decision.outcome).toBe("FAILED");
    expect(decision.claims.find((claim) => claim.claim === "lastName")).toMatchObject({ outcome: "MISMATCH" });
  });

  it("a parallel burst of wallet requests gets no more than the policy's attempts", async () => {
    const { session } = await startSelfService();
    const results = await Promise.allSettled(Array.from({ length: session.policy.maxAttempts + 4 }, () => requestWalletPresentation(session)));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(session.policy.maxAttempts);
    expect(await db().walletPresentation.count({ where: { requestId: session.id } })).toBe(session.policy.maxAttempts);
  });
});
