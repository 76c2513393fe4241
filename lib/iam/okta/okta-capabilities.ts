import type { ProviderCapabilities } from "@/lib/iam/identity-provider";

/**
 * Okta: unlock and one-time reset links (which clear sessions, revokeSessions=true); no TAP; no birthday in the
 * base profile; incremental passes from the System Log (with okta.logs.read; full passes only without it).
 */
export const OKTA_CAPABILITIES: ProviderCapabilities = {
  delta: true,
  unlockAccount: true,
  temporaryAccessPass: false,
  passwordResetLink: true,
  resetLinkClearsSessions: true,
  activatedBy: "connection_test",
  birthdaySource: "none",
};
