import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { loopbackOnly, parseJsonBody } from "@/lib/sandbox/okta/admin-route-support";
import { faultConfigSchema } from "@/lib/sandbox/shared/faults";
import { idvAdminRoutes } from "@/lib/sandbox/okta/idv-admin-routes";
import { renderOktaUser, type OktaUserRecord } from "@/lib/sandbox/okta/map-person-to-okta-user";
import { nowIso, type OktaOrg } from "@/lib/sandbox/okta/okta-org";
import { newUserSchema, userPatchSchema, type UserPatch } from "@/lib/sandbox/okta/sandbox-user-input";
import { clientIdSchema, publicJwksSchema, serviceAppSettingsSchema, type ServiceApp } from "@/lib/sandbox/okta/service-apps";
import type { UserOverlay } from "@/lib/sandbox/okta/org-state";
import { systemLogConfigSchema } from "@/lib/sandbox/okta/system-log";
import { logActor, statusChangeEventType, userLogEvent } from "@/lib/sandbox/okta/system-log-events";

function applyPatch(patch: UserPatch, overlay: UserOverlay, at: string): void {
  if (patch.profile) overlay.profile = { ...overlay.profile, ...patch.profile };
  if (patch.status) {
    overlay.status = patch.status;
    overlay.statusChanged = at;
  }
  if (patch.roles) overlay.roles = [...new Set(patch.roles)];
  if (patch.factors) overlay.mfa = patch.factors;
}

function describeApp(app: ServiceApp) {
  return { clientId: app.clientId, settings: app.settings, keyIds: app.keys.map((key) => key.kid ?? null) };
}

/** `/_sandbox/*`: faults, reset, observable user state, event log, directory edits and app registration. */
export function sandboxAdminRoutes(org: OktaOrg, reset: () => void): Hono {
  const app = new Hono();
  app.use("*", loopbackOnly());
  /** What Okta writes to the System Log when an administrator makes the change in its console. */
  const logAs = (eventType: string | null, record: OktaUserRecord | undefined, groupId?: string) => {
    if (eventType && record) org.state.systemLog.append(userLogEvent(eventType, record, logActor("sandbox", record, org.state.emailDomain), groupId));
  };
  const observable = (record: OktaUserRecord, c: Context) => ({
    id: record.id,
    login: record.profile.login,
    status: record.status,
    inGroup: record.inGroup,
    roles: record.roles,
    factors: record.factors.map((factor) => ({ id: factor.id, kind: factor.kind })),
    ...record.observed,
    user: renderOktaUser(record, org.orgUrl(c)),
  });
  const loginTaken = (login: string | undefined, index?: number) => {
    const existing = login === undefined ? undefined : org.state.findUser(login);
    return existing !== undefined && existing.index !== index;
  };

  app.get("/faults", (c) => c.json(org.faults.config));
  app.put("/faults", async (c) => {
    const body = await parseJsonBody(c, faultConfigSchema);
    if ("response" in body) return body.response;
    return c.json(org.faults.configure(body.data));
  });
  app.post("/faults/expire-tokens", (c) => {
    org.faults.expireAllTokens();
    org.state.recordEvent({ type: "sandbox.tokens.expired", userId: null, actor: "sandbox", detail: {} }, nowIso());
    return c.body(null, 204);
  });
  app.post("/reset", (c) => {
    reset();
    return c.body(null, 204);
  });

  app.get("/events", (c) => {
    const since = z.coerce.number().int().min(0).catch(0).parse(c.req.query("since"));
    return c.json(org.state.eventsSince(since));
  });

  app.get("/system-log", (c) => c.json({ config: org.state.systemLog.config, events: org.state.systemLog.all() }));
  app.put("/system-log", async (c) => {
    const body = await parseJsonBody(c, systemLogConfigSchema);
    if ("response" in body) return body.response;
    return c.json(org.state.systemLog.configure(body.data));
  });

  app.get("/users/:userId", (c) => {
    const record = org.state.findUser(c.req.param("userId"));
    return record ? c.json(observable(record, c)) : c.json({ error: "not_found" }, 404);
  });
  app.post("/users", async (c) => {
    const body = await parseJsonBody(c, newUserSchema);
    if ("response" in body) return body.response;
    if (loginTaken(body.data.profile?.login)) return c.json({ error: "conflict", message: "login already in use" }, 409);
    const at = nowIso();
    const index = org.state.addUser((overlay) => applyPatch(body.data, overlay, at), at);
    if (!body.data.inGroup) org.state.removeFromGroup(index);
    const record = org.state.record(index);
    if (!record) return c.json({ error: "not_found" }, 404);
    org.state.recordEvent({ type: "sandbox.user.created", userId: record.id, actor: "sandbox", detail: {} }, at);
    logAs("user.lifecycle.create", record);
    if (record.status !== "STAGED" && record.status !== "PROVISIONED") logAs("user.lifecycle.activate", record);
    if (record.inGroup) logAs("group.user_membership.add", record, org.state.groupId);
    return c.json(observable(record, c), 201);
  });
  app.patch("/users/:userId", async (c) => {
    const body = await parseJsonBody(c, userPatchSchema);
    if ("response" in body) return body.response;
    const record = org.state.findUser(c.req.param("userId"));
    if (!record) return c.json({ error: "not_found" }, 404);
    if (loginTaken(body.data.profile?.login, record.index)) return c.json({ error: "conflict", message: "login already in use" }, 409);
    const at = nowIso();
    org.state.update(record.index, (overlay) => applyPatch(body.data, overlay, at), at);
    org.state.recordEvent({ type: "sandbox.user.updated", userId: record.id, actor: "sandbox", detail: {} }, at);
    const updated = org.state.record(record.index) ?? record;
    if (body.data.profile) logAs("user.account.update_profile", updated);
    logAs(statusChangeEventType(record.status, updated.status), updated);
    return c.json(observable(updated, c));
  });
  app.delete("/users/:userId", (c) => {
    const record = org.state.findUser(c.req.param("userId"));
    if (!record) return c.json({ error: "not_found" }, 404);
    if (record.inGroup) logAs("group.user_membership.remove", record, org.state.groupId);
    logAs("user.lifecycle.delete.initiated", record);
    org.state.deleteUser(record.index);
    org.state.recordEvent({ type: "sandbox.user.deleted", userId: record.id, actor: "sandbox", detail: {} }, nowIso());
    return c.body(null, 204);
  });
  app.put("/users/:userId/membership", (c) => {
    const record = org.state.findUser(c.req.param("userId"));
    if (!record) return c.json({ error: "not_found" }, 404);
    if (!record.inGroup) {
      org.state.addToGroup(record.index);
      org.state.recordEvent({ type: "group.user_membership.add", userId: record.id, actor: "sandbox", detail: { groupId: org.state.groupId } }, nowIso());
      logAs("group.user_membership.add", record, org.state.groupId);
    }
    return c.body(null, 204);
  });
  app.delete("/users/:userId/membership", (c) => {
    const record = org.state.findUser(c.req.param("userId"));
    if (!record) return c.json({ error: "not_found" }, 404);
    if (record.inGroup) logAs("group.user_membership.remove", record, org.state.groupId);
    org.state.removeFromGroup(record.index);
    org.state.recordEvent({ type: "group.user_membership.remove", userId: record.id, actor: "sandbox", detail: { groupId: org.state.groupId } }, nowIso());
    return c.body(null, 204);
  });

  app.route("/", idvAdminRoutes(org));

  app.get("/apps", (c) => c.json(org.apps.list().map(describeApp)));
  app.put("/apps/:clientId/keys", async (c) => {
    const clientId = clientIdSchema.safeParse(c.req.param("clientId"));
    const body = await parseJsonBody(c, publicJwksSchema);
    if ("response" in body) return body.response;
    if (!clientId.success) return c.json({ error: "invalid_request", message: "invalid client id" }, 400);
    return c.json(describeApp(org.apps.registerPublicKeys(clientId.data, body.data)));
  });
  app.put("/apps/:clientId", async (c) => {
    const clientId = clientIdSchema.safeParse(c.req.param("clientId"));
    const body = await parseJsonBody(c, serviceAppSettingsSchema.partial());
    if ("response" in body) return body.response;
    if (!clientId.success) return c.json({ error: "invalid_request", message: "invalid client id" }, 400);
    return c.json(describeApp(org.apps.configure(clientId.data, body.data)));
  });

  return app;
}
