import type { Prisma } from "@/lib/db/generated/client";

/**
 * A value as Prisma's JSON input type. Round-tripping through JSON drops what JSON cannot hold (undefined,
 * functions) exactly as storage would, so the cast only states what the round trip guarantees.
 */
export function toJson(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}
