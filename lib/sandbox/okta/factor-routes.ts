import { Hono } from "hono";
import { z } from "zod";
import type { MfaKind } from "@/lib/sandbox/shared/generate-person";
import { requireScope } from "@/lib/sandbox/okta/authenticate-api-request";
import { findWritableUser, parseQuery, queryFlag } from "@/lib/sandbox/okta/find-writable-user";
import type { OktaUserRecord } from "@/lib/sandbox/okta/map-person-to-okta-user";
import { FACTOR_FOR_MFA } from "@/lib/sandbox/okta/okta-model";
import { oktaError } from "@/lib/sandbox/okta/okta-errors";
import { nowIso, type OktaApiEnv, type OktaOrg } from "@/lib/sandbox/okta/okta-org";

const sessionsQuery = z.object({ oauthTokens: queryFlag.optional(), forgetDevices: queryFlag.optional() });

function factorProfile(kind: MfaKind, record: OktaUserRecord): Record<string, string | null> {
  switch (kind) {
    case "authenticator_app":
      return { credentialId: record.profile.login, deviceType: "SmartPhone_IPhone", name: "iPhone", platform: "IOS", version: "17.5" };
    case "sms":
      return { phoneNumber: record.profile.mobilePhone ?? record.profile.primaryPhone };
    case "totp":
      return { credentialId: record.profile.login };
    case "fido2":
      return { credentialId: `fido-${record.id}`, authenticatorName: "YubiKey 5 NFC" };
    case "email":
      return { email: record.profile.email ?? record.profile.login };
    case "security_question":
      return { question: "disliked_food", questionText: "What is the food you least liked as a child?" };
  }
}

function renderFactor(record: OktaUserRecord, factor: OktaUserRecord["factors"][number], orgUrl: string) {
  const kind = FACTOR_FOR_MFA[factor.kind];
  const user = `${orgUrl}/api/v1/users/${record.id}`;
  return {
    id: factor.id,
    factorType: kind.factorType,
    provider: kind.provider,
    vendorName: kind.vendorName,
    status: "ACTIVE",
    created: record.dates.activated ?? record.dates.created,
    lastUpdated: record.dates.activated ?? record.dates.created,
    profile: factorProfile(factor.kind, record),
    _links: { self: { href: `${user}/factors/${factor.id}`, hints: { allow: ["GET", "DELETE"] } }, user: { href: user } },
  };
}

/** Enrolled factors (list, unenroll) and `DELETE /api/v1/users/{id}/sessions`. */
export function factorRoutes(org: OktaOrg): Hono<OktaApiEnv> {
  const app = new Hono<OktaApiEnv>();

  app.get("/users/:userId/factors", requireScope("okta.users.read"), (c) => {
    const record = org.state.findUser(c.req.param("userId"));
    if (!record) return oktaError(c, "E0000007", [], `Not found: Resource not found: ${c.req.param("userId")} (User)`);
    const orgUrl = org.orgUrl(c);
    return c.json(record.factors.map((factor) => renderFactor(record, factor, orgUrl)));
  });

  app.delete("/users/:userId/factors/:factorId", requireScope("okta.users.manage"), (c) => {
    const target = findWritableUser(c, org, "any");
    if ("response" in target) return target.response;
    const { record } = target;
    const factor = record.factors.find((candidate) => candidate.id === c.req.param("factorId"));
    if (!factor) return oktaError(c, "E0000007", [], `Not found: Resource not found: ${c.req.param("factorId")} (UserFactor)`);
    const at = nowIso();
    const factorType = FACTOR_FOR_MFA[factor.kind].factorType;
    org.state.update(record.index, (overlay) => {
      overlay.mfa = record.factors.filter((candidate) => candidate.id !== factor.id).map((candidate) => candidate.kind);
      overlay.observed.factorsRemoved.push({ factorId: factor.id, factorType, at });
    }, at);
    org.state.recordEvent({ type: "user.mfa.factor.deactivate", userId: record.id, actor: c.var.app.clientId, detail: { factorId: factor.id, factorType } }, at);
    return c.body(null, 204);
  });

  app.delete("/users/:userId/sessions", requireScope("okta.users.manage"), (c) => {
    const query = parseQuery(c, sessionsQuery);
    if ("response" in query) return query.response;
    const target = findWritableUser(c, org, "any");
    if ("response" in target) return target.response;
    const at = nowIso();
    const oauthTokens = query.data.oauthTokens ?? false;
    org.state.update(target.record.index, (overlay) => {
      overlay.observed.sessionsClearedAt = at;
      if (oauthTokens) overlay.observed.oauthTokensRevokedAt = at;
    }, at);
    org.state.recordEvent({ type: "user.session.clear", userId: target.record.id, actor: c.var.app.clientId, detail: { oauthTokens } }, at);
    return c.body(null, 204);
  });

  return app;
}
