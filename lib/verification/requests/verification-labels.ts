import type { VerificationPurpose, VerificationStatus } from "@/lib/db/generated/enums";

export const PURPOSE_LABELS: Record<VerificationPurpose, string> = {
  HELPDESK_CHECK: "Identity check by the service desk",
  PASSWORD_RESET: "Password reset",
  MFA_RESET: "Multi-factor authentication reset",
  ACCOUNT_RECOVERY: "Self-service account recovery",
  IDP_VERIFICATION: "Verification requested by the identity provider",
};

export const STATUS_LABELS: Record<VerificationStatus, string> = {
  PENDING: "Link sent",
  OPENED: "Link opened",
  IN_PROGRESS: "In progress",
  VERIFIED: "Verified",
  FAILED: "Failed",
  EXPIRED: "Expired",
  CANCELLED: "Cancelled",
};

/** Statuses after which nothing about the verification can change any more. */
export const FINAL_STATUSES: readonly VerificationStatus[] = ["VERIFIED", "FAILED", "EXPIRED", "CANCELLED"];

export function isFinalStatus(status: VerificationStatus): boolean {
  return FINAL_STATUSES.includes(status);
}
