import { createHash, randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { addTrustedIssuersAction, importVicalAction, removeTrustedIssuerAction } from "@/app/(console)/settings/trusted-issuers/actions";
import type { AuditAction } from "@/lib/audit/audit-actions";
import type { ActionResult } from "@/lib/auth/guards";
import { hashPassword } from "@/lib/auth/password";
import type { ConsoleRole } from "@/lib/db/generated/enums";
import { db } from "@/lib/db/prisma";
import { createSandboxAuthority, type SandboxAuthority } from "@/lib/sandbox/wallet/sandbox-issuer";
import { fakeBrowser } from "@/lib/testing/fake-next-headers";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { loadTrustAnchors } from "@/lib/wallet/trust/load-trust-anchors";
import { listTrustedIssuers } from "@/lib/wallet/trust/list-trusted-issuers";
import { registerSandboxTrustAnchor } from "@/lib/wallet/trust/register-sandbox-trust-anchor";
import { createExpiredAuthority, pemOf, signVical, tamperVical, vicalPayload } from "@/lib/wallet/trust/testing/trust-list-fixtures";

vi.mock("next/headers", async () => (await import("@/lib/testing/fake-next-headers")).fakeNextHeaders);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const signedIn = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string; role: ConsoleRole; mustChangePassword: boolean; sessionVersion: number; sessionId: string; secondFactor: "verified"; secondFactorAt: Date; hasSecondFactor: boolean } }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentConsoleUser: async () => signedIn.user }));

// When set, the audit write of that action fails the way a refused insert does (the table's CHECK on the action),
// as in lib/idv/clients/idv-clients.integration.test.ts: every change in its transaction must roll back.
const auditFault = vi.hoisted(() => ({ failOn: null as null | string }));
vi.mock("@/lib/audit/record-audit-event", async (actual: () => Promise<typeof import("@/lib/audit/record-audit-event")>) => {
  const real = await actual();
  return {
    ...real,
    recordAuditEvent: async (...args: Parameters<typeof real.recordAuditEvent>) => {
      if (auditFault.failOn !== null && args[1].action === auditFault.failOn) {
        auditFault.failOn = null;
        await args[0].auditEvent.create({ data: { actorType: "SYSTEM", action: "Not A Valid Action" } });
      }
      return real.recordAuditEvent(...args);
    },
  };
});

const sha256 = (der: Uint8Array) => createHash("sha256").update(der).digest("hex");

async function signInAs(role: ConsoleRole) {
  const email = `${role.toLowerCase()}-${randomUUID()}@example.com`;
  const user = await db().consoleUser.create({ data: { email, name: email, role, passwordHash: await hashPassword("a password 123"), mustChangePassword: false } });
  signedIn.user = { id: user.id, email, name: email, role, mustChangePassword: false, sessionVersion: 1, sessionId: "00000000-0000-4000-8000-000000000000", secondFactor: "verified", secondFactorAt: new Date(), hasSecondFactor: true };
  return user;
}

function dataOf<T>(result: ActionResult<T>): T {
  if (!result.ok) throw new Error(`Expected success, got ${result.code}: ${result.error} ${JSON.stringify(result.fieldErrors)}`);
  return result.data;
}

/** The FormData a browser sends for the upload forms. */
function upload(content: Uint8Array | string, name: string): FormData {
  const form = new FormData();
  form.set("file", new File([Buffer.from(content)], name));
  return form;
}

const counts = async () => ({ certificates: await db().trustedIssuerCertificate.count(), events: await db().auditEvent.count() });
const eventsFor = (id: string) => db().auditEvent.findMany({ where: { targetId: id }, orderBy: { chainSeq: "asc" } });
const eventsOf = (action: AuditAction) => db().auditEvent.findMany({ where: { action }, orderBy: { chainSeq: "asc" } });

let utah: SandboxAuthority;
let nevada: SandboxAuthority;
let ontario: SandboxAuthority;
let vicalSigner: SandboxAuthority;

describe("the wallet ID trust list", () => {
  beforeAll(async () => {
    // Own database: the tests count rows across whole tables.
    await useFreshDatabase("trusted_issuers");
    [utah, nevada, ontario, vicalSigner] = await Promise.all([
      createSandboxAuthority("Utah DLD", { state: "UT" }),
      createSandboxAuthority("Nevada DMV", { state: "NV" }),
      createSandboxAuthority("Ontario MTO", { country: "CA", state: "ON" }),
      createSandboxAuthority("AAMVA VICAL Signer"),
    ]);
  });
  beforeEach(async () => {
    fakeBrowser.reset();
    auditFault.failOn = null;
    await signInAs("ADMIN");
  });

  it("adds the IACA roots of a PEM bundle, each audited, and the verifier trusts them", async () => {
    const result = dataOf(await addTrustedIssuersAction(upload(`${utah.iacaPem}${pemOf(nevada.iacaDer)}`, "west.pem")));
    expect(result.duplicates).toEqual([]);
    expect(result.added.map((added) => [added.commonName, added.fingerprint, added.expired])).toEqual([
      ["Utah DLD IACA", sha256(utah.iacaDer), false],
      ["Nevada DMV IACA", sha256(nevada.iacaDer), false],
    ]);
    for (const [added, authority] of [[result.added[0], utah], [result.added[1], nevada]] as const) {
      const row = await db().trustedIssuerCertificate.findUniqueOrThrow({ where: { id: added?.id } });
      expect(row).toMatchObject({ fingerprint: sha256(authority.iacaDer), subject: `C=US, ST=${authority === utah ? "UT" : "NV"}, CN=${authority.name} IACA`, country: "US", source: "UPLOAD", sourceLabel: "Uploaded as west.pem", createdById: signedIn.user?.id });
      expect(Buffer.from(row.der).equals(Buffer.from(authority.iacaDer))).toBe(true);
      const events = await eventsFor(row.id);
      expect(events.map((event) => ({ action: event.action, actorId: event.actorId, actorLabel: event.actorLabel, targetType: event.targetType, targetLabel: event.targetLabel, details: event.details }))).toEqual([
        { action: "wallet_trust.certificate_added", actorId: signedIn.user?.id, actorLabel: signedIn.user?.email, targetType: "trusted_issuer", targetLabel: `${authority.name} IACA`, details: { fingerprint: row.fingerprint, source: "UPLOAD" } },
      ]);
    }
    const anchors = (await loadTrustAnchors()).map((der) => sha256(der));
    expect(anchors).toEqual(expect.arrayContaining([sha256(utah.iacaDer), sha256(nevada.iacaDer)]));
  });

  it("skips certificates already listed and reports them; an upload of duplicates only writes nothing", async () => {
    const before = await counts();
    const result = dataOf(await addTrustedIssuersAction(upload(ontario.iacaDer, "ontario.der")));
    expect(result.added.map((added) => added.commonName)).toEqual(["Ontario MTO IACA"]);
    expect(await counts()).toEqual({ certificates: before.certificates + 1, events: before.events + 1 });
    expect(await db().trustedIssuerCertificate.findFirstOrThrow({ where: { fingerprint: sha256(ontario.iacaDer) } })).toMatchObject({ country: "CA", stateOrProvince: "ON" });

    const again = await counts();
    const repeated = dataOf(await addTrustedIssuersAction(upload(`${pemOf(ontario.iacaDer)}${utah.iacaPem}`, "again.pem")));
    expect(repeated).toEqual({ added: [], duplicates: [expect.objectContaining({ commonName: "Ontario MTO IACA" }), expect.objectContaining({ commonName: "Utah DLD IACA" })] });
    expect(await counts()).toEqual(again);
    expect((await db().trustedIssuerCertificate.findFirstOrThrow({ where: { fingerprint: sha256(utah.iacaDer) } })).sourceLabel).toBe("Uploaded as west.pem");
  });

  it("refuses what is not an IACA, or not a certificate file, with the reason beside the file input; nothing changes", async () => {
    const before = await counts();
    const refusals: [unknown, RegExp][] = [
      [upload(pemOf(utah.signerDer), "signer.pem"), /not a CA certificate/],
      [upload(`${pemOf(ontario.iacaDer)}${pemOf(utah.signerDer)}`, "mixed.pem"), /Certificate 2 of 2 .* Nothing was added/],
      [upload("not a certificate at all", "garbage.pem"), /is not a certificate/],
      [upload(utah.iacaPem, "utah.txt"), /Choose a \.pem, \.crt, \.cer, \.der file/],
      [upload(new Uint8Array(256 * 1024 + 1), "huge.der"), /larger than 256 KB/],
      [upload(new Uint8Array(), "empty.pem"), /is empty/],
      [new FormData(), /Choose a certificate file/],
      [{ file: utah.iacaPem }, /Choose a certificate file/],
    ];
    for (const [input, message] of refusals) {
      const result = await addTrustedIssuersAction(input);
      expect(result).toMatchObject({ ok: false, code: "invalid_input" });
      if (result.ok) continue;
      expect(result.fieldErrors?.file?.join(" "), String(message)).toMatch(message);
    }
    expect(await counts()).toEqual(before);
  });

  it("lists an expired root, flagged; the list is newest first and carries no DER", async () => {
    const expired = await createExpiredAuthority("Retired DMV");
    const result = dataOf(await addTrustedIssuersAction(upload(expired.iacaPem, "retired.crt")));
    expect(result.added).toEqual([expect.objectContaining({ commonName: "Retired DMV IACA", expired: true })]);
    const list = await listTrustedIssuers();
    expect(list[0]).toMatchObject({ commonName: "Retired DMV IACA", expired: true, source: "UPLOAD", createdBy: { email: signedIn.user?.email } });
    expect(list.find((row) => row.commonName === "Utah DLD IACA")).toMatchObject({ expired: false, country: "US", stateOrProvince: "UT" });
    expect(list.map((row) => row.createdAt.getTime())).toEqual([...list.map((row) => row.createdAt.getTime())].sort((a, b) => b - a));
    for (const row of list) expect(row).not.toHaveProperty("der");
  });

  it("removes a root, audited; a second removal is not found; the sandbox's root cannot be removed", async () => {
    const row = await db().trustedIssuerCertificate.findFirstOrThrow({ where: { fingerprint: sha256(nevada.iacaDer) } });
    expect(dataOf(await removeTrustedIssuerAction({ id: row.id }))).toEqual({ commonName: "Nevada DMV IACA" });
    expect(await db().trustedIssuerCertificate.findUnique({ where: { id: row.id } })).toBeNull();
    expect((await loadTrustAnchors()).map((der) => sha256(der))).not.toContain(row.fingerprint);
    const removed = (await eventsFor(row.id)).filter((event) => event.action === "wallet_trust.certificate_removed");
    expect(removed.map((event) => ({ actorId: event.actorId, targetLabel: event.targetLabel, details: event.details }))).toEqual([
      { actorId: signedIn.user?.id, targetLabel: "Nevada DMV IACA", details: { fingerprint: row.fingerprint, source: "UPLOAD", sourceLabel: "Uploaded as west.pem" } },
    ]);

    const sandbox = await createSandboxAuthority("verifyd Sandbox DMV");
    await registerSandboxTrustAnchor(sandbox.iacaDer);
    const sandboxRow = await db().trustedIssuerCertificate.findFirstOrThrow({ where: { source: "SANDBOX" } });
    const before = await counts();
    expect(await removeTrustedIssuerAction({ id: row.id })).toMatchObject({ ok: false, code: "not_found" });
    expect(await removeTrustedIssuerAction({ id: sandboxRow.id })).toMatchObject({ ok: false, code: "conflict", error: expect.stringMatching(/managed by the sandbox/) });
    expect(await removeTrustedIssuerAction({ id: "not-a-uuid" })).toMatchObject({ ok: false, code: "invalid_input" });
    expect(await counts()).toEqual(before);
    expect(await db().trustedIssuerCertificate.findUnique({ where: { id: sandboxRow.id } })).not.toBeNull();
  });

  it("imports a signed VICAL: its IACA roots added (source VICAL), others skipped, duplicates reported, the signer audited", async () => {
    const alberta = await createSandboxAuthority("Alberta Registries", { country: "CA", state: "AB" });
    const payload = vicalPayload({ issueId: 42, certificates: [nevada.iacaDer, utah.iacaDer, alberta.iacaDer, alberta.signerDer] });
    const before = await counts();
    const result = dataOf(await importVicalAction(upload(await signVical(payload, vicalSigner), "vical-42.cbor")));
    expect(result.sourceLabel).toBe("AAMVA VICAL #42 (2026-11-30)");
    expect(result.signer).toEqual({ subject: "C=US, ST=UT, CN=AAMVA VICAL Signer Document Signer", commonName: "AAMVA VICAL Signer Document Signer", fingerprint: sha256(vicalSigner.signerDer) });
    expect(result.added.map((added) => added.commonName)).toEqual(["Nevada DMV IACA", "Alberta Registries IACA"]);
    expect(result.duplicates.map((duplicate) => duplicate.commonName)).toEqual(["Utah DLD IACA"]);
    expect(result.skipped).toEqual([{ label: "Alberta Registries Document Signer", reason: expect.stringMatching(/not a CA certificate/) }]);
    // Two roots, and three events: one per root and the import.
    expect(await counts()).toEqual({ certificates: before.certificates + 2, events: before.events + 3 });

    for (const added of result.added) {
      expect(await db().trustedIssuerCertificate.findUniqueOrThrow({ where: { id: added.id } })).toMatchObject({ source: "VICAL", sourceLabel: "AAMVA VICAL #42 (2026-11-30)", createdById: signedIn.user?.id });
      expect((await eventsFor(added.id)).map((event) => [event.action, event.details])).toEqual([["wallet_trust.certificate_added", { fingerprint: added.fingerprint, source: "VICAL" }]]);
    }
    const [imported, ...others] = await eventsOf("wallet_trust.vical_imported");
    expect(others).toEqual([]);
    expect(imported).toMatchObject({ actorId: signedIn.user?.id, targetType: "vical", targetLabel: "AAMVA VICAL #42 (2026-11-30)" });
    expect(imported?.details).toEqual({
      provider: "AAMVA",
      issueId: "42",
      date: "2026-11-30",
      signerSubject: "C=US, ST=UT, CN=AAMVA VICAL Signer Document Signer",
      signerFingerprint: sha256(vicalSigner.signerDer),
      entries: 4,
      added: 2,
      alreadyListed: 1,
      skipped: 1,
    });
  });

  it("refuses a tampered, an unsigned, or an empty VICAL, and a file that is not one; nothing changes", async () => {
    const quebec = await createSandboxAuthority("Quebec SAAQ", { country: "CA", state: "QC" });
    const signed = await signVical(vicalPayload({ certificates: [utah.iacaDer] }), vicalSigner);
    const refusals: [FormData, RegExp][] = [
      [upload(tamperVical(signed, vicalPayload({ certificates: [quebec.iacaDer] })), "tampered.cbor"), /signature does not verify/],
      [upload(await signVical(vicalPayload({ certificates: [quebec.iacaDer] }), vicalSigner, { x5chain: null }), "unsigned.cbor"), /no x5chain/],
      [upload(await signVical(vicalPayload({ certificates: [quebec.signerDer] }), vicalSigner), "no-iaca.cbor"), /lists no IACA root/],
      [upload(quebec.iacaPem, "quebec.pem"), /not a VICAL/],
      [upload(new Uint8Array(5 * 1024 * 1024 + 1), "huge.cbor"), /larger than 5 MB/],
    ];
    const before = await counts();
    for (const [input, message] of refusals) {
      const result = await importVicalAction(input);
      expect(result, String(message)).toMatchObject({ ok: false, code: "invalid_input" });
      if (!result.ok) expect(result.fieldErrors?.file?.join(" "), String(message)).toMatch(message);
    }
    expect(await counts()).toEqual(before);
    expect(await db().trustedIssuerCertificate.count({ where: { fingerprint: sha256(quebec.iacaDer) } })).toBe(0);
  });

  it("writes nothing when an audit event cannot be written", async () => {
    const yukon = await createSandboxAuthority("Yukon MVS", { country: "CA", state: "YT" });
    const vical = await signVical(vicalPayload({ issueId: 43, certificates: [yukon.iacaDer] }), vicalSigner);
    const row = await db().trustedIssuerCertificate.findFirstOrThrow({ where: { fingerprint: sha256(utah.iacaDer) } });
    const before = await counts();
    const attempts: [AuditAction, () => Promise<unknown>][] = [
      ["wallet_trust.certificate_added", () => addTrustedIssuersAction(upload(yukon.iacaPem, "yukon.pem"))],
      ["wallet_trust.vical_imported", () => importVicalAction(upload(vical, "vical-43.cbor"))],
      ["wallet_trust.certificate_removed", () => removeTrustedIssuerAction({ id: row.id })],
    ];
    for (const [action, attempt] of attempts) {
      auditFault.failOn = action;
      await expect(attempt()).rejects.toThrow();
      expect(auditFault.failOn, `the refused ${action} write caused the failure`).toBeNull();
    }
    expect(await counts()).toEqual(before);
    expect(await db().trustedIssuerCertificate.count({ where: { fingerprint: sha256(yukon.iacaDer) } })).toBe(0);
  });

  it("refuses helpdesk agents and changes nothing on the trust list", async () => {
    const row = await db().trustedIssuerCertificate.findFirstOrThrow({ where: { fingerprint: sha256(utah.iacaDer) } });
    const newfoundland = await createSandboxAuthority("Newfoundland MRD", { country: "CA", state: "NL" });
    await signInAs("HELPDESK");
    const before = await db().trustedIssuerCertificate.count();
    const deniedBefore = (await eventsOf("access.denied")).length;
    for (const result of [
      await addTrustedIssuersAction(upload(newfoundland.iacaPem, "nl.pem")),
      await importVicalAction(upload(await signVical(vicalPayload({ certificates: [newfoundland.iacaDer] }), vicalSigner), "vical.cbor")),
      await removeTrustedIssuerAction({ id: row.id }),
    ]) {
      expect(result).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(await db().trustedIssuerCertificate.count()).toBe(before);
    expect(await db().trustedIssuerCertificate.findUnique({ where: { id: row.id } })).not.toBeNull();
    const denied = (await eventsOf("access.denied")).slice(deniedBefore);
    expect(denied.map((event) => [event.actorId, event.details])).toEqual(Array.from({ length: 3 }, () => [signedIn.user?.id, { permission: "settings:manage" }]));
  });
});
