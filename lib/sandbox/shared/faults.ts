import type { Context, MiddlewareHandler } from "hono";
import { z } from "zod";

/** Faults a sandbox tenant injects into its own API, switchable at run time through `PUT /_sandbox/faults`. */
export const faultConfigSchema = z.object({
  /** Added to every API request (once for a JSON batch: its requests are served inside the service). */
  latencyMs: z.number().int().min(0).max(60_000).default(0),
  /** Every Nth API request is throttled (429 in the vendor's format). 0 = never. */
  rateLimitEvery: z.number().int().min(0).default(0),
  /** Every Nth API request fails with 503 in the vendor's format. 0 = never. */
  serverErrorEvery: z.number().int().min(0).default(0),
  /** Every Nth API request has its connection dropped without a response. 0 = never. */
  dropConnectionEvery: z.number().int().min(0).default(0),
});
export type FaultConfig = z.infer<typeof faultConfigSchema>;

export type FaultResponses = {
  throttled(c: Context): Response | Promise<Response>;
  serverError(c: Context): Response | Promise<Response>;
};

type NodeBindings = { incoming?: { socket?: { destroy(): void } } };

/** Per-tenant fault state. `tokensNotBefore` lets tests expire every token issued so far. */
export class FaultInjector {
  config: FaultConfig = faultConfigSchema.parse({});
  tokensNotBefore = 0;
  private calls = 0;
  /** Requests dispatched from inside a JSON batch: throttled and failed on their own, but no round trip of their own. */
  private readonly batchItems = new WeakSet<Request>();

  /** Marks a request the sandbox dispatches itself for a batch: the batch already paid the latency. */
  asBatchItem(request: Request): Request {
    this.batchItems.add(request);
    return request;
  }

  configure(input: unknown): FaultConfig {
    this.config = faultConfigSchema.parse(input);
    this.calls = 0;
    return this.config;
  }

  /** Tokens issued (iat, seconds) before this moment are answered as expired. */
  expireAllTokens(): void {
    this.tokensNotBefore = Math.floor(Date.now() / 1000) + 1;
  }

  reset(): void {
    this.config = faultConfigSchema.parse({});
    this.tokensNotBefore = 0;
    this.calls = 0;
  }

  /** Hono middleware for a tenant's API routes (not its /_sandbox admin routes). */
  middleware(responses: FaultResponses): MiddlewareHandler {
    return async (c, next) => {
      const { latencyMs, rateLimitEvery, serverErrorEvery, dropConnectionEvery } = this.config;
      this.calls += 1;
      const call = this.calls;
      if (latencyMs > 0 && !this.batchItems.has(c.req.raw)) await new Promise((resolve) => setTimeout(resolve, latencyMs));
      if (dropConnectionEvery > 0 && call % dropConnectionEvery === 0) {
        (c.env as NodeBindings | undefined)?.incoming?.socket?.destroy();
        return new Response(null, { status: 499 });
      }
      if (rateLimitEvery > 0 && call % rateLimitEvery === 0) return responses.throttled(c);
      if (serverErrorEvery > 0 && call % serverErrorEvery === 0) return responses.serverError(c);
      await next();
    };
  }
}
