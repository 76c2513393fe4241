import { db } from "@/lib/db/prisma";
import { capabilitiesOf } from "@/lib/iam/provider-capabilities";

/** ACTIVE connections whose provider serves dates of birth one employee at a time (the listing has none). */
export async function findBirthdayBackfillConnections(): Promise<string[]> {
  const connections = await db().iamConnection.findMany({ where: { status: "ACTIVE" }, select: { id: true, provider: true } });
  return connections.filter((connection) => capabilitiesOf(connection.provider).birthdaySource === "per_employee").map((connection) => connection.id);
}
