import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/prisma";

export const REQUESTS_PAGE_SIZE = 25;

const dateSchema = z.iso.date().optional().catch(undefined);

/** Filters from the URL: unknown or malformed values are dropped, never an error page. */
export const verificationRequestFilterSchema = z.object({
  status: z.enum(["PENDING", "OPENED", "IN_PROGRESS", "VERIFIED", "FAILED", "EXPIRED", "CANCELLED"]).optional().catch(undefined),
  agent: z.uuid().optional().catch(undefined),
  employee: z.string().trim().max(100).optional().catch(undefined),
  /** The 8-character reference a reset gave the employee ("give them reference 1A2B3C4D"). */
  reference: z.string().trim().regex(/^[0-9A-Fa-f]{8}$/).transform((value) => value.toLowerCase()).optional().catch(undefined),
  /** The external ticket (ServiceNow incident, Zendesk ticket id) given when the verification was sent. */
  ticket: z.string().trim().min(1).max(64).optional().catch(undefined),
  from: dateSchema,
  to: dateSchema,
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type VerificationRequestFilter = z.infer<typeof verificationRequestFilterSchema>;

function whereOf(filter: VerificationRequestFilter, referencedRequestIds: string[] | null): Prisma.VerificationRequestWhereInput {
  const where: Prisma.VerificationRequestWhereInput = { employeeId: { not: null } };
  if (referencedRequestIds) where.id = { in: referencedRequestIds };
  if (filter.status) where.status = filter.status;
  if (filter.agent) where.initiatedById = filter.agent;
  if (filter.ticket) where.externalTicketRef = filter.ticket;
  if (filter.employee) {
    where.employee = { OR: ["login", "email", "firstName", "lastName"].map((field) => ({ [field]: { contains: filter.employee, mode: "insensitive" } })) };
  }
  if (filter.from || filter.to) {
    where.createdAt = {
      ...(filter.from ? { gte: new Date(`${filter.from}T00:00:00Z`) } : {}),
      ...(filter.to ? { lt: new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000) } : {}),
    };
  }
  return where;
}

/** The request queue for team leads: every verification, newest first, filtered. */
export async function listVerificationRequests(filter: VerificationRequestFilter) {
  // A uuid column has no prefix operator in Prisma: match the reference on its text form.
  const referenced = filter.reference
    ? (await db().$queryRaw<{ requestId: string }[]>`SELECT "requestId" FROM "credential_reset" WHERE "id"::text LIKE ${`${filter.reference}%`}`).map((row) => row.requestId)
    : null;
  const where = whereOf(filter, referenced);
  const [total, requests] = await Promise.all([
    db().verificationRequest.count({ where }),
    db().verificationRequest.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (filter.page - 1) * REQUESTS_PAGE_SIZE,
      take: REQUESTS_PAGE_SIZE,
      select: {
        id: true,
        purpose: true,
        status: true,
        createdAt: true,
        decidedAt: true,
        bindingConfirmedAt: true,
        credentialResets: { select: { action: true, status: true }, orderBy: { createdAt: "asc" } },
        employee: { select: { firstName: true, lastName: true, login: true } },
        initiatedBy: { select: { name: true } },
        initiatedByApiKey: { select: { name: true } },
        externalTicketRef: true,
      },
    }),
  ]);
  return { total, requests: requests.flatMap((row) => (row.employee ? [{ ...row, employee: row.employee }] : [])), pages: Math.max(1, Math.ceil(total / REQUESTS_PAGE_SIZE)) };
}

/** Console users who ever started a verification (the agent filter). */
export async function listVerificationAgents() {
  return db().consoleUser.findMany({ where: { verificationsStarted: { some: {} } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}
