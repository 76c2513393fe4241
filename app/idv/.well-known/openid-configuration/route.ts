import { getServerEnv } from "@/lib/config/server-env";
import { discoveryDocument } from "@/lib/idv/protocol/discovery-document";

export const dynamic = "force-dynamic";

/** OpenID Connect Discovery 1.0 for the identity verification provider. */
export async function GET(): Promise<Response> {
  return Response.json(discoveryDocument(getServerEnv().APP_URL), { headers: { "cache-control": "public, max-age=3600" } });
}
