import pg from "pg";
import { z } from "zod";

/**
 * The role the application's queries run as (created by the migration `least_privilege_app_role`): it may
 * read and write every table but only INSERT and SELECT on audit_event, and owns nothing, so it cannot drop
 * or replace the audit log's triggers. Migrations run as the schema's owner instead.
 */
export const APP_ROLE = "verifyd_app";

/** The same server and database as `url`, signed in as `user`. */
export function connectionUrlAs(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

/**
 * Lets the app role sign in with `password` (the embedded default and the test servers, where we are the
 * cluster's administrator). Idempotent: run on every start, so the password always matches the secrets file.
 * Creates the role first when no migration has yet (a test server's first run).
 */
export async function enableAppRoleLogin(adminUrl: string, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // ALTER ROLE takes no bind parameters: quote the password as a literal.
    const literal = client.escapeLiteral(password);
    await client.query(`DO $$
      BEGIN
        CREATE ROLE ${APP_ROLE} NOLOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END
    $$`);
    await client.query(`ALTER ROLE ${APP_ROLE} WITH LOGIN PASSWORD ${literal}`);
  } finally {
    await client.end();
  }
}

const roleReportSchema = z.object({
  role: z.string(),
  superuser: z.boolean(),
  ownsAuditLog: z.boolean(),
  ownsTriggerFunction: z.boolean(),
  canUpdate: z.boolean(),
  canDelete: z.boolean(),
  canTruncate: z.boolean(),
  canTrigger: z.boolean(),
});

/**
 * What the role behind `url` could do to the audit log beyond appending and reading it: one sentence per
 * power, empty when it is the least-privilege role it should be.
 */
export async function auditLogPowersOf(url: string): Promise<{ role: string; powers: string[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query(`
      SELECT current_user AS role,
             r.rolsuper AS superuser,
             pg_has_role(current_user, c.relowner, 'USAGE') AS "ownsAuditLog",
             COALESCE((SELECT pg_has_role(current_user, p.proowner, 'USAGE') FROM pg_proc p
                        WHERE p.proname = 'audit_event_refuse_change' LIMIT 1), false) AS "ownsTriggerFunction",
             has_table_privilege(c.oid, 'UPDATE') AS "canUpdate",
             has_table_privilege(c.oid, 'DELETE') AS "canDelete",
             has_table_privilege(c.oid, 'TRUNCATE') AS "canTruncate",
             has_table_privilege(c.oid, 'TRIGGER') AS "canTrigger"
        FROM pg_class c JOIN pg_roles r ON r.rolname = current_user
       WHERE c.oid = 'public.audit_event'::regclass`);
    const report = roleReportSchema.parse(result.rows[0]);
    const powers: string[] = [];
    if (report.superuser) powers.push("is a superuser");
    if (report.ownsAuditLog) powers.push("owns audit_event (may drop its append-only triggers)");
    if (report.ownsTriggerFunction) powers.push("owns the append-only trigger function (may replace it)");
    const writes = [
      report.canUpdate && "UPDATE",
      report.canDelete && "DELETE",
      report.canTruncate && "TRUNCATE",
      report.canTrigger && "TRIGGER",
    ].filter((privilege) => typeof privilege === "string");
    if (writes.length > 0) powers.push(`holds ${writes.join(", ")} on audit_event`);
    return { role: report.role, powers };
  } finally {
    await client.end();
  }
}
