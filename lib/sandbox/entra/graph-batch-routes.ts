import { Hono } from "hono";
import { z } from "zod";
import type { GraphEnv } from "@/lib/sandbox/entra/graph-auth";
import { badRequest } from "@/lib/sandbox/entra/graph-errors";

/** Graph's limit: "JSON batch requests are currently limited to 20 individual requests" (json-batching.md). */
export const MAX_BATCH_REQUESTS = 20;

const batchSchema = z.object({
  requests: z.array(
    z.object({
      id: z.string().min(1),
      method: z.enum(["GET", "POST", "PATCH", "PUT", "DELETE"]),
      url: z.string().min(1),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
      dependsOn: z.array(z.string()).optional(),
    }),
  ),
});

/** One request of a batch, sent back into the sandbox's own Graph (same auth, permissions and faults). */
export type BatchDispatch = (request: Request) => Promise<Response>;

async function bodyOf(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * `POST /$batch` (JSON batching). Each request is dispatched on its own through the Graph app, with the batch's
 * bearer token and client-request-id, so it is authorised, permission-checked and counted by the fault injector
 * individually: "Requests in a batch are evaluated individually against throttling limits and if any request
 * exceeds the limits, it fails with a status of 429" with its own Retry-After (throttling.md, "Throttling and
 * batching"). The envelope is 200 whenever the batch parses (json-batching.md); throttling.md also mentions a
 * 424 for the batch itself, which the JSON batching reference does not: the sandbox follows the reference.
 * Limits: more than 20 requests or a duplicate id is a 400; `dependsOn` is refused (the sandbox runs requests in
 * parallel only); absolute URLs are refused per request.
 */
export function createGraphBatchRoutes(dispatch: BatchDispatch, prefix: string): Hono<GraphEnv> {
  const app = new Hono<GraphEnv>();
  app.post("/$batch", async (c) => {
    const parsed = batchSchema.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return badRequest(c, "Invalid batch payload format.");
    const { requests } = parsed.data;
    if (requests.length === 0) return badRequest(c, "Invalid batch payload format: no requests.");
    if (requests.length > MAX_BATCH_REQUESTS) return badRequest(c, `The number of requests in a batch exceeds the limit of ${MAX_BATCH_REQUESTS}.`);
    const ids = new Set(requests.map((request) => request.id.toLowerCase()));
    if (ids.size !== requests.length) return badRequest(c, "The batch contains duplicate request ids.");
    if (requests.some((request) => request.dependsOn?.length)) return badRequest(c, "The sandbox does not support dependsOn in batches.");

    const base = new URL(c.req.url);
    const responses = await Promise.all(
      requests.map(async (request) => {
        if (/^https?:/i.test(request.url) || /^\/*\$batch/i.test(request.url)) {
          return { id: request.id, status: 400, headers: { "Content-Type": "application/json" }, body: { error: { code: "BadRequest", message: "Invalid request URL: a batched request's url is relative to the version, and batches do not nest." } } };
        }
        const headers = new Headers(request.headers);
        headers.set("authorization", c.req.header("authorization") ?? "");
        const clientRequestId = c.req.header("client-request-id");
        if (clientRequestId) headers.set("client-request-id", clientRequestId);
        if (request.body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
        const url = new URL(`${prefix}/${request.url.replace(/^\/+/, "")}`, base.origin);
        const response = await dispatch(new Request(url, { method: request.method, headers, body: request.body === undefined ? undefined : JSON.stringify(request.body) }));
        const body = await bodyOf(response);
        return { id: request.id, status: response.status, headers: Object.fromEntries(response.headers.entries()), ...(body === undefined ? {} : { body }) };
      }),
    );
    return c.json({ responses });
  });
  return app;
}
