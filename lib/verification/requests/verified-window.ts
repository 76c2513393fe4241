/**
 * How long a VERIFIED decision may still be acted on (a reset started): proof of identity goes stale. The
 * credential-reset domain builds on it; the verification's own session lifetime follows from it.
 */
export const VERIFIED_PROOF_MINUTES = 30;

/** How long a shown-once secret (temporary password, reset link) stays revealable after it was issued. */
export const SHOWN_ONCE_SECRET_MINUTES = 30;
