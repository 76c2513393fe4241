import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { APP_ROLE, auditLogPowersOf } from "@/lib/db/app-role";
import { db } from "@/lib/db/prisma";
import { useFreshDatabase } from "@/lib/testing/fresh-database";

// The whole suite runs as the app role (lib/testing/vitest-global-setup.ts), as the server does: here is the
// proof that this role can append to the audit log and read it, and nothing else there.
describe("the app's database role and the audit log", () => {
  let ownerUrl: string;
  let app: pg.Client;

  beforeAll(async () => {
    // A database of its own: if a statement below were allowed, it must not break the others' audit log.
    ownerUrl = await useFreshDatabase("app_role");
    app = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await app.connect();
  });
  afterAll(async () => app?.end());

  const refused = async (sql: string) => {
    const error: unknown = await app.query(sql).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error, sql).toBeInstanceOf(Error);
    // 42501 insufficient_privilege; the message is PostgreSQL's own (the triggers' message would name them).
    expect(error, sql).toMatchObject({ code: "42501", message: expect.stringMatching(/permission denied|must be owner/) });
  };

  it("signs in as the app role, not as the owner", async () => {
    const result = await app.query<{ role: string }>("SELECT current_user AS role");
    expect(result.rows[0]?.role).toBe(APP_ROLE);
  });

  it("may INSERT and SELECT audit events", async () => {
    await recordAuditEvent(db(), { actor: { type: "SYSTEM", label: "test" }, action: "access.denied", target: { type: "test", id: "app-role" } });
    const rows = await app.query<{ action: string }>(`SELECT action FROM audit_event WHERE "targetId" = 'app-role'`);
    expect(rows.rows).toEqual([{ action: "access.denied" }]);
  });

  it("may not UPDATE, DELETE or TRUNCATE audit events", async () => {
    await refused("UPDATE audit_event SET action = 'test.rewritten'");
    await refused("DELETE FROM audit_event");
    await refused("TRUNCATE audit_event");
  });

  it("may not drop, disable or replace the append-only triggers", async () => {
    await refused("DROP TRIGGER audit_event_append_only ON audit_event");
    await refused("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_truncate");
    await refused(
      "CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
    );
    await refused("DROP TABLE audit_event");
    await refused("ALTER TABLE audit_event OWNER TO verifyd_app");
  });

  it("still reads and writes the other tables (housekeeping deletes there)", async () => {
    await db().rateLimitBucket.create({ data: { key: "app-role-test", windowStart: new Date(), count: 1 } });
    await db().rateLimitBucket.update({ where: { key: "app-role-test" }, data: { count: 2 } });
    expect((await db().rateLimitBucket.deleteMany({ where: { key: "app-role-test" } })).count).toBe(1);
  });

  it("reports the app role as harmless and the owner as able to rewrite the log", async () => {
    expect(await auditLogPowersOf(process.env.DATABASE_URL ?? "")).toEqual({ role: APP_ROLE, powers: [] });
    const owner = await auditLogPowersOf(ownerUrl);
    expect(owner.powers.length).toBeGreaterThan(0);
  });
});
