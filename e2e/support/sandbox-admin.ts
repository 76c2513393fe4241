import { request } from "@playwright/test";
import { z } from "zod";
import { METHOD_TYPES } from "../../lib/sandbox/entra/tenant-state";
import type { userPatchSchema as entraUserPatchSchema } from "../../lib/sandbox/entra/sandbox-user-input";
import { OKTA_ADMIN_ROLES, OKTA_USER_STATUSES } from "../../lib/sandbox/okta/okta-model";
import type { userPatchSchema as oktaUserPatchSchema } from "../../lib/sandbox/okta/sandbox-user-input";
import { LIFECYCLES, MFA_KINDS, PRIVILEGES } from "../../lib/sandbox/shared/generate-person";

/**
 * Reading and changing the built-in sandbox tenants from e2e tests, through their loopback-only admin APIs
 * (`/_sandbox/*`, lib/sandbox/{okta,entra}/sandbox-admin-routes.ts). The sandboxes run inside the server that
 * global-setup starts (SANDBOX_*_PORT=0: free ports), which prints their URLs; global-setup passes them on as
 * E2E_OKTA_SANDBOX_URL (`http://127.0.0.1:PORT`) and E2E_ENTRA_SANDBOX_URL (`https://localhost:PORT`).
 */

type Vendor = "okta" | "entra";
const URL_ENV: Record<Vendor, string> = { okta: "E2E_OKTA_SANDBOX_URL", entra: "E2E_ENTRA_SANDBOX_URL" };

export function sandboxUrl(vendor: Vendor): string {
  const url = process.env[URL_ENV[vendor]];
  if (!url) throw new Error(`${URL_ENV[vendor]} is not set: run through \`npm test\` or \`npm run test:e2e\` (global setup starts the sandboxes).`);
  return url;
}

/** One admin call; the parsed JSON body (null when empty). Throws on any non-2xx, naming the call and the answer. */
async function callSandbox(vendor: Vendor, method: "GET" | "POST" | "PUT" | "PATCH", path: string, data?: unknown): Promise<unknown> {
  // The Entra sandbox serves https with a throwaway CA in the server's temporary data dir, which this process does
  // not know; like the browser contexts that visit its consent page, this loopback-only client skips verification.
  const api = await request.newContext({ baseURL: sandboxUrl(vendor), ignoreHTTPSErrors: vendor === "entra" });
  try {
    const response = await api.fetch(`/_sandbox${path}`, { method, ...(data === undefined ? {} : { data }) });
    const text = await response.text();
    if (!response.ok()) throw new Error(`${vendor} sandbox: ${method} /_sandbox${path} answered ${response.status()}: ${text}`);
    return text ? JSON.parse(text) : null;
  } finally {
    await api.dispose();
  }
}

const at = z.string().nullable();

// ---------------------------------------------------------------------------------------------------- Okta

const oktaUserSchema = z.object({
  id: z.string(),
  login: z.string(),
  status: z.enum(OKTA_USER_STATUSES),
  inGroup: z.boolean(),
  roles: z.array(z.enum(OKTA_ADMIN_ROLES)),
  /** Enrolled factors; `kind` is the generator's MFA kind (`authenticator_app`, `sms`, `totp`, ...). */
  factors: z.array(z.object({ id: z.string(), kind: z.enum(MFA_KINDS) })),
  passwordExpiredAt: at,
  tempPasswordIssuedAt: at,
  resetPasswordUrlIssuedAt: at,
  resetPasswordEmailSentAt: at,
  factorsResetAt: at,
  factorsRemoved: z.array(z.object({ factorId: z.string(), factorType: z.string(), at: z.string() })),
  sessionsClearedAt: at,
  oauthTokensRevokedAt: at,
  unlockedAt: at,
  /** Set when the sandbox's own recovery page changed the password after identity verification. */
  passwordRecoveredAt: at.optional(),
  /** The user as Okta's API renders it. */
  user: z.object({ id: z.string(), status: z.enum(OKTA_USER_STATUSES), profile: z.object({ login: z.string() }).loose() }).loose(),
});
export type OktaSandboxUser = z.infer<typeof oktaUserSchema>;
/**
 * `profile` fields, `status` (e.g. "LOCKED_OUT"), `roles` (e.g. ["SUPER_ADMIN"]: a privileged target) and `factors`
 * as Okta factor types ("push", "sms", "token:software:totp", "webauthn", "email", "question"); each replaces the seed's.
 */
export type OktaSandboxUserPatch = z.input<typeof oktaUserPatchSchema>;

/** The Okta sandbox's observable state of a user, by id (`00u...`) or login. */
export async function oktaSandboxUser(loginOrId: string): Promise<OktaSandboxUser> {
  return oktaUserSchema.parse(await callSandbox("okta", "GET", `/users/${encodeURIComponent(loginOrId)}`));
}

/** Changes a sandbox Okta user (as an Okta admin would in the console) and returns the new state. */
export async function setOktaSandboxUser(loginOrId: string, patch: OktaSandboxUserPatch): Promise<OktaSandboxUser> {
  return oktaUserSchema.parse(await callSandbox("okta", "PATCH", `/users/${encodeURIComponent(loginOrId)}`, patch));
}

const idvRecoverySchema = z.object({
  id: z.string(),
  userId: z.string().nullable(),
  login: z.string(),
  action: z.enum(["PASSWORD_RECOVERY", "AUTHENTICATOR_RESET"]),
  outcome: z.enum(["AUTHORISED", "REFUSED", "COMPLETED"]),
  reason: z.string().nullable(),
  at: z.string(),
  verification: z.object({ trust_framework: z.string(), assurance_level: z.string().optional(), time: z.string().optional() }).optional(),
  claimNames: z.array(z.string()).optional(),
});

/** What the sandbox org's recovery page authorised or refused after identity verification, newest first. */
export async function oktaIdvRecoveries(): Promise<z.infer<typeof idvRecoverySchema>[]> {
  return z.object({ recoveries: z.array(idvRecoverySchema) }).parse(await callSandbox("okta", "GET", "/idv-recoveries")).recoveries;
}

/**
 * Back to the seed: users, events, faults and service-app settings (scopes, role). Registered public keys survive,
 * so a connected Okta org stays connected.
 */
const oktaAppsSchema = z.array(z.object({ clientId: z.string(), settings: z.object({ scopes: z.array(z.string()) }) }));

/** Sets the API scopes granted to the sandbox org's service app; returns the ones it had, to put back. */
export async function setOktaAppScopes(scopes: string[]): Promise<string[]> {
  const [app] = oktaAppsSchema.parse(await callSandbox("okta", "GET", "/apps"));
  if (!app) throw new Error("the Okta sandbox has no service app");
  await callSandbox("okta", "PUT", `/apps/${app.clientId}`, { scopes });
  return app.settings.scopes;
}

export async function resetOktaSandbox(): Promise<void> {
  await callSandbox("okta", "POST", "/reset");
}

// ---------------------------------------------------------------------------------------------------- Entra

const entraUserSchema = z.object({
  id: z.string(),
  index: z.number(),
  userPrincipalName: z.string(),
  deleted: z.enum(["soft", "permanent"]).nullable(),
  membership: z.enum(["direct", "nested"]).nullable(),
  privilege: z.enum(PRIVILEGES),
  /** Directory role display names, e.g. ["Global Administrator"]; empty for an ordinary employee. */
  directoryRoles: z.array(z.string()),
  lifecycle: z.enum(LIFECYCLES),
  /** Set through Graph (never the password itself). */
  password: z.object({ set: z.boolean(), forceChangePasswordNextSignIn: z.boolean().nullable(), setAt: at }),
  /** MFA methods still registered (the password and a TAP are not listed here). */
  methods: z.array(z.object({ type: z.enum(METHOD_TYPES), id: z.string() })),
  removedMethods: z.array(z.object({ type: z.enum(METHOD_TYPES), id: z.string(), removedAt: z.string() })),
  sessionsRevokedAt: at,
  /** The live Temporary Access Pass, with its value (the sandbox shows it so tests can compare). */
  temporaryAccessPass: z
    .object({ id: z.string(), temporaryAccessPass: z.string(), createdDateTime: z.string(), startDateTime: z.string(), lifetimeInMinutes: z.number(), isUsableOnce: z.boolean() })
    .nullable(),
  /** The user as Graph renders it (all fields the sandbox knows), e.g. `accountEnabled`. */
  user: z.object({ id: z.string(), userPrincipalName: z.string(), accountEnabled: z.boolean() }).loose(),
});
export type EntraSandboxUser = z.infer<typeof entraUserSchema>;
/**
 * Generator fields: profile (`givenName`, `city`, ...), `privilege` ("helpdesk_admin" | "user_admin" |
 * "privileged_admin" | "global_admin": a directory role; "none"), `lifecycle` ("disabled", "locked_out", ...) and
 * `mfa` (MFA kinds, replaces the seed's).
 */
export type EntraSandboxUserPatch = z.input<typeof entraUserPatchSchema>;

/** The Entra sandbox's observable state of a user, by object id or user principal name. */
export async function entraSandboxUser(upnOrId: string): Promise<EntraSandboxUser> {
  return entraUserSchema.parse(await callSandbox("entra", "GET", `/users/${encodeURIComponent(upnOrId)}`));
}

/** Changes a sandbox Entra user and returns the new state. */
export async function setEntraSandboxUser(upnOrId: string, patch: EntraSandboxUserPatch): Promise<EntraSandboxUser> {
  return entraUserSchema.parse(await callSandbox("entra", "PATCH", `/users/${encodeURIComponent(upnOrId)}`, patch));
}

const entraAppsSchema = z.array(z.object({ clientId: z.string(), redirectUris: z.array(z.url()), grantedPermissions: z.array(z.string()).nullable() }).loose());

/**
 * Back to the seed: users, events, faults and the app registration. A bare sandbox reset also revokes admin consent
 * and forgets the console's redirect URI (registered at server start, on a free port), which would break a connected
 * tenant; both are put back as they were, so only what a test changed (users, directory role, faults) is undone.
 */
export async function resetEntraSandbox(): Promise<void> {
  const before = entraAppsSchema.parse(await callSandbox("entra", "GET", "/apps"));
  await callSandbox("entra", "POST", "/reset");
  const after = new Set(entraAppsSchema.parse(await callSandbox("entra", "GET", "/apps")).map((app) => app.clientId));
  for (const app of before.filter((candidate) => after.has(candidate.clientId))) {
    await callSandbox("entra", "PUT", `/apps/${app.clientId}/redirect-uris`, { redirectUris: app.redirectUris });
    await callSandbox("entra", "PUT", `/apps/${app.clientId}/granted-permissions`, { permissions: app.grantedPermissions });
  }
}
