import { getServerEnv } from "@/lib/config/server-env";
import { idvEndpoints } from "@/lib/idv/protocol/idv-endpoints";

/** This installation's issuer identifier: `${APP_URL}/idv`. */
export function idvIssuer(): string {
  return idvEndpoints(getServerEnv().APP_URL).issuer;
}
