import type { ProviderCapabilities } from "@/lib/iam/identity-provider";

/** Okta: unlock and one-time reset links (which clear sessions, revokeSessions=true); no TAP; no birthday in the base profile; full passes only. */
export const OKTA_CAPABILITIES: ProviderCapabilities = {
  delta: false,
  unlockAccount: true,
  temporaryAccessPass: false,
  passwordResetLink: true,
  resetLinkClearsSessions: true,
  birthdaySource: "none",
};
