import type { FaceEvidence } from "@/lib/face/face-analysis";
import { faceEvidenceOf as latestFaceEvidence } from "@/lib/verification/face/face-check-required";
import type { VerificationSession } from "@/lib/verification/requests/load-verification-session";

/**
 * The live-face check this verification stored, as the decision consumes it; null when there was none. The one
 * seam between the face step (lib/verification/face) and the decision: the FaceEvidence of the latest evaluated
 * face attempt (SESSION_INCLUDE loads it), read back through a schema.
 */
export function faceEvidenceOf(session: VerificationSession): FaceEvidence | null {
  return latestFaceEvidence(session);
}
