import http from "node:http";
import https from "node:https";
import { rootCertificates } from "node:tls";
import { assertOutboundUrl, createGuardedLookup, type OutboundPolicy } from "@/lib/iam/outbound/outbound-policy";

/**
 * CA certificates trusted on top of the defaults. Production never sets any: the sandbox CLI starts Node with
 * NODE_EXTRA_CA_CERTS, which the default trust store already includes. A test process cannot restart itself, so
 * its harness registers the throwaway sandbox CA here (see lib/sandbox/entra/entra-test-harness.ts).
 */
const extraCaCertificates: string[] = [];

export function trustExtraCaCertificate(pem: string): void {
  if (!extraCaCertificates.includes(pem)) extraCaCertificates.push(pem);
}

export type OutboundAgents = {
  http: http.Agent;
  https: https.Agent;
  /** node-fetch's `agent` option: checks every URL it is about to connect to (redirects included), then picks the agent. */
  forUrl(url: { href: string }): http.Agent;
};

/** Keep-alive agents whose sockets resolve names through the guarded lookup of `policy`. */
export function createOutboundAgents(policy: OutboundPolicy): OutboundAgents {
  const lookup = createGuardedLookup(policy);
  const httpAgent = new http.Agent({ keepAlive: true, lookup });
  const httpsAgent = new https.Agent({ keepAlive: true, lookup, ...(extraCaCertificates.length > 0 ? { ca: [...rootCertificates, ...extraCaCertificates] } : {}) });
  return {
    http: httpAgent,
    https: httpsAgent,
    forUrl: (url) => {
      // node-fetch hands over a legacy url.parse() object, WHATWG callers a URL: both carry href.
      const checked = assertOutboundUrl(url.href, policy);
      return checked.protocol === "http:" ? httpAgent : httpsAgent;
    },
  };
}
