import { apiKeyActor, type AuditActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getServerEnv } from "@/lib/config/server-env";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { randomUUID } from "node:crypto";
import { sealSecret } from "@/lib/crypto/server-keyring";
import { deliverOutboxMessage, queueEmail, queueSms, verificationLinkEmail, verificationLinkSms } from "@/lib/notifications";
import { mobileOnRecord } from "@/lib/verification/requests/possession-code";
import { getCurrentPolicy } from "@/lib/verification/policy";
import { generateLinkToken } from "@/lib/verification/requests/verification-secrets";
import { PURPOSE_LABELS } from "@/lib/verification/requests/verification-labels";
import { type CreateVerificationInput, createVerificationInputSchema } from "@/lib/verification/requests/create-verification-schema";


export type VerificationInitiator =
  | { type: "CONSOLE_USER"; user: { id: string; email: string; name: string } }
  | { type: "SELF_SERVE" }
  | { type: "API_CLIENT"; apiKey: { id: string; name: string } };

export type CreatedVerification = { id: string; expiresAt: Date; outboxMessageId: string | null; link: string };

export function verificationLinkUrl(token: string): string {
  return new URL(`/verify/${token}`, getServerEnv().APP_URL).toString();
}

/**
 * Opens a verification for one active employee and sends them a single-use link (e-mail or text message; or
 * none, when the agent hands it over in person as a QR code). The request, the cancelled
 * older links, the queued e-mail and the audit events commit together; the e-mail leaves after the commit.
 * The returned link is for tests and the self-serve flow only; the console never shows it.
 */
export async function createVerificationRequest(
  rawInput: CreateVerificationInput,
  initiator: VerificationInitiator,
  request?: { ip?: string; userAgent?: string },
): Promise<CreatedVerification> {
  const input = createVerificationInputSchema.parse(rawInput);
  const actor: AuditActor =
    initiator.type === "CONSOLE_USER"
      ? { type: "CONSOLE_USER", id: initiator.user.id, label: initiator.user.email }
      : initiator.type === "API_CLIENT"
        ? apiKeyActor(initiator.apiKey)
        : { type: "ANONYMOUS", label: "self-service portal" };

  const created = await db().$transaction(async (tx) => {
    const employee = await tx.employee.findUnique({
      where: { id: input.employeeId },
      include: { connection: { select: { status: true } } },
    });
    if (!employee || employee.membership !== "ACTIVE") {
      throw new AppError("not_found", "This employee is not in the synced employee group.");
    }
    // A connection that is INCOMPLETE or in ERROR cannot be trusted to describe the employee (its last sync may be
    // stale or partial) and could not carry out a reset afterwards: verify nobody until an admin repairs it.
    if (employee.connection.status !== "ACTIVE") {
      throw new AppError("conflict", `The directory connection is ${employee.connection.status === "ERROR" ? "in error" : "not set up completely"}: an administrator must repair it under Settings → Identity provider before anyone can be verified.`);
    }
    const mobile = mobileOnRecord(employee);
    if (input.channel === "EMAIL" && !employee.email) {
      throw new AppError("conflict", "This employee has no work e-mail address in the directory, so no link can be sent.", { channel: ["No work e-mail on record."] });
    }
    if (input.channel === "SMS" && !mobile) {
      throw new AppError("conflict", "This employee has no valid mobile number in the directory.", { channel: ["No valid mobile number on record."] });
    }
    const policy = await getCurrentPolicy(tx);
    const { token, hash } = generateLinkToken();
    const expiresAt = new Date(Date.now() + policy.linkLifetimeMinutes * 60_000);

    // One open link per employee and purpose: a new request supersedes the older ones.
    const superseded = await tx.verificationRequest.updateManyAndReturn({
      where: { employeeId: employee.id, purpose: input.purpose, status: { in: ["PENDING", "OPENED", "IN_PROGRESS"] } },
      data: { status: "CANCELLED", cancelledAt: new Date(), sealedLinkToken: null, failureReason: "Superseded by a newer verification request." },
      select: { id: true },
    });
    for (const old of superseded) {
      await recordAuditEvent(tx, {
        actor,
        action: "verification.cancelled",
        target: { type: "verification_request", id: old.id, label: employee.login },
        request,
        details: { reason: "superseded" },
      });
    }

    const id = randomUUID();
    const verification = await tx.verificationRequest.create({
      data: {
        id,
        sealedLinkToken: sealSecret(token, `verification-link:${id}`),
        linkChannel: input.channel === "IN_PERSON" ? null : input.channel,
        employeeId: employee.id,
        policyId: policy.id,
        purpose: input.purpose,
        initiatorType: initiator.type,
        initiatedById: initiator.type === "CONSOLE_USER" ? initiator.user.id : null,
        initiatedByApiKeyId: initiator.type === "API_CLIENT" ? initiator.apiKey.id : null,
        externalTicketRef: input.ticket ?? null,
        reasonNote: input.reasonNote ?? null,
        linkTokenHash: hash,
        expiresAt,
      },
    });
    const link = verificationLinkUrl(token);
    const related = { type: "verification_request", id: verification.id };
    let outboxMessageId: string | null = null;
    if (input.channel === "EMAIL" && employee.email) {
      const email = verificationLinkEmail({
        employeeFirstName: employee.firstName ?? "there",
        requestedBy: initiator.type === "CONSOLE_USER" ? `${initiator.user.name} from the IT service desk` : initiator.type === "API_CLIENT" ? "the IT service desk" : "you, through the self-service portal",
        purposeLabel: PURPOSE_LABELS[input.purpose],
        url: link,
        expiresAt,
      });
      outboxMessageId = await queueEmail(tx, { to: employee.email, ...email, related });
    } else if (input.channel === "SMS" && mobile) {
      outboxMessageId = await queueSms(tx, { to: mobile, text: verificationLinkSms({ purposeLabel: PURPOSE_LABELS[input.purpose], url: link }), related });
    }
    await recordAuditEvent(tx, {
      actor,
      action: "verification.created",
      target: { type: "verification_request", id: verification.id, label: employee.login },
      request,
      details: { employeeId: employee.id, purpose: input.purpose, channel: input.channel, ticket: input.ticket ?? null, policyVersion: policy.version, expiresAt: expiresAt.toISOString() },
    });
    return { id: verification.id, expiresAt, outboxMessageId, link };
  });

  if (created.outboxMessageId) await deliverOutboxMessage(created.outboxMessageId);
  return created;
}
