import { recordAuditEvent, consoleUserActor } from "@/lib/audit/record-audit-event";
import { protectedRoute } from "@/lib/auth/guards";
import { db } from "@/lib/db/prisma";
import { exportReadinessCsv } from "@/lib/directory/export-readiness-csv";

/** GET /api/directory/readiness/export — employees with incomplete profiles, as CSV (admins only; contains PII). */
export const GET = protectedRoute("directory:export", async (_request, { user, request }) => {
  const connection = await db().iamConnection.findUnique({ where: { singleton: true }, select: { id: true } });
  if (!connection) return Response.json({ error: "No identity provider is connected.", code: "not_found" }, { status: 404 });
  await recordAuditEvent(db(), { actor: consoleUserActor(user), action: "directory.readiness_exported", target: { type: "iam_connection", id: connection.id }, request });
  return new Response(exportReadinessCsv(connection.id), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="directory-readiness-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
