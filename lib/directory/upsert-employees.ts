import type { Tx } from "@/lib/db/prisma";
import type { DirectoryEmployee } from "@/lib/iam/identity-provider";

/** Rows per INSERT statement: one page of Graph (999) fits in one; bigger pages are split. */
export const UPSERT_BATCH_SIZE = 1000;

export type UpsertCounts = { created: number; updated: number };

/** The last occurrence wins: ON CONFLICT cannot touch the same row twice in one statement. */
function dedupeByExternalId(employees: DirectoryEmployee[]): DirectoryEmployee[] {
  const byId = new Map<string, DirectoryEmployee>();
  for (const employee of employees) byId.set(employee.externalId, employee);
  return [...byId.values()];
}

function column<K extends keyof DirectoryEmployee>(rows: DirectoryEmployee[], key: K): DirectoryEmployee[K][] {
  return rows.map((row) => row[key]);
}

/**
 * Inserts or updates employees of a connection in one statement per batch (arrays unnested server-side), marks
 * them seen by `syncRunId` and ACTIVE, and counts created rows and rows whose data actually changed: an
 * unchanged row keeps its `updatedAt`, so `updatedAt = now` after the statement means inserted or changed.
 */
export async function upsertEmployees(tx: Tx, input: { connectionId: string; syncRunId: string; employees: DirectoryEmployee[]; now: Date }): Promise<UpsertCounts> {
  const rows = dedupeByExternalId(input.employees);
  const counts: UpsertCounts = { created: 0, updated: 0 };
  const now = input.now.toISOString();
  for (let offset = 0; offset < rows.length; offset += UPSERT_BATCH_SIZE) {
    const batch = rows.slice(offset, offset + UPSERT_BATCH_SIZE);
    // Arrays of arrays cannot be unnested row by row, so each row's admin roles travel as a JSON array.
    const adminRoles = batch.map((row) => JSON.stringify(row.adminRoles));
    const results = await tx.$queryRaw<{ inserted: boolean; changed: boolean }[]>`
      INSERT INTO "employee" ("id", "connectionId", "externalId", "login", "firstName", "lastName", "email", "mobilePhone",
        "streetAddress", "city", "state", "postalCode", "country", "birthday", "employeeNumber", "accountStatus", "adminRoles",
        "membership", "lastSeenSyncRunId", "lastSyncedAt", "createdAt", "updatedAt")
      SELECT gen_random_uuid(), ${input.connectionId}::uuid, t."externalId", t."login", t."firstName", t."lastName", t."email",
        t."mobilePhone", t."streetAddress", t."city", t."state", t."postalCode", t."country", t."birthday", t."employeeNumber",
        t."accountStatus", ARRAY(SELECT jsonb_array_elements_text(t."adminRoles"::jsonb)), 'ACTIVE'::"EmployeeMembership",
        ${input.syncRunId}::uuid, ${now}::timestamptz AT TIME ZONE 'UTC', ${now}::timestamptz AT TIME ZONE 'UTC', ${now}::timestamptz AT TIME ZONE 'UTC'
      FROM unnest(
        ${column(batch, "externalId")}::text[], ${column(batch, "login")}::text[], ${column(batch, "firstName")}::text[],
        ${column(batch, "lastName")}::text[], ${column(batch, "email")}::text[], ${column(batch, "mobilePhone")}::text[],
        ${column(batch, "streetAddress")}::text[], ${column(batch, "city")}::text[], ${column(batch, "state")}::text[],
        ${column(batch, "postalCode")}::text[], ${column(batch, "country")}::text[], ${column(batch, "birthday")}::text[],
        ${column(batch, "employeeNumber")}::text[], ${column(batch, "accountStatus")}::text[], ${adminRoles}::text[]
      ) AS t("externalId", "login", "firstName", "lastName", "email", "mobilePhone", "streetAddress", "city", "state",
        "postalCode", "country", "birthday", "employeeNumber", "accountStatus", "adminRoles")
      ON CONFLICT ("connectionId", "externalId") DO UPDATE SET
        "login" = EXCLUDED."login", "firstName" = EXCLUDED."firstName", "lastName" = EXCLUDED."lastName",
        "email" = EXCLUDED."email", "mobilePhone" = EXCLUDED."mobilePhone", "streetAddress" = EXCLUDED."streetAddress",
        "city" = EXCLUDED."city", "state" = EXCLUDED."state", "postalCode" = EXCLUDED."postalCode",
        "country" = EXCLUDED."country", "birthday" = EXCLUDED."birthday", "employeeNumber" = EXCLUDED."employeeNumber",
        "accountStatus" = EXCLUDED."accountStatus", "adminRoles" = EXCLUDED."adminRoles", "membership" = EXCLUDED."membership",
        "lastSeenSyncRunId" = EXCLUDED."lastSeenSyncRunId", "lastSyncedAt" = EXCLUDED."lastSyncedAt",
        "updatedAt" = CASE
          WHEN ("employee"."login", "employee"."firstName", "employee"."lastName", "employee"."email", "employee"."mobilePhone",
                "employee"."streetAddress", "employee"."city", "employee"."state", "employee"."postalCode", "employee"."country",
                "employee"."birthday", "employee"."employeeNumber", "employee"."accountStatus", "employee"."adminRoles", "employee"."membership")
            IS DISTINCT FROM
               (EXCLUDED."login", EXCLUDED."firstName", EXCLUDED."lastName", EXCLUDED."email", EXCLUDED."mobilePhone",
                EXCLUDED."streetAddress", EXCLUDED."city", EXCLUDED."state", EXCLUDED."postalCode", EXCLUDED."country",
                EXCLUDED."birthday", EXCLUDED."employeeNumber", EXCLUDED."accountStatus", EXCLUDED."adminRoles", EXCLUDED."membership")
          THEN EXCLUDED."updatedAt" ELSE "employee"."updatedAt" END
      RETURNING (xmax = 0) AS "inserted", ("updatedAt" = ${now}::timestamptz AT TIME ZONE 'UTC') AS "changed"`;
    for (const result of results) {
      if (result.inserted) counts.created += 1;
      else if (result.changed) counts.updated += 1;
    }
  }
  return counts;
}

/** Incremental passes: members that left the group become INACTIVE (kept for history). Returns how many changed. */
export async function deactivateRemovedEmployees(tx: Tx, input: { connectionId: string; externalIds: string[]; now: Date }): Promise<number> {
  if (input.externalIds.length === 0) return 0;
  return tx.$executeRaw`
    UPDATE "employee" SET "membership" = 'INACTIVE', "updatedAt" = ${input.now.toISOString()}::timestamptz AT TIME ZONE 'UTC'
    WHERE "connectionId" = ${input.connectionId}::uuid AND "externalId" = ANY(${input.externalIds}::text[]) AND "membership" = 'ACTIVE'`;
}
