import { faceEvidenceSchema } from "@/lib/face/face-evidence-schema";
import type { VerificationPurpose } from "@/lib/db/generated/enums";
import { minimumAssuranceOf } from "@/lib/verification/policy/minimum-assurance";
import type { FaceEvidence } from "@/lib/face/face-analysis";
import { challengeDeadline, faceScheduleSchema, MAX_FACE_ATTEMPTS } from "@/lib/verification/face/face-challenge";

type FaceCapture = { status: "ISSUED" | "PASSED" | "FAILED" | "ABANDONED"; issuedAt: Date; schedule: unknown; evidence: unknown };
type FaceSession = { purpose: VerificationPurpose; policy: { minimumAssurance: unknown }; faceAttempts: number; faceCaptures: FaceCapture[]; evidence: { documentKind: string | null }[] };

/**
 * Whether the latest document's kept photo shows a portrait to compare a live face with: a passport photo page
 * or an ID card's MRZ side. A licence is read from the barcode on its back (no portrait); its front is not
 * captured yet, so a licence leaves the face check without a reference and the decision fails on it.
 */
export function documentHasPortrait(session: Pick<FaceSession, "evidence">): boolean {
  const kind = session.evidence[0]?.documentKind;
  return kind === "MRZ_TD3" || kind === "MRZ_TD1";
}

/**
 * Whether this verification asks for a live face bound to the document: when the policy's minimum for its
 * purpose is exactly that level. Self-service recovery always (the document alone is data anyone can type); a
 * helpdesk purpose when the admin raised it (the employee may have no camera: the agent-attended check is the
 * documented path). A minimum of signed evidence cannot be met by a face, so the camera is not asked for.
 */
export function faceCheckRequired(session: Pick<FaceSession, "purpose" | "policy">): boolean {
  return minimumAssuranceOf(session.policy)[session.purpose] === "DOCUMENT_AND_LIVE_FACE";
}

export type FaceFacts = {
  faceRequired: boolean;
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
  return {
    faceRequired: faceCheckRequired(session),
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
