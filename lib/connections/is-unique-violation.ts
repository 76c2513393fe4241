import { Prisma } from "@/lib/db/generated/client";

/** A unique constraint refused the write (here: the one-connection-per-installation `singleton`). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
