import type { FaceEvidence } from "@/lib/face/face-analysis";
import type { VerificationSession } from "@/lib/verification/requests/load-verification-session";

/**
 * The live-face check this verification stored, as the decision consumes it; null when there was none. The one
 * seam between the face step (lib/verification/face) and the decision: the face step stores its outcome on the
 * verification and this reads it back from the session (add the relation to SESSION_INCLUDE). Until the face step
 * exists every verification has no face, so self-service (which requires one by default) cannot pass.
 */
export function faceEvidenceOf(session: VerificationSession): FaceEvidence | null {
  void session;
  return null;
}
