import { Client, type RequestExecutor } from "@okta/okta-sdk-nodejs";

export const OKTA_SCOPES = ["okta.groups.read", "okta.users.manage"] as const;

/**
 * The helpdesk writes also read the target's admin roles (okta.roles.read). A separate client requests them, so a
 * connection that only syncs keeps working without granting the extra scope.
 */
export const OKTA_WRITE_SCOPES = [...OKTA_SCOPES, "okta.roles.read"] as const;

/**
 * Incremental syncs read the System Log (okta.logs.read) with a client of their own: a connection whose app lacks
 * the scope keeps syncing, with full passes only.
 */
export const OKTA_LOG_SCOPES = ["okta.logs.read"] as const;

export type OktaClientInput = {
  orgUrl: string;
  clientId: string;
  keyId: string;
  privateJwk: Record<string, unknown>;
  scopes?: readonly string[];
  /** Sends every request of this client (create-okta-transport.ts: guarded agents and deadlines). */
  requestExecutor: RequestExecutor;
};

/**
 * The official SDK client for one service app. The SDK merges ~/.okta/okta.yaml, ./okta.yaml and OKTA_CLIENT_*
 * variables into its config before applying ours (config-loader.js: defaults, then files, then env, then the
 * constructor argument). Every field it reads from that merged config is passed here explicitly, so whatever a
 * stray file or variable says is overwritten; the remaining inputs (request executor, cache, proxy) come only from
 * the constructor argument. The cache middleware is off: it would serve stale users across syncs. An
 * `https_proxy` variable is not honoured: the executor's agents replace the SDK's proxy agent, because the address
 * check must see the address actually connected to.
 */
export function createOktaClient(input: OktaClientInput): Client {
  return new Client({
    orgUrl: input.orgUrl.replace(/\/+$/, ""),
    authorizationMode: "PrivateKey",
    clientId: input.clientId,
    scopes: [...(input.scopes ?? OKTA_SCOPES)],
    // A JSON string, not the object: the SDK mutates the JWK it is given (adds `alg`).
    privateKey: JSON.stringify(input.privateJwk),
    keyId: input.keyId,
    token: "",
    cacheMiddleware: null,
    requestExecutor: input.requestExecutor,
  });
}
