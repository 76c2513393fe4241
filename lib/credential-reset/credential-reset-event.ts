import { z } from "zod";

export const CREDENTIAL_RESET_REQUESTED = "credential-reset/requested";

export const credentialResetRequestedSchema = z.object({ resetId: z.uuid() });

/**
 * The event that runs one reset. Its id is derived from the reset's id, so a resent event is dropped by Inngest
 * (and by the embedded runner) instead of starting a second run; the begin step's owner check covers the rest.
 */
export function credentialResetRequestedEvent(resetId: string) {
  const data = credentialResetRequestedSchema.parse({ resetId });
  return { id: `credential-reset:${data.resetId}`, name: CREDENTIAL_RESET_REQUESTED, data };
}
