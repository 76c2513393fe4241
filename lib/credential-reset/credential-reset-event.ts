import { z } from "zod";

export const CREDENTIAL_RESET_REQUESTED = "credential-reset/requested";

export const credentialResetRequestedSchema = z.object({ resetId: z.uuid() });

export function credentialResetRequestedEvent(resetId: string) {
  return { name: CREDENTIAL_RESET_REQUESTED, data: credentialResetRequestedSchema.parse({ resetId }) };
}
