import type { Context, MiddlewareHandler } from "hono";
import { z } from "zod";

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);
const nodeBindingsSchema = z.object({ incoming: z.object({ socket: z.object({ remoteAddress: z.string().optional() }) }) });

/** The admin API changes the org at will: only callers on this machine may use it, whatever the bind address. */
export function loopbackOnly(): MiddlewareHandler {
  return async (c, next) => {
    const bindings = nodeBindingsSchema.safeParse(c.env);
    // No Node socket means an in-process `app.request()`, which is local by construction.
    const address = bindings.success ? bindings.data.incoming.socket.remoteAddress : undefined;
    if (address !== undefined && !LOOPBACK.has(address)) return c.json({ error: "forbidden", message: "The sandbox admin API only answers loopback callers." }, 403);
    await next();
  };
}

/** A JSON body parsed with `schema`, or the 400 answer listing each problem (never echoing the values). */
export async function parseJsonBody<Schema extends z.ZodType>(c: Context, schema: Schema): Promise<{ data: z.output<Schema> } | { response: Response }> {
  const parsed = schema.safeParse(await c.req.json().catch(() => undefined));
  if (parsed.success) return { data: parsed.data };
  return { response: c.json({ error: "invalid_request", issues: parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })) }, 400) };
}
