import { createHash } from "node:crypto";
import { canonicalJson, type JsonValue } from "@/lib/audit/canonical-json";

/** The "previous hash" of the first chained row. */
export const GENESIS_HASH = "0".repeat(64);

/** Everything a chained audit row says, as stored: what its hash covers. */
export type AuditChainContent = {
  chainSeq: bigint;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  ip: string | null;
  userAgent: string | null;
  details: JsonValue;
};

/**
 * hash = SHA-256(prevHash || canonical JSON of the row's content), hex. The position (chainSeq) and the
 * previous hash are inside, so a row cannot be moved, removed or replaced without breaking every later hash.
 */
export function hashAuditRow(prevHash: string, content: AuditChainContent): string {
  const fields: JsonValue = {
    v: 1,
    chainSeq: content.chainSeq.toString(),
    occurredAt: content.occurredAt.toISOString(),
    actorType: content.actorType,
    actorId: content.actorId,
    actorLabel: content.actorLabel,
    action: content.action,
    targetType: content.targetType,
    targetId: content.targetId,
    targetLabel: content.targetLabel,
    ip: content.ip,
    userAgent: content.userAgent,
    details: content.details,
  };
  return createHash("sha256").update(prevHash, "utf8").update(canonicalJson(fields), "utf8").digest("hex");
}
