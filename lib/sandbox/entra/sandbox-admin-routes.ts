import { type Context, Hono } from "hono";
import { z } from "zod";
import type { SandboxPerson } from "@/lib/sandbox/shared/generate-person";
import type { FaultInjector } from "@/lib/sandbox/shared/faults";
import { faultConfigSchema } from "@/lib/sandbox/shared/faults";
import { indexFromUserId } from "@/lib/sandbox/entra/entra-ids";
import { DIRECTORY_ROLES } from "@/lib/sandbox/entra/entra-roles";
import { listMfaMethods } from "@/lib/sandbox/entra/map-person-to-auth-methods";
import { mapPersonToGraphUser, USER_FIELD_NAMES } from "@/lib/sandbox/entra/map-person-to-graph-user";
import { createSandboxAdminAppRoutes, parseJson } from "@/lib/sandbox/entra/sandbox-admin-app-routes";
import { newUserSchema, userPatchSchema } from "@/lib/sandbox/entra/sandbox-user-input";
import type { EntraTenantState } from "@/lib/sandbox/entra/tenant-state";

const deleteUserQuerySchema = z.object({ permanent: z.enum(["true", "false"]).optional() });
const eventsQuerySchema = z.object({ since: z.coerce.number().int().min(0).optional() });
const remoteSchema = z.object({ incoming: z.object({ socket: z.object({ remoteAddress: z.string().optional() }) }) });

/** Loopback only: the admin API changes the tenant and shows TAPs, so it must not be reachable from the network. */
function isLoopback(c: Context): boolean {
  const env = remoteSchema.safeParse(c.env);
  if (!env.success) return true; // In-process `app.request()` has no socket: nothing remote can be calling.
  const address = env.data.incoming.socket.remoteAddress ?? "";
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

/** `/_sandbox/...`: faults, reset, the event log and per-user observable state, and test/demo changes to users. */
export function createSandboxAdminRoutes(options: { tenant: EntraTenantState; faults: FaultInjector; reset(): void }): Hono {
  const { tenant, faults } = options;
  const app = new Hono();
  app.use("*", async (c, next) => {
    if (!isLoopback(c)) return c.json({ error: "loopback_only" }, 403);
    await next();
  });
  const findIndex = (c: Context) => {
    const id = c.req.param("id") ?? "";
    // Observable state stays readable after a deletion, so tests can see it.
    return id.includes("@") ? tenant.findUserIndex(id) : indexFromUserId(tenant.seed, id);
  };

  app.get("/faults", (c) => c.json(faults.config));
  app.put("/faults", async (c) => {
    const body = await parseJson(c, faultConfigSchema);
    if (!body.ok) return body.response;
    tenant.logEvent("faults.configured", { ...body.data });
    return c.json(faults.configure(body.data));
  });
  app.post("/faults/expire-tokens", (c) => {
    faults.expireAllTokens();
    tenant.logEvent("faults.tokens_expired");
    return c.json({ tokensNotBefore: faults.tokensNotBefore });
  });
  app.post("/reset", (c) => {
    options.reset();
    return c.json({ reset: true });
  });
  app.get("/events", (c) => {
    const query = eventsQuerySchema.safeParse(c.req.query());
    const since = query.success ? (query.data.since ?? 0) : 0;
    return c.json({ events: tenant.events.filter((event) => event.sequence > since) });
  });

  /** What happened to the user through Graph and the admin API (never a password; a live TAP, for tests). */
  const observable = (index: number, person: SandboxPerson) => {
    const overlay = tenant.overlays.get(index);
    return {
      id: tenant.userId(index),
      index,
      userPrincipalName: tenant.userPrincipalName(person),
      deleted: overlay?.deleted ?? null,
      membership: tenant.membership(index),
      privilege: person.privilege,
      // Display names, as memberOf/microsoft.graph.directoryRole lists them.
      directoryRoles: person.privilege === "none" ? [] : [DIRECTORY_ROLES[person.privilege].displayName],
      // The generator's state; Graph only shows it as `user.accountEnabled` (lockout is not in Graph).
      lifecycle: person.lifecycle,
      password: { set: Boolean(overlay?.password), forceChangePasswordNextSignIn: overlay?.password?.forceChangePasswordNextSignIn ?? null, setAt: overlay?.password?.setAt ?? null },
      methods: listMfaMethods(tenant, person).map((method) => ({ type: method.type, id: method.id })),
      removedMethods: overlay?.removedMethods ?? [],
      sessionsRevokedAt: overlay?.sessionsRevokedAt ?? null,
      temporaryAccessPass: overlay?.temporaryAccessPass ?? null,
      // The user as Graph's single-user GET renders it with every field the sandbox knows.
      user: mapPersonToGraphUser(tenant, person, USER_FIELD_NAMES),
    };
  };

  app.get("/users/:id", (c) => {
    const index = findIndex(c);
    const person = index === null ? null : tenant.personAt(index);
    if (index === null || !person) return c.json({ error: "user_not_found" }, 404);
    return c.json(observable(index, person));
  });

  app.post("/users", async (c) => {
    const body = await parseJson(c, newUserSchema);
    if (!body.ok) return body.response;
    const index = tenant.indexLimit;
    tenant.addedUserCount += 1;
    tenant.overlay(index).patch = body.data;
    const groupId = tenant.membership(index) === "nested" ? tenant.nestedGroupId : tenant.employeeGroupId;
    tenant.recordUserChange(index);
    tenant.recordMembershipChange(index, groupId, false);
    tenant.logEvent("user.added", { userId: tenant.userId(index) });
    return c.json({ id: tenant.userId(index), index }, 201);
  });

  app.patch("/users/:id", async (c) => {
    const index = findIndex(c);
    if (index === null || tenant.personAt(index) === null || tenant.isDeleted(index)) return c.json({ error: "user_not_found" }, 404);
    const body = await parseJson(c, userPatchSchema);
    if (!body.ok) return body.response;
    const overlay = tenant.overlay(index);
    overlay.patch = { ...overlay.patch, ...body.data };
    tenant.recordUserChange(index);
    tenant.logEvent("user.updated", { userId: tenant.userId(index), fields: Object.keys(body.data).join(",") });
    const updated = tenant.personAt(index);
    return updated ? c.json(observable(index, updated)) : c.json({ error: "user_not_found" }, 404);
  });

  app.delete("/users/:id/membership", (c) => {
    const index = findIndex(c);
    const membership = index === null ? null : tenant.membership(index);
    if (index === null || membership === null) return c.json({ error: "not_a_member" }, 404);
    tenant.overlay(index).removedFromGroup = true;
    tenant.recordMembershipChange(index, membership === "nested" ? tenant.nestedGroupId : tenant.employeeGroupId, true);
    tenant.logEvent("user.membership_removed", { userId: tenant.userId(index) });
    return c.body(null, 204);
  });

  // Soft delete (recycle bin) shows in users/delta as @removed "changed"; ?permanent=true as "deleted".
  app.delete("/users/:id", (c) => {
    const index = findIndex(c);
    if (index === null || tenant.personAt(index) === null || tenant.isDeleted(index)) return c.json({ error: "user_not_found" }, 404);
    const query = deleteUserQuerySchema.safeParse(c.req.query());
    const membership = tenant.membership(index);
    tenant.overlay(index).deleted = query.success && query.data.permanent === "true" ? "permanent" : "soft";
    tenant.recordUserChange(index);
    if (membership) tenant.recordMembershipChange(index, membership === "nested" ? tenant.nestedGroupId : tenant.employeeGroupId, true);
    tenant.logEvent("user.deleted", { userId: tenant.userId(index) });
    return c.body(null, 204);
  });

  app.route("/", createSandboxAdminAppRoutes(tenant));
  return app;
}
