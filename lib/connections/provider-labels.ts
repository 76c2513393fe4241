import type { IdentityProvider } from "@/lib/iam/identity-provider";

/** How the console names each identity provider: display only, behaviour follows the port's capabilities. */
export const PROVIDER_LABELS: Record<IdentityProvider["provider"], string> = {
  ENTRA: "Microsoft Entra ID",
  OKTA: "Okta",
};
