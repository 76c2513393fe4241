import { DefaultRequestExecutor, RequestExecutor } from "@okta/okta-sdk-nodejs";
import type { RequestOptions } from "@okta/okta-sdk-nodejs/src/types/request-options";
import { checkOktaOrgUrl } from "@/lib/iam/okta/okta-org-url";
import { createOutboundAgents, type OutboundAgents } from "@/lib/iam/outbound/outbound-agents";
import { createOutboundPolicy, type ProviderOutbound, type OutboundPolicy } from "@/lib/iam/outbound/outbound-policy";

/**
 * The SDK's executor (429 handling, retry headers) with two additions on every request it sends, token calls,
 * API calls and paging links alike: the connection's guarded agents, which refuse any origin but the org's and
 * any non-public address, and a deadline per attempt (the SDK has none by default; its `requestTimeout` is a
 * budget that would also cut short the waits for a rate-limit reset).
 */
class GuardedRequestExecutor extends DefaultRequestExecutor {
  constructor(
    private readonly agents: OutboundAgents,
    private readonly policy: OutboundPolicy,
  ) {
    super({ maxRetries: 2, requestTimeout: 0 });
  }

  override fetch(request: RequestOptions) {
    request.startTime ??= new Date();
    // node-fetch calls the function for each URL it connects to, redirects included; a refusal rejects the call.
    // node-fetch v2's own `timeout` option (connect to headers, then again for the body); its typings are not
    // installed, so the SDK's RequestOptions does not list it and Object.assign adds it.
    const attempt: RequestOptions = Object.assign({}, request, { agent: (url: { href: string }) => this.agents.forUrl(url), timeout: this.policy.timeoutMs });
    return RequestExecutor.prototype.fetch.call(this, attempt).then((response) => this.parseResponse(request, response));
  }
}

export type OktaTransport = { requestExecutor: RequestExecutor } | { refusal: string };

/** Checks the stored org URL again (a row saved before the check, or edited in the database) and builds the executor. */
export function createOktaTransport(settings: { orgUrl: string; customDomainConfirmed: boolean }, outbound: ProviderOutbound): OktaTransport {
  const org = checkOktaOrgUrl(settings.orgUrl, { customDomainConfirmed: settings.customDomainConfirmed, sandboxOrigins: outbound.sandboxOrigins });
  if (!org.ok) return { refusal: `The Okta org URL is not allowed: ${org.message}` };
  const policy = createOutboundPolicy({ ...outbound, allowedOrigins: [org.origin], allowLoopback: org.sandbox });
  return { requestExecutor: new GuardedRequestExecutor(createOutboundAgents(policy), policy) };
}
