import { z } from "zod";
import { NAME_READ_CHECK } from "@/lib/documents/types";
import { toJson } from "@/lib/db/to-json";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { alertEvidenceMismatches } from "@/lib/verification/requests/alert-evidence-mismatches";
import { sealSecret } from "@/lib/crypto/server-keyring";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { CLAIM_NAMES, type ClaimName, type DirectoryClaimValues, directoryClaimsOf } from "@/lib/verification/claims";
import { type ClaimSource, type CheckResult, computeDecision, type Decision } from "@/lib/verification/decision/compute-decision";
import { claimsFromDocument, claimsToAskEmployee, type DocumentEvidence } from "@/lib/verification/decision/evidence-claims";
import { decisionAssurance, faceCheckOf } from "@/lib/verification/decision/decision-assurance";
import type { FaceEvidence } from "@/lib/face/face-analysis";
import { matchClaims } from "@/lib/verification/matching";
import { documentHasPortrait } from "@/lib/verification/face/face-check-required";
import { liveFaceCheck } from "@/lib/verification/face/live-face-check";
import { retainFaceFrames } from "@/lib/verification/face/retain-face-frames";
import { minimumAssuranceOf } from "@/lib/verification/policy/minimum-assurance";
import { faceEvidenceOf } from "@/lib/verification/requests/face-evidence-of";
import { maskClaimValue } from "@/lib/verification/decision/mask-claim-value";
import { bindingCodeExpiry, generateBindingCode, sealBindingCode } from "@/lib/verification/requests/caller-binding";
import { policyClaimsOf } from "@/lib/verification/requests/policy-claims";
import { deleteEvidenceImages, imageRetentionUpdate, KEEPS_AN_IMAGE } from "@/lib/verification/requests/evidence-retention";
import { describeWalletEvidence, type StoredWalletEvidence, walletEvidenceSchema } from "@/lib/verification/decision/stored-wallet-evidence";
import type { VerificationSession } from "@/lib/verification/requests/load-verification-session";
import { verificationActor, verificationTarget } from "@/lib/verification/requests/verification-audit";
import { sessionExpiryFor } from "@/lib/verification/requests/verification-session-lifetime";
import { refuseWhenBirthdayDecides, withLiveBirthday } from "@/lib/verification/requests/read-live-birthday";
import { forwardJobEvents } from "@/lib/events/forward-job-events";
import { queueVerificationDecidedWebhook } from "@/lib/webhooks/queue-domain-webhooks";

// JSON drops undefined, so a value the reader left out comes back missing rather than null.
const optionalText = z.string().nullable().default(null);

/** What the agent reads in the document check's row. */
const DOCUMENT_KIND_LABELS: Record<string, string> = {
  AAMVA: "Driving licence barcode (AAMVA PDF417)",
  MRZ_TD3: "Passport photo page (MRZ)",
  MRZ_TD2: "ID card (2-line MRZ)",
  MRZ_TD1: "ID card (3-line MRZ)",
  MDOC: "Signed mobile ID",
};

/** What submitIdentityDocument stored in `extracted` (a JSON column: read back through a schema). */
const storedDocumentSchema = z.object({
  document: z.looseObject({
    kind: z.string(),
    surname: z.string(),
    givenNames: z.string(),
    dateOfBirth: optionalText,
    issuingCountry: z.string(),
    address: z
      .object({ street: optionalText, city: optionalText, state: optionalText, postalCode: optionalText, country: optionalText })
      .nullable()
      .default(null),
    documentType: z.string().optional(),
    expiryDate: z.string().nullable().optional(),
    checks: z.array(z.object({ name: z.string(), passed: z.boolean() })).default([]),
  }),
  problems: z.array(z.string()),
  wallet: walletEvidenceSchema.optional(),
});
type StoredDocument = { document: DocumentEvidence & { documentType?: string; expiryDate?: string | null }; problems: string[]; wallet?: StoredWalletEvidence };

type AcceptedDocument = { stored: StoredDocument; expired: boolean; consistent: boolean; problems: string[]; nameGuessed: boolean; front: string | null };

const frontCheckSchema = z.object({ documentNumber: z.boolean(), dateOfBirth: z.boolean(), surname: z.boolean() });

/** What the agent reads of an accepted card front: which of the card's values were found printed on it. */
function describeFront(accepted: Date | null, check: unknown): string | null {
  if (!accepted) return null;
  const parsed = frontCheckSchema.safeParse(check);
  const found = parsed.success ? [parsed.data.dateOfBirth ? "birth date" : null, parsed.data.surname ? "surname" : null].filter(Boolean).join(" and ") : "";
  return `Its front, with the portrait, shows the same document number${found ? ` and ${found}` : ""}.`;
}

function latestAcceptedDocument(session: VerificationSession): AcceptedDocument | null {
  const latest = session.evidence[0];
  if (!latest?.readable || latest.expired || !latest.extracted) return null;
  const stored = storedDocumentSchema.safeParse(latest.extracted);
  // A row that does not parse is treated as no accepted document: the decision then fails safe.
  if (!stored.success) return null;
  // A name read with guesses (no check digit covers names) is not a sign of tampering: the name is matched
  // against the directory like any other claim, and only the other checks decide the document's integrity.
  const failed = stored.data.document.checks.filter((check) => !check.passed);
  const nameGuessed = failed.some((check) => check.name === NAME_READ_CHECK);
  const problems = stored.data.problems.filter((problem) => !problem.startsWith(`${NAME_READ_CHECK}:`));
  const consistent = (latest.consistent ?? false) || (nameGuessed && failed.length === 1 && problems.length === 0);
  return { stored: stored.data, expired: latest.expired ?? false, consistent, problems, nameGuessed, front: describeFront(latest.frontAcceptedAt, latest.frontCheck) };
}

/** Evidence gathered so far (document + confirmed possession), with where each value came from. */
export function provenClaims(session: VerificationSession): { values: DirectoryClaimValues; sources: Partial<Record<ClaimName, ClaimSource>> } {
  const values: DirectoryClaimValues = {};
  const sources: Partial<Record<ClaimName, ClaimSource>> = {};
  const accepted = latestAcceptedDocument(session);
  if (accepted) {
    for (const [claim, value] of Object.entries(claimsFromDocument(accepted.stored.document)) as [ClaimName, string | null][]) {
      if (value) {
        values[claim] = value;
        sources[claim] = "DOCUMENT";
      }
    }
  }
  if (session.codeVerifiedAt && session.codeChannel === "EMAIL" && session.employee?.email) {
    values.email = session.employee.email;
    sources.email = "POSSESSION";
  }
  if (session.codeVerifiedAt && session.codeChannel === "SMS" && session.employee?.mobilePhone) {
    values.mobilePhone = session.employee.mobilePhone;
    sources.mobilePhone = "POSSESSION";
  }
  return { values, sources };
}

/** The claims the details form asks the employee to type. */
export function claimsToAsk(session: VerificationSession): ClaimName[] {
  return claimsToAskEmployee(policyClaimsOf(session.policy), provenClaims(session).values);
}

const typedValueSchema = z.string().trim().max(200, "Keep this under 200 characters.");

/** zod schema for the details form: exactly the asked claims, each a short string (blank = not given). */
export function selfAssertedSchema(asked: readonly ClaimName[]) {
  return z.object(Object.fromEntries(asked.map((claim) => [claim, typedValueSchema.optional()]))).strict();
}

/**
 * Matches the evidence against the directory profile under the policy the verification was created with (a date
 * of birth the provider serves per employee is read live first: withLiveBirthday), records the explainable
 * decision, applies the evidence retention and audits the outcome, in one transaction. Only an IN_PROGRESS
 * verification can be decided, once.
 */
export async function decideVerification(
  session: VerificationSession,
  typed: Partial<Record<ClaimName, string>>,
  request?: { ip?: string; userAgent?: string },
): Promise<Decision> {
  if (session.status !== "IN_PROGRESS") throw new AppError("conflict", "This verification is no longer in progress.");
  const live = await withLiveBirthday(session);
  refuseWhenBirthdayDecides(live, (current) => evaluateVerification(current, typed).decision.outcome);
  const { decision, asked } = evaluateVerification(live.session, typed);
  await recordDecision(live.session, decision, asked.length > 0 ? typed : null, request);
  return decision;
}

/**
 * The decision the evidence gathered so far supports, without recording it. `possessionPending` leaves the
 * possession check out: self-service asks for the code only once the document and details matched. `face` is the
 * live-face check; by default the one stored on the verification (faceEvidenceOf).
 */
export function evaluateVerification(
  session: VerificationSession,
  typed: Partial<Record<ClaimName, string>>,
  options: { possessionPending?: boolean; face?: FaceEvidence | null } = {},
): { decision: Decision; asked: ClaimName[] } {
  const policyClaims = policyClaimsOf(session.policy);
  const proven = provenClaims(session);
  const asked = claimsToAskEmployee(policyClaims, proven.values);
  const evidence: DirectoryClaimValues = { ...proven.values };
  const sources = { ...proven.sources };
  for (const claim of asked) {
    const value = typed[claim]?.trim();
    if (value) {
      evidence[claim] = value;
      sources[claim] = "EMPLOYEE";
    }
  }
  const accepted = latestAcceptedDocument(session);
  // An address that matched nobody is compared with an empty profile: every required claim fails, as for a stranger.
  const directory: DirectoryClaimValues = session.employee ? directoryClaimsOf(session.employee) : {};
  const enabled = CLAIM_NAMES.filter((claim) => policyClaims[claim] !== "OFF");
  const matched = matchClaims({
    directory,
    evidence,
    claims: enabled,
    evidenceName: accepted ? { surname: accepted.stored.document.surname, givenNames: accepted.stored.document.givenNames } : undefined,
  });
  const checks: CheckResult[] = [];
  const wallet = accepted?.stored.wallet ?? null;
  if (session.policy.requirePossessionCode && !options.possessionPending) {
    checks.push({ check: "POSSESSION_CODE", required: true, passed: Boolean(session.codeVerifiedAt), detail: session.codeVerifiedAt ? `Code confirmed by ${session.codeChannel === "SMS" ? "text message" : "e-mail"}.` : "The possession code was not confirmed." });
  }
  if (session.policy.requireIdDocument) {
    checks.push({ check: "ID_DOCUMENT", required: true, passed: Boolean(accepted?.consistent), detail: wallet ? describeWalletEvidence(wallet) : accepted ? (accepted.consistent ? `${DOCUMENT_KIND_LABELS[accepted.stored.document.kind] ?? accepted.stored.document.kind} read.${accepted.front ? ` ${accepted.front}` : ""}${accepted.nameGuessed ? " Its name needed OCR guesses (no check digit covers names); it was matched against the directory." : ""}` : "The document failed its integrity checks.") : "No readable identity document." });
  }
  const face = options.face === undefined ? faceEvidenceOf(session) : options.face;
  const possessionProven = Boolean(session.codeVerifiedAt && session.codeChannel) && !options.possessionPending;
  const assurance = decisionAssurance(
    {
      possession: possessionProven && session.codeChannel ? { channel: session.codeChannel } : null,
      document: accepted ? { kind: accepted.stored.document.kind, accepted: accepted.consistent } : null,
      face,
      signedCredential: wallet ? { issuer: wallet.issuer.commonName, signatureValid: true, holderBound: true } : null,
    },
    session.purpose,
    minimumAssuranceOf(session.policy)[session.purpose],
  );
  const faceCheck = faceCheckOf(face, assurance);
  if (faceCheck) checks.push(faceCheck);
  // A live face was required and none was evaluated: say why (no portrait on a licence, or no attempt finished).
  else if (assurance.required === "DOCUMENT_AND_LIVE_FACE") checks.push(liveFaceCheck(null, documentHasPortrait(session)));
  const computed = computeDecision({
    claims: policyClaims,
    matched,
    sources,
    checks,
    assurance,
    face,
    document: accepted
      ? {
          kind: accepted.stored.document.kind,
          expired: accepted.expired,
          consistent: accepted.consistent,
          problems: accepted.problems,
          documentType: accepted.stored.document.documentType,
          issuingCountry: accepted.stored.document.issuingCountry,
          expiryDate: accepted.stored.document.expiryDate ?? null,
        }
      : null,
  });
  const decision: Decision = {
    ...computed,
    claims: computed.claims.map((claim) => ({ ...claim, directoryValue: maskClaimValue(claim.claim, directory[claim.claim]), evidenceValue: maskClaimValue(claim.claim, evidence[claim.claim]) })),
  };
  return { decision, asked };
}

/** Records a decision (once: only an IN_PROGRESS verification), applies evidence retention, audits; one transaction. */
export async function recordDecision(session: VerificationSession, decision: Decision, typed: Partial<Record<ClaimName, string>> | null, request?: { ip?: string; userAgent?: string }): Promise<void> {
  // Caller binding: only a verification an agent started has someone on the phone to bind.
  const bindingCode = decision.outcome === "VERIFIED" && session.initiatorType !== "SELF_SERVE" ? generateBindingCode() : null;

  await db().$transaction(async (tx) => {
    const decided = await tx.verificationRequest.updateMany({
      where: { id: session.id, status: "IN_PROGRESS" },
      data: {
        status: decision.outcome,
        decidedAt: new Date(),
        sessionExpiresAt: sessionExpiryFor(decision.outcome),
        decision: toJson(decision),
        failureReason: decision.reasons[0] ?? null,
        sealedBindingCode: bindingCode ? sealBindingCode(session.id, bindingCode) : null,
        bindingCodeExpiresAt: bindingCode ? bindingCodeExpiry() : null,
        sealedSelfAsserted: typed ? sealSecret(JSON.stringify(typed), `self-asserted:${session.id}`) : null,
      },
    });
    if (decided.count !== 1) throw new AppError("conflict", "This verification was already decided.");
    await queueVerificationDecidedWebhook(tx, session.id);
    const retention = imageRetentionUpdate(session.policy.evidenceRetention);
    // A wallet ID's portrait is the issuer's own record of the person: never kept past the decision, whatever the retention.
    const walletPortraits = await tx.verificationEvidence.updateMany({ where: { requestId: session.id, documentKind: "MDOC", ...KEEPS_AN_IMAGE }, data: deleteEvidenceImages() });
    const photos = await tx.verificationEvidence.updateMany({ where: { requestId: session.id, ...KEEPS_AN_IMAGE }, data: retention });
    const cleared = { count: walletPortraits.count + photos.count };
    // Live face (issue 14): the selfie frames follow the same retention as the document images.
    const clearedFrames = await retainFaceFrames(tx, session.id, session.policy.evidenceRetention);
    const actor = verificationActor(session);
    const target = verificationTarget(session);
    await recordAuditEvent(tx, {
      actor,
      action: decision.outcome === "VERIFIED" ? "verification.verified" : "verification.failed",
      target,
      request,
      details: {
        policyVersion: session.policy.version,
        reasons: decision.reasons,
        claims: decision.claims.map((claim) => `${claim.claim}:${claim.outcome}`),
        ...(decision.assurance ? { assurance: decision.assurance.level, requiredAssurance: decision.assurance.required } : {}),
      },
    });
    if (cleared.count + clearedFrames > 0 && session.policy.evidenceRetention === "DELETE_ON_DECISION") {
      await recordAuditEvent(tx, { actor: { type: "SYSTEM", label: "evidence retention" }, action: "verification.evidence_deleted", target, details: { images: cleared.count, faceFrames: clearedFrames } });
    }
  });
  // After the commit: webhooks start (sent by a job, never from this request), and the decision stands whatever happens to the alert.
  await forwardJobEvents();
  // An address that matched nobody has no one to warn about.
  if (decision.outcome === "FAILED" && session.employee) await alertEvidenceMismatches(session.employee, session.id, request);
}
