"use server";

import { redirect } from "next/navigation";
import { setPortalCookie } from "@/app/(public)/portal/portal-cookie";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { getRequestContext } from "@/lib/http/request-context";
import { hitRateLimit } from "@/lib/rate-limit/rate-limit";
import { selfServiceAddressSchema, startSelfServiceVerification } from "@/lib/self-service/start-self-service-verification";

export type PortalActionResult = { ok: false; error: string; fieldErrors?: Record<string, string[]> };

// Per address: someone retrying their own recovery a few times. Per network: one office NAT, many people.
const ADDRESS_LIMIT = { name: "portal:start:address", limit: 5, windowSeconds: 3600 };
const IP_LIMIT = { name: "portal:start:ip", limit: 20, windowSeconds: 900 };
const TOO_MANY = "Too many attempts. Wait a while and try again, or contact your IT service desk.";

/**
 * Starts self-service for whatever address was typed. Every outcome but a malformed address or a rate limit
 * leads to the same next page; the limits apply to unknown addresses exactly like known ones.
 */
export async function startSelfServiceAction(input: unknown): Promise<PortalActionResult> {
  const raw = typeof input === "object" && input !== null && "address" in input ? input.address : undefined;
  const address = selfServiceAddressSchema.safeParse(raw);
  if (!address.success) {
    const message = address.error.issues[0]?.message ?? "Enter your work e-mail address or username.";
    return { ok: false, error: message, fieldErrors: { address: [message] } };
  }
  const request = await getRequestContext();
  const [byIp, byAddress] = [await hitRateLimit(IP_LIMIT, request.ip), await hitRateLimit(ADDRESS_LIMIT, address.data)];
  if (byIp.limited || byAddress.limited) {
    await recordAuditEvent(db(), { actor: { type: "ANONYMOUS", label: "self-service portal" }, action: "self_service.rate_limited", request, details: { limit: byIp.limited ? "network" : "address" } });
    return { ok: false, error: TOO_MANY };
  }
  try {
    const started = await startSelfServiceVerification(address.data, request);
    await setPortalCookie(started.token, started.expiresAt);
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.message };
    throw error;
  }
  redirect("/portal/continue");
}
