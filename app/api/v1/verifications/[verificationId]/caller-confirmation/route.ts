import { apiRoute } from "@/lib/api/api-route";
import { V1_OPERATIONS } from "@/lib/api/v1/v1-operations";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { confirmCallerBinding } from "@/lib/verification/requests/caller-binding";

/** The ticketing agent types the code the caller reads from their screen: the read-back that binds the caller. */
export const POST = apiRoute({
  ...V1_OPERATIONS.confirmCaller,
  async handler({ key, request, input }) {
    const exists = await db().verificationRequest.count({ where: { id: input.params.verificationId, employeeId: { not: null } } });
    if (!exists) throw new AppError("not_found", "No verification has this id.");
    const result = await confirmCallerBinding(input.params.verificationId, input.body.code, { type: "API_KEY", id: key.id, label: key.name }, request);
    return Response.json(result.ok ? { confirmed: true } : { confirmed: false, attemptsLeft: result.attemptsLeft }, { headers: { "Cache-Control": "no-store" } });
  },
});
