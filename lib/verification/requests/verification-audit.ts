import type { AuditActor } from "@/lib/audit/record-audit-event";

type AuditedVerification = { id: string; employeeId: string | null; employee: { login: string } | null };

/**
 * Who acts in a verification's audit events: the employee, or, for a self-service attempt whose address matched
 * nobody, an anonymous visitor (it runs the same steps so that the portal reveals nothing, see DECISIONS §25).
 */
export function verificationActor(verification: AuditedVerification): AuditActor {
  if (verification.employeeId && verification.employee) return { type: "EMPLOYEE", id: verification.employeeId, label: verification.employee.login };
  return { type: "ANONYMOUS", label: "self-service (address matched nobody)" };
}

export function verificationTarget(verification: AuditedVerification): { type: string; id: string; label?: string } {
  return { type: "verification_request", id: verification.id, ...(verification.employee ? { label: verification.employee.login } : {}) };
}
