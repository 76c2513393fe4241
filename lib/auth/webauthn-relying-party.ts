import "server-only";
import { getServerEnv } from "@/lib/config/server-env";

export type RelyingParty = { id: string; name: string; origin: string };

/**
 * The WebAuthn relying party, from APP_URL alone: the RP ID is its host name and the only accepted origin is its
 * origin, so a passkey made for this console is refused on any other site (and the reverse).
 */
export function relyingParty(): RelyingParty {
  const url = new URL(getServerEnv().APP_URL);
  return { id: url.hostname, name: "verifyd console", origin: url.origin };
}
