import { Client, type Context, GraphError, type Middleware, MiddlewareFactory } from "@microsoft/microsoft-graph-client";
import { ProviderError } from "@/lib/iam/identity-provider";
import type { EntraSettings } from "@/lib/iam/entra/entra-settings";
import type { EntraTokenSource } from "@/lib/iam/entra/request-entra-token";
import type { EntraTransport } from "@/lib/iam/entra/create-entra-transport";
import type { OutboundFetch } from "@/lib/iam/outbound/outbound-fetch";
import { mapGraphError } from "@/lib/iam/entra/map-graph-error";

export type GraphCaller = {
  /** GETs a Graph path ("/groups/…") or an absolute link Graph gave us (nextLink, deltaLink) and returns its JSON. */
  get(pathOrLink: string, options?: { headers?: Record<string, string>; what?: "group" | "user" | "delta" }): Promise<unknown>;
  /**
   * A write to a Graph path. Throws what the SDK throws (after the 401 retry), unmapped: only the caller knows
   * which permission the write needed and whether a 404 means "already gone".
   */
  send(method: "PATCH" | "POST" | "DELETE", path: string, body?: unknown): Promise<unknown>;
  graphOrigin: string;
};

/** The last link of the SDK's chain: sends through the connection's guarded fetch instead of the global one. */
class GuardedHttpMessageHandler implements Middleware {
  constructor(private readonly send: OutboundFetch) {}

  async execute(context: Context): Promise<void> {
    context.response = await this.send(typeof context.request === "string" ? context.request : context.request.url, context.options);
  }
}

/**
 * The SDK's default chain (auth, retry, redirect, telemetry) ending in our handler. The redirect handler follows
 * at most 5 hops and each hop comes back through our handler, so a redirect off the Graph origin is refused.
 */
function graphMiddleware(tokens: EntraTokenSource, send: OutboundFetch): Middleware[] {
  const chain = MiddlewareFactory.getDefaultMiddlewareChain({ getAccessToken: () => tokens.get() });
  return [...chain.slice(0, -1), new GuardedHttpMessageHandler(send)];
}

/**
 * The official Graph client with our token source, plus the one-time retry on 401 (a token revoked or expired
 * early: get a fresh one and try again). Token errors surface as the token source's ProviderError.
 */
export function createGraphCaller(settings: EntraSettings, tokens: EntraTokenSource, transport: EntraTransport): GraphCaller {
  const base = new URL(settings.graphBaseUrl);
  const client = Client.initWithMiddleware({
    baseUrl: `${base.origin}${base.pathname.replace(/\/*$/, "/")}`,
    defaultVersion: "v1.0",
    // The SDK only attaches the token to hosts it knows as Graph: name ours (national clouds, the sandbox).
    customHosts: new Set([base.hostname]),
    middleware: graphMiddleware(tokens, transport.graphFetch),
  });

  const graphOrigin = base.origin;
  const get: GraphCaller["get"] = async (pathOrLink, options = {}) => {
    if (/^https?:/i.test(pathOrLink) && new URL(pathOrLink).origin !== graphOrigin) {
      // Cursors and delta links are stored; never send the token to a host other than the configured Graph.
      throw new ProviderError("A stored Graph link points to another host: run a full sync.", { retryable: false, problem: "unknown" });
    }
    const attempt = async () => {
      await tokens.get(); // token errors as ProviderError, not wrapped by the SDK
      const request = client.api(pathOrLink);
      if (options.headers) request.headers(options.headers);
      const body: unknown = await request.get();
      return body;
    };
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof GraphError) || error.statusCode !== 401) throw mapGraphError(error, options.what ?? "user");
      tokens.invalidate();
      try {
        return await attempt();
      } catch (retryError) {
        throw mapGraphError(retryError, options.what ?? "user");
      }
    }
  };
  const send: GraphCaller["send"] = async (method, path, body) => {
    const attempt = async (): Promise<unknown> => {
      await tokens.get();
      const request = client.api(path);
      if (method === "PATCH") return request.patch(body ?? {});
      if (method === "POST") return request.post(body ?? {});
      return request.delete();
    };
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof GraphError) || error.statusCode !== 401) throw error;
      tokens.invalidate();
      return attempt();
    }
  };
  return { get, send, graphOrigin };
}
