import { db } from "@/lib/db/prisma";
import { getCurrentPolicy, isSelfServiceOpen } from "@/lib/verification/policy";

/** The portal is open when a directory is connected and the current policy allows self-service. */
export async function isSelfServiceAvailable(): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const connected = await tx.iamConnection.count({ where: { status: "ACTIVE" } });
    return connected > 0 && isSelfServiceOpen(await getCurrentPolicy(tx));
  });
}
