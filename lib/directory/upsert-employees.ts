import type { ClientBase } from "pg";
import { z } from "zod";
import type { DirectoryEmployee } from "@/lib/iam/identity-provider";

/** Rows per INSERT statement: one page of Graph (999) fits in one; bigger pages are split. */
export const UPSERT_BATCH_SIZE = 1000;

export type UpsertCounts = { created: number; updated: number };
const countsSchema = z.object({ created: z.number().int(), updated: z.number().int() });

/** $1 connection id, $2 sync run id, $3 now (ISO), $4 the batch as JSON. A named statement: parsed once per connection. */
const UPSERT_SQL = `
  WITH upserted AS (
    INSERT INTO "employee" ("id", "connectionId", "externalId", "login", "firstName", "lastName", "email", "mobilePhone",
      "streetAddress", "city", "state", "postalCode", "country", "birthday", "employeeNumber", "accountStatus", "adminRoles",
      "membership", "lastSeenSyncRunId", "lastSyncedAt", "createdAt", "updatedAt")
    SELECT gen_random_uuid(), $1::uuid, t."externalId", t."login", t."firstName", t."lastName", t."email",
      t."mobilePhone", t."streetAddress", t."city", t."state", t."postalCode", t."country", t."birthday", t."employeeNumber",
      t."accountStatus", t."adminRoles", 'ACTIVE'::"EmployeeMembership",
      $2::uuid, $3::timestamptz AT TIME ZONE 'UTC', $3::timestamptz AT TIME ZONE 'UTC', $3::timestamptz AT TIME ZONE 'UTC'
    FROM json_to_recordset($4::json) AS t("externalId" text, "login" text, "firstName" text, "lastName" text, "email" text,
      "mobilePhone" text, "streetAddress" text, "city" text, "state" text, "postalCode" text, "country" text, "birthday" text,
      "employeeNumber" text, "accountStatus" text, "adminRoles" text[])
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
    -- Seen by this run already and unchanged (a page applied again): leave the row alone.
    WHERE "employee"."lastSeenSyncRunId" IS DISTINCT FROM EXCLUDED."lastSeenSyncRunId"
      OR ("employee"."login", "employee"."firstName", "employee"."lastName", "employee"."email", "employee"."mobilePhone",
          "employee"."streetAddress", "employee"."city", "employee"."state", "employee"."postalCode", "employee"."country",
          "employee"."birthday", "employee"."employeeNumber", "employee"."accountStatus", "employee"."adminRoles", "employee"."membership")
        IS DISTINCT FROM
         (EXCLUDED."login", EXCLUDED."firstName", EXCLUDED."lastName", EXCLUDED."email", EXCLUDED."mobilePhone",
          EXCLUDED."streetAddress", EXCLUDED."city", EXCLUDED."state", EXCLUDED."postalCode", EXCLUDED."country",
          EXCLUDED."birthday", EXCLUDED."employeeNumber", EXCLUDED."accountStatus", EXCLUDED."adminRoles", EXCLUDED."membership")
    RETURNING (xmax = 0) AS "inserted", ("updatedAt" = $3::timestamptz AT TIME ZONE 'UTC') AS "changed"
  )
  SELECT (count(*) FILTER (WHERE "inserted"))::int AS "created", (count(*) FILTER (WHERE NOT "inserted" AND "changed"))::int AS "updated"
  FROM upserted`;

/** The last occurrence wins: ON CONFLICT cannot touch the same row twice in one statement. */
function dedupeByExternalId(employees: DirectoryEmployee[]): DirectoryEmployee[] {
  const byId = new Map<string, DirectoryEmployee>();
  for (const employee of employees) byId.set(employee.externalId, employee);
  return [...byId.values()];
}

/**
 * Inserts or updates employees of a connection in one statement per batch, marks them seen by `syncRunId` and
 * ACTIVE, and counts created rows and rows whose data actually changed. The batch travels as one JSON parameter
 * (json_to_recordset server-side) and the counts come back as one row: fifteen 1 000-element array parameters
 * and 1 000 result rows cost the client more than the statement costs PostgreSQL. A row is written only if its
 * data changed or this run has not seen it yet, so an unchanged row keeps its `updatedAt` (`updatedAt = now`
 * afterwards means inserted or changed) and a page applied twice in one run writes nothing the second time.
 */
export async function upsertEmployees(client: ClientBase, input: { connectionId: string; syncRunId: string; employees: DirectoryEmployee[]; now: Date }): Promise<UpsertCounts> {
  const rows = dedupeByExternalId(input.employees);
  const counts: UpsertCounts = { created: 0, updated: 0 };
  const now = input.now.toISOString();
  for (let offset = 0; offset < rows.length; offset += UPSERT_BATCH_SIZE) {
    const batch = JSON.stringify(rows.slice(offset, offset + UPSERT_BATCH_SIZE));
    const result = await client.query<{ created: number; updated: number }>({ name: "upsert_employees", text: UPSERT_SQL, values: [input.connectionId, input.syncRunId, now, batch] });
    const [row] = countsSchema.array().parse(result.rows);
    counts.created += row?.created ?? 0;
    counts.updated += row?.updated ?? 0;
  }
  return counts;
}

/** Incremental passes: members that left the group become INACTIVE (kept for history). Returns how many changed. */
export async function deactivateRemovedEmployees(client: ClientBase, input: { connectionId: string; externalIds: string[]; now: Date }): Promise<number> {
  if (input.externalIds.length === 0) return 0;
  const result = await client.query(
    `UPDATE "employee" SET "membership" = 'INACTIVE', "updatedAt" = $3::timestamptz AT TIME ZONE 'UTC'
     WHERE "connectionId" = $1::uuid AND "externalId" = ANY($2::text[]) AND "membership" = 'ACTIVE'`,
    [input.connectionId, input.externalIds, input.now.toISOString()],
  );
  return result.rowCount ?? 0;
}
