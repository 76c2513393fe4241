import { apiRoute } from "@/lib/api/api-route";
import { presentVerification, VERIFICATION_API_SELECT } from "@/lib/api/v1/present-verification";
import { V1_OPERATIONS } from "@/lib/api/v1/v1-operations";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";

/** One verification's status and per-claim outcomes (no values), for polling until it is decided. */
export const GET = apiRoute({
  ...V1_OPERATIONS.getVerification,
  async handler({ input }) {
    const row = await db().verificationRequest.findFirst({ where: { id: input.params.verificationId, employeeId: { not: null } }, select: VERIFICATION_API_SELECT });
    if (!row) throw new AppError("not_found", "No verification has this id.");
    return Response.json({ data: presentVerification(row) }, { headers: { "Cache-Control": "no-store" } });
  },
});
