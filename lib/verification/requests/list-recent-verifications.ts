import { db } from "@/lib/db/prisma";

/** The newest verifications across all employees, for the helpdesk overview. */
export async function listRecentVerifications(take = 25) {
  return db().verificationRequest.findMany({
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      purpose: true,
      status: true,
      createdAt: true,
      employee: { select: { firstName: true, lastName: true, login: true } },
      initiatedBy: { select: { name: true } },
    },
  });
}
