import { checkEntraAuthorityHost, checkGraphBaseUrl } from "@/lib/iam/entra/entra-endpoints";
import type { EntraSettings } from "@/lib/iam/entra/entra-settings";
import { createOutboundAgents } from "@/lib/iam/outbound/outbound-agents";
import { OutboundBlockedError } from "@/lib/iam/outbound/outbound-errors";
import { createOutboundFetch, type OutboundFetch } from "@/lib/iam/outbound/outbound-fetch";
import { createOutboundPolicy, type ProviderOutbound } from "@/lib/iam/outbound/outbound-policy";

/**
 * How the Entra adapter reaches the identity platform and Graph: one guarded fetch each, limited to that
 * endpoint's origin. The stored URLs are checked again here (a row saved before the check, or edited in the
 * database); a refused one yields `refusal` and fetches that reject without connecting.
 */
export type EntraTransport = { tokenFetch: OutboundFetch; graphFetch: OutboundFetch; refusal: string | null };

export function createEntraTransport(settings: Pick<EntraSettings, "authorityHost" | "graphBaseUrl">, outbound: ProviderOutbound): EntraTransport {
  const authority = checkEntraAuthorityHost(settings.authorityHost, outbound.sandboxOrigins);
  const graph = checkGraphBaseUrl(settings.graphBaseUrl, outbound.sandboxOrigins);
  const refusal = !authority.ok ? `The identity platform host is not allowed: ${authority.message}` : !graph.ok ? `The Graph URL is not allowed: ${graph.message}` : null;
  if (!authority.ok || !graph.ok) {
    const refuse: OutboundFetch = () => Promise.reject(new OutboundBlockedError(refusal ?? "Endpoint not allowed."));
    return { tokenFetch: refuse, graphFetch: refuse, refusal };
  }
  const fetchFor = (origin: string, sandbox: boolean) => {
    const policy = createOutboundPolicy({ ...outbound, allowedOrigins: [origin], allowLoopback: sandbox });
    return createOutboundFetch(policy, createOutboundAgents(policy));
  };
  return { tokenFetch: fetchFor(authority.origin, authority.sandbox), graphFetch: fetchFor(graph.origin, graph.sandbox), refusal: null };
}
