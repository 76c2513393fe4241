import type { Context } from "hono";
import type { SandboxPerson } from "@/lib/sandbox/shared/generate-person";
import type { GraphEnv } from "@/lib/sandbox/entra/graph-auth";
import { mayManageTarget } from "@/lib/sandbox/entra/entra-roles";
import { forbidden } from "@/lib/sandbox/entra/graph-errors";
import type { EntraTenantState } from "@/lib/sandbox/entra/tenant-state";

/**
 * 403 `Authorization_RequestDenied` when the target holds a directory role above the one assigned to the calling
 * app's service principal (rule in `mayManageTarget`); null when the write may proceed.
 */
export function guardPrivilegedTarget(c: Context<GraphEnv>, tenant: EntraTenantState, person: SandboxPerson): Response | null {
  const app = tenant.findApp(c.get("claims").appid);
  return mayManageTarget(app?.directoryRole ?? "none", person.privilege) ? null : forbidden(c);
}
