import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAuditChain } from "@/lib/audit/check-audit-chain";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/prisma";
import { useFreshDatabase } from "@/lib/testing/fresh-database";

const system = { type: "SYSTEM", label: "test" } as const;

describe("the audit log's hash chain", () => {
  let owner: pg.Client;

  beforeAll(async () => {
    // Its own database: the tampering below must not break the chain other suites append to.
    owner = new pg.Client({ connectionString: await useFreshDatabase("audit_chain") });
    await owner.connect();
  });
  afterAll(async () => owner?.end());

  it("chains 50 events recorded at once, in their own and in callers' transactions", async () => {
    await Promise.all(
      Array.from({ length: 50 }, (_, n) =>
        n % 2 === 0
          ? recordAuditEvent(db(), { actor: system, action: "access.denied", target: { type: "test", id: `burst-${n}` }, details: { n, nested: { b: 1, a: [n, null] } } })
          : db().$transaction(async (tx) => {
              await tx.rateLimitBucket.create({ data: { key: `chain-${n}`, windowStart: new Date(), count: n } });
              await recordAuditEvent(tx, { actor: system, action: "access.denied", target: { type: "test", id: `burst-${n}` }, details: { n } });
            }),
      ),
    );
    const report = await checkAuditChain(db(), { batchSize: 7 });
    expect(report).toMatchObject({ checked: 50, unchained: 0, broken: null, head: { seq: 50n } });
    const rows = await db().auditEvent.findMany({ orderBy: { chainSeq: "asc" }, select: { chainSeq: true } });
    expect(rows.map((row) => row.chainSeq)).toEqual(Array.from({ length: 50 }, (_, n) => BigInt(n + 1)));
  });

  it("rolls a rolled-back event out of the chain too", async () => {
    await expect(
      db().$transaction(async (tx) => {
        await recordAuditEvent(tx, { actor: system, action: "access.denied", target: { type: "test", id: "rolled-back" } });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    await recordAuditEvent(db(), { actor: system, action: "access.denied", target: { type: "test", id: "after-rollback" } });
    expect(await checkAuditChain(db())).toMatchObject({ checked: 51, broken: null });
  });

  // The owner (a DBA, or whoever took the owner's password) can lift the triggers; the chain shows the edit.
  it("finds a row the owner edited, at that row", async () => {
    const target = await db().auditEvent.findUniqueOrThrow({ where: { chainSeq: 20n } });
    await owner.query("BEGIN");
    await owner.query("SET LOCAL session_replication_role = replica"); // skips the append-only triggers
    await owner.query(`UPDATE audit_event SET details = '{"n": 999}' WHERE "chainSeq" = 20`);
    await owner.query("COMMIT");
    const report = await checkAuditChain(db(), { batchSize: 7 });
    expect(report.checked).toBe(19);
    expect(report.broken).toMatchObject({ id: target.id, chainSeq: 20n, reason: expect.stringMatching(/edited/) });
  });

  it("finds a row the owner removed, at the next row (before the edited one)", async () => {
    await owner.query("BEGIN");
    await owner.query("SET LOCAL session_replication_role = replica");
    await owner.query(`DELETE FROM audit_event WHERE "chainSeq" = 10`);
    await owner.query("COMMIT");
    const report = await checkAuditChain(db());
    expect(report.broken).toMatchObject({ chainSeq: 11n, reason: expect.stringMatching(/missing/) });
  });
});
