import "server-only";
import { headers } from "next/headers";
import { CLIENT_IP_HEADER } from "@/lib/server/client-ip";

export type RequestContext = { ip: string; userAgent: string };

/** Caller address (set by our HTTP server, never by the client) and user agent of the current request. */
export async function getRequestContext(): Promise<RequestContext> {
  const incoming = await headers();
  return {
    ip: incoming.get(CLIENT_IP_HEADER) ?? "unknown",
    userAgent: (incoming.get("user-agent") ?? "").slice(0, 512),
  };
}
