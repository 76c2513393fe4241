import { publishedKeySet } from "@/lib/idv/keys/signing-keys";

export const dynamic = "force-dynamic";

/** The ID token signing keys (current and recently retired). Cached briefly: rotation shows within minutes. */
export async function GET(): Promise<Response> {
  return Response.json(await publishedKeySet(), { headers: { "cache-control": "public, max-age=300", "content-type": "application/jwk-set+json" } });
}
