import { GraphError } from "@microsoft/microsoft-graph-client";
import type { GraphCaller } from "@/lib/iam/entra/create-graph-caller";
import { getEntraPrivilegedRoles } from "@/lib/iam/entra/get-entra-privileged-roles";
import { type GraphWriteAction, mapGraphWriteError } from "@/lib/iam/entra/map-graph-write-error";

/**
 * One Graph write on a user, with errors mapped for the helpdesk. On a 403 the user's roles are read (best
 * effort) so the message can say "privileged target" instead of guessing; a failing lookup leaves the generic one.
 */
export async function sendEntraWrite(
  graph: GraphCaller,
  userId: string,
  request: { method: "PATCH" | "POST" | "DELETE"; path: string; body?: unknown },
  action: GraphWriteAction,
): Promise<unknown> {
  try {
    return await graph.send(request.method, request.path, request.body);
  } catch (error) {
    const roles = error instanceof GraphError && error.statusCode === 403 ? await getEntraPrivilegedRoles(graph, userId).catch(() => null) : null;
    throw mapGraphWriteError(error, action, roles);
  }
}
