import type { Client } from "@okta/okta-sdk-nodejs";
import { z } from "zod";
import type { ConnectionProblem, ConnectionTestResult } from "@/lib/iam/identity-provider";
import { ProviderError } from "@/lib/iam/identity-provider";
import { OKTA_SCOPES } from "@/lib/iam/okta/create-okta-client";
import { fetchOktaMembersPage } from "@/lib/iam/okta/fetch-okta-members-page";
import { mapOktaTransportError } from "@/lib/iam/okta/map-okta-error";
import { readOktaLogPosition } from "@/lib/iam/okta/read-okta-log-position";

const tokenSchema = z.object({ access_token: z.string().min(1), token_type: z.string() });
const tokenErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

const TOKEN_PROBLEMS: Record<string, { problem: ConnectionProblem; message: string }> = {
  invalid_client: {
    problem: "invalid_client",
    message: "Okta rejected the service app's credentials: check the client id and that the public key shown in Settings is registered on the app (Public key / Private key client authentication).",
  },
  invalid_scope: {
    problem: "missing_permission",
    message: `The service app lacks an API scope: grant ${OKTA_SCOPES.join(" and ")} on its Okta API Scopes tab.`,
  },
  consent_required: {
    problem: "missing_permission",
    message: `The service app's API scopes are not granted: grant ${OKTA_SCOPES.join(" and ")} on its Okta API Scopes tab.`,
  },
  invalid_dpop_proof: {
    problem: "dpop_required",
    message: "Okta requires a DPoP proof the product could not provide: check that the registered public key matches the active key in Settings, or turn off \"Require DPoP\" for the app.",
  },
  use_dpop_nonce: {
    problem: "dpop_required",
    message: "Okta kept asking for a new DPoP nonce: check the app's \"Require Demonstrating Proof of Possession (DPoP)\" setting and the server clock.",
  },
};

/**
 * The SDK swallows token errors (it parses the error body as if it were a token, then calls the API with
 * `Bearer undefined` and reports Okta's 401). So the token is requested here first through the SDK's own
 * OAuth helper (same assertion and DPoP handling), and an error body is read for the precise reason.
 */
async function checkToken(client: Client): Promise<{ problem: ConnectionProblem; message: string } | null> {
  let body: unknown;
  try {
    body = await client.oauth.getAccessToken();
  } catch (error) {
    const mapped = mapOktaTransportError(error);
    if (mapped.options.problem === "endpoint_not_allowed") return { problem: "endpoint_not_allowed", message: mapped.message };
    return { problem: "unreachable", message: "Okta's token endpoint could not be reached: check the org URL (https://your-org.okta.com) and the network." };
  }
  if (tokenSchema.safeParse(body).success) return null;
  // The SDK cached the error body as if it were a token; drop it so the next call asks again.
  client.oauth.clearCachedAccessToken();
  return describeOktaTokenError(body);
}

/** What the admin must fix, from the token endpoint's `{error, error_description}` body. */
export function describeOktaTokenError(body: unknown): { problem: ConnectionProblem; message: string } {
  const failure = tokenErrorSchema.safeParse(body);
  if (!failure.success) return { problem: "unknown", message: "Okta's token endpoint answered something the product does not understand: check the org URL." };
  const known = TOKEN_PROBLEMS[failure.data.error];
  if (known) return known;
  return { problem: "unknown", message: `Okta refused the token request (${failure.data.error}).` };
}

export const LOGS_SCOPE_WARNING = "The service app cannot read Okta's System Log: every sync is a full pass. Grant okta.logs.read on its Okta API Scopes tab for incremental syncs.";

/** Whether incremental syncs can work: one small System Log read with the log client (its own token and scope). */
async function logWarnings(getLogClient: (() => Client) | undefined, orgUrl: string): Promise<string[]> {
  if (!getLogClient) return [];
  const position = await readOktaLogPosition(getLogClient(), orgUrl).catch(() => null);
  return position ? [] : [LOGS_SCOPE_WARNING];
}

/**
 * Token + one member of the group; every failure becomes what the admin must fix. Never throws. A missing
 * okta.logs.read is a warning: the connection works, with full passes only.
 */
export async function testOktaConnection(input: { getClient: () => Client; getLogClient?: () => Client; orgUrl: string; groupId: string }): Promise<ConnectionTestResult> {
  try {
    const client = input.getClient();
    const tokenProblem = await checkToken(client);
    if (tokenProblem) return { ok: false, ...tokenProblem };
    const page = await fetchOktaMembersPage({ client, orgUrl: input.orgUrl, groupId: input.groupId, cursor: null, limit: 1 });
    const sample = page.employees[0];
    return {
      ok: true,
      memberSample: sample ? { login: sample.login, firstName: sample.firstName, lastName: sample.lastName } : null,
      expectedTotal: null,
      warnings: await logWarnings(input.getLogClient, input.orgUrl),
    };
  } catch (error) {
    if (error instanceof ProviderError) {
      const problem = error.options.problem ?? (error.options.retryable ? "unreachable" : "unknown");
      return { ok: false, problem, message: error.message };
    }
    return { ok: false, problem: "unknown", message: "The connection test failed unexpectedly; check the Okta settings." };
  }
}
