import "server-only";
import { consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CurrentConsoleUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/prisma";
import { providerForConnection } from "@/lib/connections/provider-for-connection";
import { AppError } from "@/lib/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { startFirstSync } from "@/lib/connections/activate-iam-connection";
import type { ConnectionTestResult } from "@/lib/iam/identity-provider";

/**
 * "Test connection": gets a token and reads one member through the adapter. A pass activates an Okta connection
 * waiting for its key to be registered (and an Entra/Okta connection in ERROR), then queues the first sync. A
 * failure keeps the status and records, for the admin, what to fix.
 */
export async function testIamConnection(actor: Pick<CurrentConsoleUser, "id" | "email">, request: RequestContext): Promise<ConnectionTestResult> {
  const connection = await db().iamConnection.findUnique({ where: { singleton: true }, select: { id: true, provider: true, status: true, consentStateHash: true } });
  if (!connection) throw new AppError("not_found", "No identity provider is connected.");
  const provider = await providerForConnection(connection.id, { fresh: true });
  const result = await provider.testConnection();

  // Where admin consent activates a connection, a passing test cannot stand in for it.
  const activates = result.ok && (connection.status === "ERROR" || (connection.status === "INCOMPLETE" && provider.capabilities.activatedBy === "connection_test"));
  await db().$transaction(async (tx) => {
    if (activates) {
      await tx.iamConnection.update({ where: { id: connection.id }, data: { status: "ACTIVE", statusReason: null, activatedAt: new Date() } });
    } else if (!result.ok) {
      await tx.iamConnection.update({ where: { id: connection.id }, data: { statusReason: result.message.slice(0, 500) } });
    } else if (connection.status === "ACTIVE") {
      await tx.iamConnection.update({ where: { id: connection.id }, data: { statusReason: null } });
    }
    await recordAuditEvent(tx, {
      actor: consoleUserActor(actor),
      action: activates ? "iam.connection_activated" : "iam.connection_tested",
      target: { type: "iam_connection", id: connection.id },
      request,
      details: result.ok ? { ok: true, expectedTotal: result.expectedTotal, warnings: result.warnings?.length ?? 0 } : { ok: false, problem: result.problem },
    });
  });
  if (activates) await startFirstSync(connection.id, actor, request);
  return result;
}
