import { readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "@/lib/db/migrate-database";
import { createEmptyDatabase } from "@/lib/testing/fresh-database";

const migrationFolders = readdirSync(path.join(import.meta.dirname, "../../prisma/migrations"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

describe("migrations (prisma migrate deploy through the Wasm engine and the migrate shim)", () => {
  let client: pg.Client;
  let url: string;

  beforeAll(async () => {
    url = await createEmptyDatabase("migrate");
    await migrateDatabase(url, { quiet: true });
    client = new pg.Client({ connectionString: url });
    await client.connect();
  });
  afterAll(async () => client?.end());

  it("applies every migration folder to an empty database", async () => {
    const applied = await client.query<{ migration_name: string }>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name",
    );
    expect(applied.rows.map((row) => row.migration_name)).toEqual([...migrationFolders].sort());
    const tables = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    expect(tables.rows.map((row) => row.table_name)).toEqual(
      expect.arrayContaining(["audit_event", "console_user", "rate_limit_bucket"]),
    );
  });

  it("is idempotent: a second deploy changes nothing", async () => {
    await migrateDatabase(url, { quiet: true });
    const count = await client.query("SELECT count(*)::int AS n FROM _prisma_migrations");
    expect(count.rows[0].n).toBe(migrationFolders.length);
  });

  it("creates PL/pgSQL bodies intact (the shim sends each script whole, not split on ';')", async () => {
    await client.query(
      // A chained row (the audit_event_chained constraint); its hashes need not be right for this test.
      `INSERT INTO audit_event ("actorType", action, details, "chainSeq", "prevHash", "hash")
       VALUES ('SYSTEM', 'test.inserted', '{}', 1, repeat('0', 64), repeat('a', 64))`,
    );
    await expect(client.query("UPDATE audit_event SET action = 'test.changed'")).rejects.toThrow(/append-only/);
    await expect(client.query("DELETE FROM audit_event")).rejects.toThrow(/append-only/);
    await expect(client.query("TRUNCATE audit_event")).rejects.toThrow(/append-only/);
    const rows = await client.query("SELECT action FROM audit_event");
    expect(rows.rows).toEqual([{ action: "test.inserted" }]);
  });
});
