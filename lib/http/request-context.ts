import "server-only";
import { headers } from "next/headers";
import { CLIENT_IP_SECRET_ENV, readStampedClientIp } from "@/lib/server/client-ip";

export type RequestContext = { ip: string; userAgent: string };

let warned = false;

/** Caller address (set by our HTTP server, never by the client) and user agent of the current request. */
export async function getRequestContext(): Promise<RequestContext> {
  const incoming = await headers();
  const secret = process.env[CLIENT_IP_SECRET_ENV];
  if (!secret && !warned) {
    warned = true;
    console.warn("verifyd: not started through `npm start`, so client addresses are unknown and share one rate limit.");
  }
  return {
    ip: readStampedClientIp(incoming, secret),
    userAgent: (incoming.get("user-agent") ?? "").slice(0, 512),
  };
}
