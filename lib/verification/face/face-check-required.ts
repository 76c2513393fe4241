import { faceEvidenceSchema } from "@/lib/face/face-evidence-schema";
import type { VerificationPurpose } from "@/lib/db/generated/enums";
import { minimumAssuranceOf } from "@/lib/verification/policy/minimum-assurance";
import type { FaceEvidence } from "@/lib/face/face-analysis";
import { challengeDeadline, faceScheduleSchema, MAX_FACE_ATTEMPTS } from "@/lib/verification/face/face-challenge";

type FaceCapture = { status: "ISSUED" | "PASSED" | "FAILED" | "ABANDONED"; issuedAt: Date; schedule: unknown; evidence: unknown };
type DocumentRow = { readable: boolean; expired: boolean | null; documentKind: string | null; readSidePortrait: boolean | null; frontAcceptedAt: Date | null };
type FaceSession = {
  purpose: VerificationPurpose;
  policy: { minimumAssurance: unknown; maxAttempts: number };
  faceAttempts: number;
  frontAttempts: number;
  faceCaptures: FaceCapture[];
  evidence: DocumentRow[];
};

const CARD_MRZ_KINDS = new Set(["MRZ_TD1", "MRZ_TD2"]);

/**
 * Whether the accepted document's portrait is on a side that was not read: a licence (read from the barcode on
 * its back) and an ID card whose MRZ side shows no face (most do not). Its front is then photographed too, and
 * bound to the back by the number and birth date printed on it (lib/verification/requests/submit-document-front).
 */
export function portraitOnFront(row: DocumentRow | undefined): boolean {
  if (!row?.readable || row.expired) return false;
  return row.documentKind === "AAMVA" || (CARD_MRZ_KINDS.has(row.documentKind ?? "") && row.readSidePortrait === false);
}

/**
 * Whether the accepted document shows a portrait to compare a live face with: a passport photo page, an ID
 * card's MRZ side with the holder's photo on it, or a card front accepted as belonging to the card read.
 */
export function documentHasPortrait(session: Pick<FaceSession, "evidence">): boolean {
  const latest = session.evidence[0];
  if (!latest?.readable || latest.expired) return false;
  if (latest.frontAcceptedAt) return true;
  if (latest.documentKind === "MRZ_TD3") return true;
  // A wallet ID shows one when the issuer signed a portrait into it (asked for whenever a face is compared).
  if (latest.documentKind === "MDOC") return latest.readSidePortrait === true;
  // An ID card read before the read side was checked for a face (readSidePortrait null) was refused without one.
  return CARD_MRZ_KINDS.has(latest.documentKind ?? "") && latest.readSidePortrait !== false;
}

/**
 * Whether this verification asks for a live face bound to the document: when the policy's minimum for its
 * purpose is exactly that level. Self-service recovery always (the document alone is data anyone can type); a
 * helpdesk purpose when the admin raised it (the employee may have no camera: the agent-attended check is the
 * documented path). A minimum of signed evidence cannot be met by a face, so the camera is not asked for.
 */
export function faceCheckRequired(session: { purpose: VerificationPurpose; policy: { minimumAssurance: unknown } }): boolean {
  return minimumAssuranceOf(session.policy)[session.purpose] === "DOCUMENT_AND_LIVE_FACE";
}

export type FaceFacts = {
  faceRequired: boolean;
  /** The card's front (with the portrait) is asked for: required face, portrait not on the read side, attempts left. */
  frontPending: boolean;
  /** The latest evaluated attempt passed. */
  facePassed: boolean;
  /** The employee can take (or is taking) the face check: a portrait to compare with, and an open attempt or attempts left. */
  faceAvailable: boolean;
};

/** The face step's facts for the step plan (lib/verification/requests/plan-verification-step). */
export function faceFactsOf(session: FaceSession, now = new Date()): FaceFacts {
  const latest = session.faceCaptures[0];
  const schedule = faceScheduleSchema.safeParse(latest?.schedule);
  const open = latest?.status === "ISSUED" && schedule.success && challengeDeadline(latest.issuedAt, schedule.data) > now;
  const faceRequired = faceCheckRequired(session);
  const latestDocument = session.evidence[0];
  return {
    faceRequired,
    frontPending: faceRequired && portraitOnFront(latestDocument) && !latestDocument?.frontAcceptedAt && session.frontAttempts < session.policy.maxAttempts,
    facePassed: latest?.status === "PASSED",
    // Without a portrait there is nothing to compare with: the camera is not asked for in vain.
    faceAvailable: documentHasPortrait(session) && (open || session.faceAttempts < MAX_FACE_ATTEMPTS),
  };
}


/**
 * The FaceEvidence the decision consumes: the latest evaluated attempt's outcome, or null when no attempt was
 * evaluated (the decision then treats a required face as missing). A stored value that does not parse is
 * treated as missing too: fail safe.
 */
export function faceEvidenceOf(session: Pick<FaceSession, "faceCaptures">): FaceEvidence | null {
  const evaluated = session.faceCaptures.find((capture) => capture.status === "PASSED" || capture.status === "FAILED");
  const parsed = faceEvidenceSchema.safeParse(evaluated?.evidence);
  return parsed.success ? parsed.data : null;
}
