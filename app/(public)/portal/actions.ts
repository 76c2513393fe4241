"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { setPortalCookie } from "@/app/(public)/portal/portal-cookie";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { publicAction } from "@/lib/verification/requests/public-action";
import { selfServiceAddressSchema, startSelfServiceVerification } from "@/lib/self-service/start-self-service-verification";
import { throttleSelfServiceStart } from "@/lib/self-service/throttle-self-service-start";

// Per network, any address: one office NAT, many people. Per address and network: lib/self-service/throttle-self-service-start.ts.
const IP_LIMIT = { name: "portal:start:ip", limit: 20, windowSeconds: 900 };
const TOO_MANY = "Too many attempts. Wait a while and try again, or contact your IT service desk.";

/**
 * Starts self-service for whatever address was typed. Every outcome but a malformed address or a throttle
 * leads to the same next page; the throttles apply to unknown addresses exactly like known ones.
 */
export const startSelfServiceAction = publicAction(
  {
    limit: IP_LIMIT,
    session: "none",
    schema: z.object({ address: selfServiceAddressSchema }),
    onRateLimited: (request) => recordAuditEvent(db(), { actor: { type: "ANONYMOUS", label: "self-service portal" }, action: "self_service.rate_limited", request, details: { limit: "network" } }),
  },
  async ({ address }, { request }) => {
    if (!(await throttleSelfServiceStart(address, request)).allowed) throw new AppError("rate_limited", TOO_MANY);
    const started = await startSelfServiceVerification(address, request);
    await setPortalCookie(started.token, started.expiresAt);
    redirect("/portal/continue");
  },
);
