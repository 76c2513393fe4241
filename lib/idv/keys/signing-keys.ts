import "server-only";
import { randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import { z } from "zod";
import { type AuditActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { openSecret, sealSecret } from "@/lib/crypto/server-keyring";
import { db, type Tx } from "@/lib/db/prisma";
import { toJson } from "@/lib/db/to-json";

/** RS256: what Okta's custom IDV integration and every OIDC relying party verify. */
export const ID_TOKEN_ALGORITHM = "RS256";
/** A retired key stays in the key set this long: relying parties cache key sets, and tokens live minutes. */
export const RETIRED_KEY_PUBLISHED_HOURS = 24;

const publicJwkSchema = z.looseObject({ kty: z.literal("RSA"), n: z.string(), e: z.string(), kid: z.string(), alg: z.literal(ID_TOKEN_ALGORITHM), use: z.literal("sig") });
export type PublishedJwk = z.infer<typeof publicJwkSchema>;

export type SigningKeySummary = { kid: string; createdAt: Date; retiredAt: Date | null };

const context = (id: string) => `idv-signing-key:${id}`;

async function newKeyRow(): Promise<{ id: string; kid: string; algorithm: string; publicJwk: PublishedJwk; sealedPrivateJwk: string }> {
  const { publicKey, privateKey } = await generateKeyPair(ID_TOKEN_ALGORITHM, { modulusLength: 2048, extractable: true });
  const id = randomUUID();
  const kid = randomUUID();
  const publicJwk = publicJwkSchema.parse({ ...(await exportJWK(publicKey)), kid, alg: ID_TOKEN_ALGORITHM, use: "sig" });
  const privateJwk: JWK = { ...(await exportJWK(privateKey)), kid, alg: ID_TOKEN_ALGORITHM };
  return { id, kid, algorithm: ID_TOKEN_ALGORITHM, publicJwk, sealedPrivateJwk: sealSecret(JSON.stringify(privateJwk), context(id)) };
}

/**
 * The key that signs now, created on first use. Two first uses at once race on the partial unique index
 * (one current key): the loser's insert is skipped and it reads the winner's key.
 */
export async function currentSigningKey(): Promise<{ kid: string; key: CryptoKey }> {
  let row = await db().idvSigningKey.findFirst({ where: { retiredAt: null } });
  if (!row) {
    const fresh = await newKeyRow();
    await db().idvSigningKey.createMany({ data: [{ ...fresh, publicJwk: toJson(fresh.publicJwk) }], skipDuplicates: true });
    row = await db().idvSigningKey.findFirstOrThrow({ where: { retiredAt: null } });
  }
  const jwk = z.looseObject({ kty: z.literal("RSA"), d: z.string() }).parse(JSON.parse(openSecret(row.sealedPrivateJwk, context(row.id))));
  const key = await importJWK(jwk, ID_TOKEN_ALGORITHM);
  if (!(key instanceof CryptoKey)) throw new Error("The ID token signing key did not import as a CryptoKey.");
  return { kid: row.kid, key };
}

/** The published key set: the current key and keys retired less than a day ago. */
export async function publishedKeySet(): Promise<{ keys: PublishedJwk[] }> {
  const since = new Date(Date.now() - RETIRED_KEY_PUBLISHED_HOURS * 3_600_000);
  const rows = await db().idvSigningKey.findMany({ where: { OR: [{ retiredAt: null }, { retiredAt: { gt: since } }] }, orderBy: { createdAt: "desc" } });
  return { keys: rows.map((row) => publicJwkSchema.parse(row.publicJwk)) };
}

export async function listSigningKeys(): Promise<SigningKeySummary[]> {
  return db().idvSigningKey.findMany({ select: { kid: true, createdAt: true, retiredAt: true }, orderBy: { createdAt: "desc" }, take: 10 });
}

/**
 * Retires the current key and starts signing with a new one, in one transaction with its audit event. The old
 * key stays published for RETIRED_KEY_PUBLISHED_HOURS, so tokens already issued keep verifying.
 */
export async function rotateSigningKey(actor: AuditActor, request?: { ip?: string; userAgent?: string }): Promise<SigningKeySummary> {
  const fresh = await newKeyRow();
  return db().$transaction(async (tx: Tx) => {
    const retired = await tx.idvSigningKey.updateMany({ where: { retiredAt: null }, data: { retiredAt: new Date() } });
    const created = await tx.idvSigningKey.create({ data: { ...fresh, publicJwk: toJson(fresh.publicJwk) }, select: { kid: true, createdAt: true, retiredAt: true } });
    await recordAuditEvent(tx, { actor, action: "idv.signing_key_rotated", target: { type: "idv_signing_key", id: fresh.id, label: fresh.kid }, request, details: { retiredKeys: retired.count } });
    return created;
  });
}
