import { db } from "@/lib/db/prisma";

/** The newest verifications across all employees, for the helpdesk overview. */
export async function listRecentVerifications(take = 25) {
  const rows = await db().verificationRequest.findMany({
    // Self-service attempts whose address matched nobody concern nobody in the directory: not helpdesk work.
    where: { employeeId: { not: null } },
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
  return rows.flatMap((row) => (row.employee ? [{ ...row, employee: row.employee }] : []));
}
