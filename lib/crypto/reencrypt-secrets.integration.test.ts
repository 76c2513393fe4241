import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { resetServerEnvCache } from "@/lib/config/server-env";
import { secretContext } from "@/lib/credential-reset/pending-reset-secret";
import { parseKeyring } from "@/lib/config/keyring";
import { reencryptSecrets } from "@/lib/crypto/reencrypt-secrets";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { openSecret, sealSecret, serverKeyring } from "@/lib/crypto/server-keyring";
import { db } from "@/lib/db/prisma";
import { openOutboxBody } from "@/lib/notifications/outbox-body";
import { queueEmail } from "@/lib/notifications/queue-email";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { getCurrentPolicy } from "@/lib/verification/policy";
import { openBindingCode, sealBindingCode } from "@/lib/verification/requests/caller-binding";
import { hashToken } from "@/lib/verification/requests/verification-secrets";
import { createVerificationWorld } from "@/lib/verification/testing/verification-fixtures";

const OLD = `old:${randomBytes(32).toString("base64")}`;
const NEW = `new:${randomBytes(32).toString("base64")}`;

function useKeys(keys: string): void {
  process.env.DATA_ENCRYPTION_KEYS = keys;
  resetServerEnvCache();
}

let ids: { connection: string; verification: string; evidence: string; outbox: string; reset: string };

// One value in every sealed column, sealed the way the app seals it, under the key about to be rotated out.
async function sealEverything(): Promise<void> {
  const world = await createVerificationWorld("reencrypt");
  await db().iamConnection.update({ where: { id: world.connectionId }, data: { sealedCredentials: sealSecret('{"clientSecret":"s3cr3t"}', `iam-connection:${world.connectionId}`) } });
  const employee = await world.createEmployee();
  const policy = await db().$transaction((tx) => getCurrentPolicy(tx));
  const verification = randomUUID();
  await db().verificationRequest.create({
    data: {
      id: verification, employeeId: employee.id, policyId: policy.id, purpose: "HELPDESK_CHECK", initiatorType: "SELF_SERVE", status: "VERIFIED",
      linkTokenHash: hashToken(randomBytes(32).toString("base64url")), expiresAt: new Date(Date.now() + 3_600_000),
      sealedLinkToken: sealSecret("the-link-token", `verification-link:${verification}`),
      sealedSelfAsserted: sealSecret('{"email":"a@example.com"}', `self-asserted:${verification}`),
      sealedBindingCode: sealBindingCode(verification, "K7Q-M4P"),
      bindingCodeExpiresAt: new Date(Date.now() + 10 * 60_000),
    },
  });
  const evidence = randomUUID();
  await db().verificationEvidence.create({
    data: { id: evidence, requestId: verification, imageSha256: "0".repeat(64), imageBytes: 3, readable: false, sealedImage: Buffer.from(sealSecret("AQID", `evidence:${evidence}`), "utf8") },
  });
  const outbox = await queueEmail(db(), { to: "a@example.com", subject: "Hello", text: "the body", html: "<p>the body</p>" });
  const reset = randomUUID();
  await db().credentialReset.create({
    data: { id: reset, requestId: verification, employeeId: employee.id, action: "PASSWORD_RESET", initiatorType: "SELF_SERVE", status: "RUNNING", sealedSecret: sealSecret("Temp-Pass-1", secretContext(reset)), secretKind: "TEMPORARY_PASSWORD" },
  });
  ids = { connection: world.connectionId, verification, evidence, outbox, reset };
}

describe("npm run secrets:reencrypt", () => {
  beforeAll(async () => {
    await useFreshDatabase("reencrypt");
    useKeys(OLD);
    await sealEverything();
  });

  it("re-seals everything under the new key, so the old key can be removed and everything still opens", async () => {
    useKeys(`${NEW},${OLD}`);
    // Two runs at once (an operator starting it twice): each value is re-sealed exactly once.
    const runs = await Promise.all([reencryptSecrets(db(), serverKeyring(), { batchSize: 1 }), reencryptSecrets(db(), serverKeyring())]);
    const total = (name: string) => runs.reduce((sum, run) => sum + (run.resealed[name] ?? 0), 0);
    for (const name of ["iam_connection.sealedCredentials", "verification_request.sealedLinkToken", "verification_request.sealedSelfAsserted", "verification_request.sealedBindingCode", "verification_evidence.sealedImage", "outbox_message.sealedBody", "credential_reset.sealedSecret"]) {
      expect(total(name), name).toBe(1);
    }
    const again = await reencryptSecrets(db(), serverKeyring());
    expect(Object.values(again.resealed).every((count) => count === 0)).toBe(true);
    expect(again.keysInUse).toEqual({ new: 7 });
    expect(again.keysInJobSteps).toEqual({});
    expect(again.unreadable).toEqual([]);

    useKeys(NEW);
    const connection = await db().iamConnection.findUniqueOrThrow({ where: { id: ids.connection } });
    expect(openSecret(connection.sealedCredentials ?? "", `iam-connection:${ids.connection}`)).toBe('{"clientSecret":"s3cr3t"}');
    const verification = await db().verificationRequest.findUniqueOrThrow({ where: { id: ids.verification } });
    expect(openSecret(verification.sealedLinkToken ?? "", `verification-link:${ids.verification}`)).toBe("the-link-token");
    expect(openSecret(verification.sealedSelfAsserted ?? "", `self-asserted:${ids.verification}`)).toBe('{"email":"a@example.com"}');
    expect(openBindingCode(verification)).toBe("K7Q-M4P");
    const evidence = await db().verificationEvidence.findUniqueOrThrow({ where: { id: ids.evidence } });
    expect(openSecret(Buffer.from(evidence.sealedImage ?? new Uint8Array()).toString("utf8"), `evidence:${ids.evidence}`)).toBe("AQID");
    const outbox = await db().outboxMessage.findUniqueOrThrow({ where: { id: ids.outbox } });
    expect(openOutboxBody(ids.outbox, outbox.sealedBody ?? "").text).toBe("the body");
    const reset = await db().credentialReset.findUniqueOrThrow({ where: { id: ids.reset } });
    expect(openSecret(reset.sealedSecret ?? "", secretContext(ids.reset))).toBe("Temp-Pass-1");

    const events = await db().auditEvent.findMany({ where: { action: "secrets.reencrypted" }, orderBy: { id: "asc" } });
    expect(events).toHaveLength(3);
    expect(events[2]?.details).toMatchObject({ activeKeyId: "new", unreadable: 0, keysInUse: { new: 7 } });
  });

  it("reports a value no configured key opens, and counts its key and envelopes left in job step output as in use", async () => {
    const gone = parseKeyring(`gone:${randomBytes(32).toString("base64")}`);
    const id = await queueEmail(db(), { to: "b@example.com", subject: "Hi", text: "x", html: "<p>x</p>" });
    await db().outboxMessage.update({ where: { id }, data: { sealedBody: encryptSecret("{}", gone, `outbox:${id}`) } });
    // A finished run from before secrets stopped being memoised in step output (pruned by housekeeping).
    const run = await db().jobRun.create({ data: { functionId: "credential-reset", eventName: "credential-reset/requested", eventData: {}, status: "COMPLETED" } });
    await db().jobStep.create({ data: { runId: run.id, stepId: "generate", output: { sealed: encryptSecret("Temp-Pass-2", parseKeyring(OLD), "credential-reset:x") } } });
    const report = await reencryptSecrets(db(), serverKeyring());
    expect(report.unreadable).toEqual([{ column: "outbox_message.sealedBody", id, reason: expect.stringMatching(/"gone" is not in DATA_ENCRYPTION_KEYS/) }]);
    expect(report.keysInUse).toEqual({ new: 7, gone: 1 });
    expect(report.keysInJobSteps).toEqual({ old: 1 });
  });
});
