import { apiRoute } from "@/lib/api/api-route";
import { presentReset } from "@/lib/api/v1/present-verification";
import { V1_OPERATIONS } from "@/lib/api/v1/v1-operations";
import { startCredentialReset } from "@/lib/credential-reset/start-credential-reset";
import { db } from "@/lib/db/prisma";

/** Starts the reset workflow for the confirmed caller, as the agent's Reset button does. */
export const POST = apiRoute({
  ...V1_OPERATIONS.startReset,
  async handler({ key, request, input }) {
    const started = await startCredentialReset({ requestId: input.params.verificationId, action: input.body.action }, { type: "API_KEY", apiKey: key }, request);
    const reset = await db().credentialReset.findUniqueOrThrow({ where: { id: started.id }, select: { id: true, action: true, status: true, failureReason: true } });
    return Response.json({ data: presentReset(reset) }, { status: 202, headers: { Location: `/api/v1/verifications/${input.params.verificationId}`, "Cache-Control": "no-store" } });
  },
});
