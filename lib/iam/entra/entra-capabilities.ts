import type { ProviderCapabilities } from "@/lib/iam/identity-provider";

/** Graph: delta queries on group members; TAPs; no reset links and no API for smart lockout; birthday per user only. */
export const ENTRA_CAPABILITIES: ProviderCapabilities = {
  delta: true,
  unlockAccount: false,
  temporaryAccessPass: true,
  passwordResetLink: false,
  resetLinkClearsSessions: false,
  activatedBy: "admin_consent",
  birthdaySource: "per_employee",
};
