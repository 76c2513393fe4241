import { randomBytes } from "node:crypto";
import { Hono } from "hono";
import { z } from "zod";
import { requireScope } from "@/lib/sandbox/okta/authenticate-api-request";
import { findWritableUser, parseQuery, queryFlag } from "@/lib/sandbox/okta/find-writable-user";
import { renderOktaUser } from "@/lib/sandbox/okta/map-person-to-okta-user";
import type { OktaUserStatus } from "@/lib/sandbox/okta/okta-model";
import { nowIso, type OktaApiEnv, type OktaOrg } from "@/lib/sandbox/okta/okta-org";
import { resetUserFactors } from "@/lib/sandbox/okta/reset-user-factors";

/** Statuses in which Okta accepts password operations (others: 403 E0000038). */
const PASSWORD_STATUSES: readonly OktaUserStatus[] = ["ACTIVE", "RECOVERY", "PASSWORD_EXPIRED", "LOCKED_OUT"];
const FACTOR_RESET_STATUSES: readonly OktaUserStatus[] = [...PASSWORD_STATUSES, "SUSPENDED", "PROVISIONED"];

const resetPasswordQuery = z.object({ sendEmail: queryFlag.optional(), revokeSessions: queryFlag.optional() });
const revokeSessionsQuery = z.object({ revokeSessions: queryFlag.optional() });

/** Okta-looking one-time secrets; returned once and never stored (the observable state keeps only the fact). */
function oneTimeSecret(bytes: number): string {
  return randomBytes(bytes).toString("base64url");
}

/** `POST /api/v1/users/{id}/lifecycle/*`: reset_password, expire_password(_with_temp_password), reset_factors, unlock. */
export function userLifecycleRoutes(org: OktaOrg): Hono<OktaApiEnv> {
  const app = new Hono<OktaApiEnv>();
  app.use("/users/:userId/lifecycle/*", requireScope("okta.users.manage"));
  const event = (type: string, userId: string, actor: string, detail: Record<string, string | boolean> = {}) =>
    org.state.recordEvent({ type, userId, actor, detail }, nowIso());

  app.post("/users/:userId/lifecycle/reset_password", (c) => {
    const query = parseQuery(c, resetPasswordQuery);
    if ("response" in query) return query.response;
    const target = findWritableUser(c, org, PASSWORD_STATUSES);
    if ("response" in target) return target.response;
    const { record } = target;
    const at = nowIso();
    const sendEmail = query.data.sendEmail ?? true;
    const revokeSessions = query.data.revokeSessions ?? false;
    org.state.setStatus(record.index, "RECOVERY", at);
    org.state.update(record.index, (overlay) => {
      if (sendEmail) overlay.observed.resetPasswordEmailSentAt = at;
      else overlay.observed.resetPasswordUrlIssuedAt = at;
      if (revokeSessions) overlay.observed.sessionsClearedAt = at;
    }, at);
    event("user.lifecycle.reset_password", record.id, c.var.app.clientId, { sendEmail, revokeSessions });
    if (sendEmail) return c.json({});
    return c.json({ resetPasswordUrl: `${org.orgUrl(c)}/reset_password/drp${oneTimeSecret(15)}` });
  });

  app.post("/users/:userId/lifecycle/expire_password", (c) => {
    const target = findWritableUser(c, org, PASSWORD_STATUSES);
    if ("response" in target) return target.response;
    const at = nowIso();
    org.state.setStatus(target.record.index, "PASSWORD_EXPIRED", at);
    org.state.update(target.record.index, (overlay) => (overlay.observed.passwordExpiredAt = at), at);
    event("user.lifecycle.expire_password", target.record.id, c.var.app.clientId);
    const updated = org.state.record(target.record.index) ?? target.record;
    return c.json(renderOktaUser(updated, org.orgUrl(c)));
  });

  app.post("/users/:userId/lifecycle/expire_password_with_temp_password", (c) => {
    const query = parseQuery(c, revokeSessionsQuery);
    if ("response" in query) return query.response;
    const target = findWritableUser(c, org, PASSWORD_STATUSES);
    if ("response" in target) return target.response;
    const at = nowIso();
    const revokeSessions = query.data.revokeSessions ?? false;
    org.state.setStatus(target.record.index, "PASSWORD_EXPIRED", at);
    org.state.update(target.record.index, (overlay) => {
      overlay.passwordChanged = at;
      overlay.observed.passwordExpiredAt = at;
      overlay.observed.tempPasswordIssuedAt = at;
      if (revokeSessions) overlay.observed.sessionsClearedAt = at;
    }, at);
    event("user.lifecycle.expire_password_with_temp_password", target.record.id, c.var.app.clientId, { revokeSessions });
    return c.json({ tempPassword: oneTimeSecret(9) });
  });

  app.post("/users/:userId/lifecycle/reset_factors", (c) => {
    const target = findWritableUser(c, org, FACTOR_RESET_STATUSES);
    if ("response" in target) return target.response;
    const { record } = target;
    resetUserFactors(org.state, record, nowIso());
    event("user.lifecycle.reset_factors", record.id, c.var.app.clientId);
    return c.json({});
  });

  app.post("/users/:userId/lifecycle/unlock", (c) => {
    const target = findWritableUser(c, org, ["LOCKED_OUT"], "E0000032");
    if ("response" in target) return target.response;
    const at = nowIso();
    org.state.setStatus(target.record.index, "ACTIVE", at);
    org.state.update(target.record.index, (overlay) => (overlay.observed.unlockedAt = at), at);
    event("user.lifecycle.unlock", target.record.id, c.var.app.clientId);
    return c.json({});
  });

  return app;
}
