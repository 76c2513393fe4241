import { checkEndpointUrl, type EndpointCheck, type SandboxOriginsRule } from "@/lib/iam/outbound/check-endpoint-url";

/** The domains Okta serves orgs from: commercial, preview, EMEA cell, Okta for Government, US DoD. */
export const OKTA_DOMAINS = ["okta.com", "oktapreview.com", "okta-emea.com", "okta-gov.com", "okta.mil"] as const;

/** One org label under an Okta domain: acme.okta.com, acme.oktapreview.com (not acme-admin: that is the admin console). */
export function isOktaHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return OKTA_DOMAINS.some((domain) => {
    if (!host.endsWith(`.${domain}`)) return false;
    const label = host.slice(0, -domain.length - 1);
    return /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(label) && !label.endsWith("-admin");
  });
}

/**
 * A DNS name with at least two labels and an alphabetic top-level label, so never an IP literal: what an Okta
 * custom URL domain can be. (No node:net here: the settings form runs this in the browser too.)
 */
function isDomainName(hostname: string): boolean {
  return /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(hostname);
}

const OKTA_CUSTOM_DOMAIN_HINT = "If it is your Okta org's custom URL domain, confirm it as such.";

/**
 * The org URL: an org on an Okta domain; a custom URL domain only when the admin confirmed it is theirs (it
 * is still called over https on public addresses only); the built-in sandbox org while it runs.
 */
export function checkOktaOrgUrl(value: string, rule: { customDomainConfirmed: boolean; sandboxOrigins: SandboxOriginsRule }): EndpointCheck {
  return checkEndpointUrl(value, {
    label: "The org URL",
    acceptsHost: (host) => isOktaHost(host) || (rule.customDomainConfirmed && isDomainName(host)),
    sandboxOrigins: rule.sandboxOrigins,
    example: "https://acme.okta.com",
    refusedHost: (host) =>
      /-admin\./i.test(host)
        ? "Use the org URL, not the admin console's (drop -admin)."
        : isDomainName(host)
          ? `${host} is not an Okta domain (${OKTA_DOMAINS.join(", ")}). ${OKTA_CUSTOM_DOMAIN_HINT}`
          : `${host} is not an Okta org host.`,
  });
}
