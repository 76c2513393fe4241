import { buildOpenApiDocument } from "@/lib/api/v1/build-openapi-document";
import { getServerEnv } from "@/lib/config/server-env";

/** The API's description, public like any API reference: it holds no data and no secret. */
export function GET(): Response {
  return Response.json(buildOpenApiDocument(getServerEnv().APP_URL), { headers: { "Cache-Control": "public, max-age=300" } });
}
