import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Keyring } from "@/lib/config/keyring";
import { SEALED_COLUMNS, type SealedColumn } from "@/lib/crypto/sealed-columns";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { Prisma } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/prisma";

export type ReencryptReport = {
  /** Values re-sealed under the active key, per `table.column`. */
  resealed: Record<string, number>;
  /** Values that would not open with any configured key (a key already removed, or tampered data). */
  unreadable: Array<{ column: string; id: string; reason: string }>;
  /** Key ids still referenced afterwards by sealed columns, with how many values use each. */
  keysInUse: Record<string, number>;
  /**
   * Key ids in envelopes that older versions left in job step output (no context to re-seal them with):
   * housekeeping deletes finished runs after their retention, or delete those runs before removing the key.
   */
  keysInJobSteps: Record<string, number>;
};

const BATCH = 200;
const rowSchema = z.object({ id: z.string(), sealed: z.union([z.string(), z.instanceof(Uint8Array)]) });
const usageSchema = z.object({ keyId: z.string(), count: z.bigint() });

// Identifiers come from SEALED_COLUMNS (our own constants), never from input.
const ident = (name: string) => Prisma.raw(`"${name.replaceAll('"', '""')}"`);
// The key id is the envelope's second field (`v1.<keyId>.<iv>...`); for bytea only its first bytes are decoded.
const keyIdOf = (column: SealedColumn) =>
  column.bytes
    ? Prisma.sql`split_part(convert_from(substring(${ident(column.column)} from 1 for 64), 'UTF8'), '.', 2)`
    : Prisma.sql`split_part(${ident(column.column)}, '.', 2)`;

/**
 * Re-seals every sealed value that is not under the keyring's active key, a batch at a time, and records one
 * audit event with the counts. Idempotent: values already under the active key are not touched, and a value
 * the app changed or cleared meanwhile is left as the app wrote it (each update is conditional on the old
 * ciphertext). Then reports which key ids are still in use, so a key that no longer appears can be removed
 * from DATA_ENCRYPTION_KEYS.
 */
export async function reencryptSecrets(client: Db, keyring: Keyring, options: { batchSize?: number } = {}): Promise<ReencryptReport> {
  const take = options.batchSize ?? BATCH;
  const resealed: Record<string, number> = {};
  const unreadable: ReencryptReport["unreadable"] = [];
  for (const column of SEALED_COLUMNS) {
    const name = `${column.table}.${column.column}`;
    resealed[name] = 0;
    let after = "00000000-0000-0000-0000-000000000000";
    for (;;) {
      const rows = z.array(rowSchema).parse(
        await client.$queryRaw(Prisma.sql`
          SELECT "id"::text AS "id", ${ident(column.column)} AS "sealed" FROM ${ident(column.table)}
           WHERE "id" > ${after}::uuid AND ${ident(column.column)} IS NOT NULL AND ${keyIdOf(column)} <> ${keyring.activeKeyId}
           ORDER BY "id" LIMIT ${take}`),
      );
      for (const row of rows) {
        const sealed = typeof row.sealed === "string" ? row.sealed : Buffer.from(row.sealed).toString("utf8");
        let next: string;
        try {
          next = encryptSecret(decryptSecret(sealed, keyring, column.context(row.id)), keyring, column.context(row.id));
        } catch (error) {
          unreadable.push({ column: name, id: row.id, reason: error instanceof Error ? error.message : "cannot decrypt" });
          continue;
        }
        const value = column.bytes ? Buffer.from(next, "utf8") : next;
        const previous = column.bytes ? Buffer.from(sealed, "utf8") : sealed;
        resealed[name] += await client.$executeRaw(Prisma.sql`
          UPDATE ${ident(column.table)} SET ${ident(column.column)} = ${value}
           WHERE "id" = ${row.id}::uuid AND ${ident(column.column)} = ${previous}`);
      }
      if (rows.length < take) break;
      after = rows.at(-1)?.id ?? after;
    }
  }
  const { keysInUse, keysInJobSteps } = await countKeysInUse(client);
  await recordAuditEvent(client, {
    actor: { type: "SYSTEM", label: "secrets:reencrypt" },
    action: "secrets.reencrypted",
    details: { activeKeyId: keyring.activeKeyId, resealed, unreadable: unreadable.length, keysInUse, keysInJobSteps },
  });
  return { resealed, unreadable, keysInUse, keysInJobSteps };
}

/** Values per key id in the sealed columns, and in envelopes older versions left in job step output. */
export async function countKeysInUse(client: Db): Promise<Pick<ReencryptReport, "keysInUse" | "keysInJobSteps">> {
  const tally = (counts: Record<string, number>, rows: unknown) => {
    for (const { keyId, count } of z.array(usageSchema).parse(rows)) counts[keyId] = (counts[keyId] ?? 0) + Number(count);
    return counts;
  };
  const keysInUse: Record<string, number> = {};
  for (const column of SEALED_COLUMNS) {
    tally(keysInUse, await client.$queryRaw(Prisma.sql`
      SELECT ${keyIdOf(column)} AS "keyId", count(*) AS "count" FROM ${ident(column.table)}
       WHERE ${ident(column.column)} IS NOT NULL GROUP BY 1`));
  }
  const keysInJobSteps = tally({}, await client.$queryRaw(Prisma.sql`
    SELECT m[1] AS "keyId", count(*) AS "count"
      FROM "job_step", regexp_matches("output"::text, 'v1\\.([A-Za-z0-9_-]{1,32})\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]{22}', 'g') AS m
     GROUP BY 1`));
  return { keysInUse, keysInJobSteps };
}
