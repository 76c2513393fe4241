import { ENTRA_CAPABILITIES } from "@/lib/iam/entra/entra-capabilities";
import type { ProviderCapabilities } from "@/lib/iam/identity-provider";
import { OKTA_CAPABILITIES } from "@/lib/iam/okta/okta-capabilities";

/**
 * A vendor's static capabilities, for product code that holds only a stored connection's provider (which actions
 * to offer, which reset steps to plan) and builds no adapter. Adapters expose the same object as `capabilities`.
 */
export function capabilitiesOf(provider: "ENTRA" | "OKTA"): ProviderCapabilities {
  return provider === "ENTRA" ? ENTRA_CAPABILITIES : OKTA_CAPABILITIES;
}
