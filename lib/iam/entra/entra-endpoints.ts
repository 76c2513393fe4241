import { checkEndpointUrl, type EndpointCheck, type SandboxOriginsRule } from "@/lib/iam/outbound/check-endpoint-url";

/**
 * Microsoft identity platform hosts of the national clouds (global, US Government, China operated by 21Vianet:
 * both its hosts). login.microsoftonline.de (Microsoft Cloud Germany) was retired in 2021.
 */
export const ENTRA_AUTHORITY_HOSTS = ["login.microsoftonline.com", "login.microsoftonline.us", "login.chinacloudapi.cn", "login.partner.microsoftonline.cn"] as const;

/** Microsoft Graph roots of the national clouds (global, US Government L4 and L5/DoD, China). */
export const GRAPH_HOSTS = ["graph.microsoft.com", "graph.microsoft.us", "dod-graph.microsoft.us", "microsoftgraph.chinacloudapi.cn"] as const;

const listed = (hosts: readonly string[]) => (hostname: string) => hosts.includes(hostname.toLowerCase());

/** The identity platform host: a national cloud's, or the built-in sandbox tenant's while it runs. */
export function checkEntraAuthorityHost(value: string, sandboxOrigins: SandboxOriginsRule): EndpointCheck {
  return checkEndpointUrl(value, {
    label: "The identity platform host",
    acceptsHost: listed(ENTRA_AUTHORITY_HOSTS),
    sandboxOrigins,
    example: "https://login.microsoftonline.com",
    refusedHost: (host) => `${host} is not a Microsoft identity platform host (${ENTRA_AUTHORITY_HOSTS.join(", ")}).`,
  });
}

/** The Graph root: a national cloud's, or the built-in sandbox tenant's while it runs. */
export function checkGraphBaseUrl(value: string, sandboxOrigins: SandboxOriginsRule): EndpointCheck {
  return checkEndpointUrl(value, {
    label: "The Graph URL",
    acceptsHost: listed(GRAPH_HOSTS),
    sandboxOrigins,
    example: "https://graph.microsoft.com",
    refusedHost: (host) => `${host} is not a Microsoft Graph host (${GRAPH_HOSTS.join(", ")}).`,
  });
}
