import { apiRoute } from "@/lib/api/api-route";
import { presentVerification, VERIFICATION_API_SELECT } from "@/lib/api/v1/present-verification";
import { V1_OPERATIONS } from "@/lib/api/v1/v1-operations";
import { db } from "@/lib/db/prisma";
import { createVerificationRequest } from "@/lib/verification/requests/create-verification-request";

/** Sends an employee a verification link (or returns it to hand over), as an agent does from the console. */
export const POST = apiRoute({
  ...V1_OPERATIONS.createVerification,
  async handler({ key, request, input }) {
    const { channel, ...rest } = input.body;
    const created = await createVerificationRequest({ ...rest, channel: channel === "LINK" ? "IN_PERSON" : channel }, { type: "API_CLIENT", apiKey: key }, request);
    const row = await db().verificationRequest.findUniqueOrThrow({ where: { id: created.id }, select: VERIFICATION_API_SELECT });
    const body = { data: presentVerification(row), ...(channel === "LINK" ? { link: created.link } : {}) };
    return Response.json(body, { status: 201, headers: { Location: `/api/v1/verifications/${created.id}`, "Cache-Control": "no-store" } });
  },
});

/** Verifications by ticket or employee, newest first (a ticket's history; never the unmatched self-service decoys). */
export const GET = apiRoute({
  ...V1_OPERATIONS.listVerifications,
  async handler({ input }) {
    const { ticket, employeeId, limit } = input.query;
    const rows = await db().verificationRequest.findMany({
      where: { employeeId: employeeId ?? { not: null }, ...(ticket ? { externalTicketRef: ticket } : {}) },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: limit,
      select: VERIFICATION_API_SELECT,
    });
    return Response.json({ data: rows.map(presentVerification) }, { headers: { "Cache-Control": "no-store" } });
  },
});
