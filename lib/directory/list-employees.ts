import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/prisma";
import { PROFILE_FIELD_KEYS } from "@/lib/directory/employee-fields";

export const EMPLOYEES_PAGE_SIZE = 50;

/** The directory page's query string. */
export const employeeFilterSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  membership: z.enum(["ACTIVE", "INACTIVE", "ALL"]).catch("ACTIVE"),
  missing: z.enum(PROFILE_FIELD_KEYS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type EmployeeFilter = z.infer<typeof employeeFilterSchema>;

export function employeeWhere(connectionId: string, filter: Pick<EmployeeFilter, "q" | "membership" | "missing">): Prisma.EmployeeWhereInput {
  const where: Prisma.EmployeeWhereInput = { connectionId };
  if (filter.membership !== "ALL") where.membership = filter.membership;
  if (filter.missing) where[filter.missing] = null;
  if (filter.q) {
    where.OR = ["login", "email", "firstName", "lastName", "employeeNumber"].map((field) => ({ [field]: { contains: filter.q, mode: "insensitive" } }));
  }
  return where;
}

/** One page of synced employees, ordered by login (stable across syncs). */
export async function listEmployees(connectionId: string, filter: EmployeeFilter) {
  const where = employeeWhere(connectionId, filter);
  const [total, employees] = await Promise.all([
    db().employee.count({ where }),
    db().employee.findMany({
      where,
      orderBy: [{ login: "asc" }, { id: "asc" }],
      skip: (filter.page - 1) * EMPLOYEES_PAGE_SIZE,
      take: EMPLOYEES_PAGE_SIZE,
      select: { id: true, login: true, firstName: true, lastName: true, email: true, accountStatus: true, membership: true, lastSyncedAt: true },
    }),
  ]);
  return { total, employees, pages: Math.max(1, Math.ceil(total / EMPLOYEES_PAGE_SIZE)) };
}
