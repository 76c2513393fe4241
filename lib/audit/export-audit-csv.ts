import { type AuditFilter, auditFilterWhere } from "@/lib/audit/audit-filter";
import { db } from "@/lib/db/prisma";

const COLUMNS = ["id", "occurred_at", "actor_type", "actor", "actor_id", "action", "target_type", "target", "target_id", "ip", "user_agent", "details"] as const;
const BATCH = 1000;

/**
 * One CSV cell (RFC 4180 quoting). Cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR) get a
 * leading apostrophe: audit data contains attacker-typed text such as sign-in e-mail addresses.
 */
export function csvCell(value: string | null | undefined): string {
  let text = value ?? "";
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Streams every event matching the filter as CSV, newest first, reading the table in batches. */
export function exportAuditCsv(filter: AuditFilter): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let before: bigint | undefined;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(`${COLUMNS.join(",")}\r\n`));
      }
      const rows = await db().auditEvent.findMany({
        where: { ...auditFilterWhere({ ...filter, before: undefined }), ...(before ? { id: { lt: before } } : {}) },
        orderBy: { id: "desc" },
        take: BATCH,
      });
      if (rows.length === 0) {
        controller.close();
        return;
      }
      before = rows[rows.length - 1]!.id;
      const lines = rows.map((row) =>
        [
          row.id.toString(),
          row.occurredAt.toISOString(),
          row.actorType,
          row.actorLabel,
          row.actorId,
          row.action,
          row.targetType,
          row.targetLabel,
          row.targetId,
          row.ip,
          row.userAgent,
          JSON.stringify(row.details),
        ]
          .map(csvCell)
          .join(","),
      );
      controller.enqueue(encoder.encode(`${lines.join("\r\n")}\r\n`));
      if (rows.length < BATCH) controller.close();
    },
  });
}
