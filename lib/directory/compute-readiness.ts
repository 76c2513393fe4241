import { db } from "@/lib/db/prisma";
import { PROFILE_FIELDS, type ProfileField } from "@/lib/directory/employee-fields";

export type ReadinessReport = {
  activeEmployees: number;
  /** Employees with every profile field filled in. */
  complete: number;
  fields: Array<{ key: ProfileField; label: string; missing: number }>;
  /** Missing a date of birth that was never asked of the provider one employee at a time (the back-fill's queue). */
  birthdaysAwaitingRead: number;
};

/**
 * How many active employees lack each profile field: what admins fix in the directory before rolling out
 * verification. One aggregate query (PostgreSQL counts NULLs per column with FILTER), not a scan in JavaScript.
 */
export async function computeReadiness(connectionId: string): Promise<ReadinessReport> {
  const rows = await db().$queryRaw<Array<Record<string, bigint>>>`
    SELECT
      count(*) AS total,
      count(*) FILTER (WHERE "firstName" IS NULL) AS "firstName",
      count(*) FILTER (WHERE "lastName" IS NULL) AS "lastName",
      count(*) FILTER (WHERE email IS NULL) AS email,
      count(*) FILTER (WHERE "mobilePhone" IS NULL) AS "mobilePhone",
      count(*) FILTER (WHERE "streetAddress" IS NULL) AS "streetAddress",
      count(*) FILTER (WHERE city IS NULL) AS city,
      count(*) FILTER (WHERE state IS NULL) AS state,
      count(*) FILTER (WHERE "postalCode" IS NULL) AS "postalCode",
      count(*) FILTER (WHERE country IS NULL) AS country,
      count(*) FILTER (WHERE birthday IS NULL) AS birthday,
      count(*) FILTER (WHERE birthday IS NULL AND "birthdayReadAt" IS NULL) AS "birthdaysAwaitingRead",
      count(*) FILTER (WHERE "firstName" IS NOT NULL AND "lastName" IS NOT NULL AND email IS NOT NULL AND "mobilePhone" IS NOT NULL
        AND "streetAddress" IS NOT NULL AND city IS NOT NULL AND state IS NOT NULL AND "postalCode" IS NOT NULL
        AND country IS NOT NULL AND birthday IS NOT NULL) AS complete
    FROM employee WHERE "connectionId" = ${connectionId}::uuid AND membership = 'ACTIVE'`;
  const row = rows[0] ?? {};
  const count = (key: string) => Number(row[key] ?? 0);
  return {
    activeEmployees: count("total"),
    complete: count("complete"),
    fields: PROFILE_FIELDS.map((field) => ({ key: field.key, label: field.label, missing: count(field.key) })),
    birthdaysAwaitingRead: count("birthdaysAwaitingRead"),
  };
}
