import { exportAuditCsv } from "@/lib/audit/export-audit-csv";
import { auditFilterSchema } from "@/lib/audit/audit-filter";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { protectedRoute } from "@/lib/auth/guards";
import { db } from "@/lib/db/prisma";

/** GET /api/audit/export?actor=&action=&from=&to= — the filtered audit log as CSV (admins only). */
export const GET = protectedRoute("audit:export", async (request, { user, request: context }) => {
  const url = new URL(request.url);
  const parsed = auditFilterSchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) {
    return Response.json({ error: parsed.error.issues[0]?.message ?? "Invalid filter", code: "invalid_input" }, { status: 400 });
  }
  const filter = { ...parsed.data, before: undefined };
  // Exporting the log is itself an auditable act.
  await recordAuditEvent(db(), {
    actor: consoleUserActor(user),
    action: "audit.exported",
    request: context,
    details: { filter: { actor: filter.actor ?? null, action: filter.action ?? null, from: filter.from ?? null, to: filter.to ?? null } },
  });
  const stamp = new Date().toISOString().slice(0, 19).replaceAll(":", "-");
  return new Response(exportAuditCsv(filter), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-log-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
