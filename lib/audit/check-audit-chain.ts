import { z } from "zod";
import { CHAIN_START, type ChainBreak, type ChainPosition, verifyChainEnd, verifyChainSegment } from "@/lib/audit/verify-audit-chain";
import type { Db } from "@/lib/db/prisma";

export type AuditChainReport = {
  /** Chained rows checked. */
  checked: number;
  /** Rows from before the chain existed (not covered by it). */
  unchained: number;
  /** Where the chain ends: record it elsewhere to notice later a rewrite of the whole chain. */
  head: ChainPosition;
  broken: ChainBreak | null;
};

const BATCH = 1000;
const headSchema = z.object({ seq: z.bigint(), hash: z.string() });

/**
 * Walks the whole audit chain in position order, a batch at a time (reads only: the app role may run it),
 * and reports the first row that breaks it.
 */
export async function checkAuditChain(client: Db, options: { batchSize?: number } = {}): Promise<AuditChainReport> {
  const take = options.batchSize ?? BATCH;
  const head = headSchema.parse(await client.auditChainHead.findUniqueOrThrow({ where: { id: 1 }, select: { seq: true, hash: true } }));
  const unchained = await client.auditEvent.count({ where: { chainSeq: null } });
  let at = CHAIN_START;
  let checked = 0;
  for (;;) {
    const rows = await client.auditEvent.findMany({ where: { chainSeq: { gt: at.seq } }, orderBy: { chainSeq: "asc" }, take });
    const chained = rows.map(({ chainSeq, prevHash, hash, ...row }) => ({
      ...row,
      chainSeq: chainSeq ?? 0n,
      prevHash: prevHash ?? "",
      hash: hash ?? "",
    }));
    const segment = verifyChainSegment(at, chained);
    if (!segment.ok) return { checked: checked + chained.findIndex((row) => row.chainSeq === segment.broken.chainSeq), unchained, head, broken: segment.broken };
    checked += chained.length;
    at = segment.at;
    if (rows.length < take) break;
  }
  return { checked, unchained, head, broken: verifyChainEnd(at, head) };
}
