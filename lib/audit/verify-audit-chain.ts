import { type AuditChainContent, GENESIS_HASH, hashAuditRow } from "@/lib/audit/audit-chain";

/** A chained row as read back, in chainSeq order. */
export type ChainedAuditRow = AuditChainContent & { id: bigint; prevHash: string; hash: string };

/** Where a walk stands: the last row it accepted (seq 0 and the genesis hash before the first). */
export type ChainPosition = { seq: bigint; hash: string };

export type ChainBreak = { id: bigint | null; chainSeq: bigint; reason: string };

export const CHAIN_START: ChainPosition = { seq: 0n, hash: GENESIS_HASH };

/**
 * Checks the next rows of the chain after `from` (pure: the caller reads them in batches). Returns the new
 * position, or the first row that does not follow: a missing position (a row removed or never committed),
 * a previous hash that is not the last row's (reordered or inserted), or a hash that is not its content's
 * (edited).
 */
export function verifyChainSegment(from: ChainPosition, rows: readonly ChainedAuditRow[]): { ok: true; at: ChainPosition } | { ok: false; broken: ChainBreak } {
  let at = from;
  for (const row of rows) {
    const expectedSeq = at.seq + 1n;
    if (row.chainSeq !== expectedSeq) {
      return { ok: false, broken: { id: row.id, chainSeq: row.chainSeq, reason: `expected position ${expectedSeq} next, found ${row.chainSeq} (rows missing)` } };
    }
    if (row.prevHash !== at.hash) {
      return { ok: false, broken: { id: row.id, chainSeq: row.chainSeq, reason: "its previous hash is not the previous row's hash" } };
    }
    if (hashAuditRow(row.prevHash, row) !== row.hash) {
      return { ok: false, broken: { id: row.id, chainSeq: row.chainSeq, reason: "its content does not match its hash (edited)" } };
    }
    at = { seq: row.chainSeq, hash: row.hash };
  }
  return { ok: true, at };
}

/**
 * After the last row: the head the writers moved forward must be where the walk ended, or rows at the end
 * were removed (or the head was moved).
 */
export function verifyChainEnd(at: ChainPosition, head: ChainPosition): ChainBreak | null {
  if (head.seq === at.seq && head.hash === at.hash) return null;
  if (head.seq > at.seq) return { id: null, chainSeq: at.seq + 1n, reason: `the chain head is at position ${head.seq} but the last row found is ${at.seq} (rows removed)` };
  return { id: null, chainSeq: head.seq, reason: `the chain head (position ${head.seq}) does not match the last row (position ${at.seq})` };
}
