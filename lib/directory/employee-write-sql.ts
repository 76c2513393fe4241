import type { DirectoryEmployee } from "@/lib/iam/identity-provider";
import { copyText, copyTextArray } from "@/lib/db/copy-from-stdin";

/** The columns of a page's batch as json_to_recordset reads it (DirectoryEmployee's fields). */
const BATCH_RECORD = `t("externalId" text, "login" text, "firstName" text, "lastName" text, "email" text,
      "mobilePhone" text, "streetAddress" text, "city" text, "state" text, "postalCode" text, "country" text, "birthday" text,
      "employeeNumber" text, "accountStatus" text, "adminRoles" text[])`;

/** The stored fields a page may change (then membership). */
const DATA_COLUMNS = [
  "login", "firstName", "lastName", "email", "mobilePhone", "streetAddress", "city", "state", "postalCode", "country", "birthday",
  "employeeNumber", "accountStatus", "adminRoles",
];
const columnsOf = (alias: string) => DATA_COLUMNS.map((column) => `${alias}."${column}"`).join(", ");
/** The stored row differs from the batch's (membership included: a re-activation is a change). */
const CHANGED = `(${columnsOf("e")}, e."membership") IS DISTINCT FROM (${columnsOf("t")}, 'ACTIVE'::"EmployeeMembership")`;

/** The same rule for the ON CONFLICT branch: the stored row against the proposed one. */
const CONFLICT_CHANGED = `(${columnsOf('"employee"')}, "employee"."membership") IS DISTINCT FROM (${columnsOf("EXCLUDED")}, EXCLUDED."membership")`;

/** $1 connection id, $2 sync run id, $3 now (ISO), $4 the batch as JSON. A named statement: parsed once per connection. */
export const UPSERT_SQL = `
  WITH upserted AS (
    INSERT INTO "employee" ("id", "connectionId", "externalId", "login", "firstName", "lastName", "email", "mobilePhone",
      "streetAddress", "city", "state", "postalCode", "country", "birthday", "employeeNumber", "accountStatus", "adminRoles",
      "membership", "lastSeenSyncRunId", "lastSyncedAt", "createdAt", "updatedAt")
    SELECT gen_random_uuid(), $1::uuid, t."externalId", t."login", t."firstName", t."lastName", t."email",
      t."mobilePhone", t."streetAddress", t."city", t."state", t."postalCode", t."country", t."birthday", t."employeeNumber",
      t."accountStatus", t."adminRoles", 'ACTIVE'::"EmployeeMembership",
      $2::uuid, $3::timestamptz AT TIME ZONE 'UTC', $3::timestamptz AT TIME ZONE 'UTC', $3::timestamptz AT TIME ZONE 'UTC'
    FROM json_to_recordset($4::json) AS ${BATCH_RECORD}
    ON CONFLICT ("connectionId", "externalId") DO UPDATE SET
      ${[...DATA_COLUMNS, "membership", "lastSeenSyncRunId", "lastSyncedAt"].map((column) => `"${column}" = EXCLUDED."${column}"`).join(", ")},
      "updatedAt" = CASE WHEN ${CONFLICT_CHANGED} THEN EXCLUDED."updatedAt" ELSE "employee"."updatedAt" END
    -- Seen by this run already and unchanged (a page applied again): leave the row alone.
    WHERE "employee"."lastSeenSyncRunId" IS DISTINCT FROM EXCLUDED."lastSeenSyncRunId" OR ${CONFLICT_CHANGED}
    RETURNING (xmax = 0) AS "inserted", ("updatedAt" = $3::timestamptz AT TIME ZONE 'UTC') AS "changed"
  )
  SELECT (count(*) FILTER (WHERE "inserted"))::int AS "created", (count(*) FILTER (WHERE NOT "inserted" AND "changed"))::int AS "updated"
  FROM upserted`;

/** $1 connection id, $2 the batch's external ids: which of them are stored already (the unique index answers). */
export const EXISTING_SQL = `SELECT "externalId" FROM "employee" WHERE "connectionId" = $1::uuid AND "externalId" = ANY($2::text[])`;

/**
 * The rows of the batch ($4, JSON) stored already: the ON CONFLICT DO UPDATE branch of UPSERT_SQL as an UPDATE
 * (same assignments, same "written only if changed or not seen by this run yet", same `updatedAt` rule), and the
 * number of rows whose data changed. $1 connection id, $2 sync run id, $3 now (ISO).
 */
export const UPDATE_SQL = `
  WITH updated AS (
    UPDATE "employee" AS e SET
      ${DATA_COLUMNS.map((column) => `"${column}" = t."${column}"`).join(", ")},
      "membership" = 'ACTIVE', "lastSeenSyncRunId" = $2::uuid, "lastSyncedAt" = $3::timestamptz AT TIME ZONE 'UTC',
      "updatedAt" = CASE WHEN ${CHANGED} THEN $3::timestamptz AT TIME ZONE 'UTC' ELSE e."updatedAt" END
    FROM json_to_recordset($4::json) AS ${BATCH_RECORD}
    WHERE e."connectionId" = $1::uuid AND e."externalId" = t."externalId"
      AND (e."lastSeenSyncRunId" IS DISTINCT FROM $2::uuid OR ${CHANGED})
    RETURNING (e."updatedAt" = $3::timestamptz AT TIME ZONE 'UTC') AS "changed"
  )
  SELECT (count(*) FILTER (WHERE "changed"))::int AS "updated" FROM updated`;

const COPY_COLUMNS = [
  "id", "connectionId", "externalId", "login", "firstName", "lastName", "email", "mobilePhone", "streetAddress", "city", "state",
  "postalCode", "country", "birthday", "employeeNumber", "accountStatus", "adminRoles", "membership", "lastSeenSyncRunId",
  "lastSyncedAt", "createdAt", "updatedAt",
];

/** New rows of a connection: COPY stores a batch of tuples at a time, where INSERT ... SELECT stores them one by one. */
export const COPY_SQL = `COPY "employee" (${COPY_COLUMNS.map((column) => `"${column}"`).join(", ")}) FROM STDIN`;

/**
 * One new employee as a line of COPY_SQL: ACTIVE, seen by `syncRunId`, created, updated and synced at `at` (the
 * UTC wall time, as the statements above store `now` in the timestamp-without-time-zone columns).
 */
export function copyLine(employee: DirectoryEmployee, input: { id: string; connectionId: string; syncRunId: string; at: string }): string {
  const values = [
    input.id, input.connectionId, employee.externalId, employee.login, employee.firstName, employee.lastName, employee.email, employee.mobilePhone,
    employee.streetAddress, employee.city, employee.state, employee.postalCode, employee.country, employee.birthday, employee.employeeNumber,
    employee.accountStatus,
  ].map(copyText);
  return `${values.join("\t")}\t${copyTextArray(employee.adminRoles)}\tACTIVE\t${input.syncRunId}\t${input.at}\t${input.at}\t${input.at}\n`;
}
