import { PrismaPg } from "@prisma/adapter-pg";
import { getServerEnv } from "@/lib/config/server-env";
import { PrismaClient } from "@/lib/db/generated/client";

export type Db = PrismaClient;
/** What a function receives inside `prisma.$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

// One client per process, kept across Next's dev-mode module reloads.
declare global {
  var verifydPrisma: PrismaClient | undefined;
}
const globalForPrisma = {
  get prisma() {
    return globalThis.verifydPrisma;
  },
  set prisma(client: PrismaClient | undefined) {
    globalThis.verifydPrisma = client;
  },
};

function createPrismaClient(): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: getServerEnv().DATABASE_URL, max: 10 }) });
}

/** Closes the process-wide client (CLI scripts and tests), so the next `db()` call connects afresh. */
export async function disconnectDb(): Promise<void> {
  const client = globalForPrisma.prisma;
  globalForPrisma.prisma = undefined;
  await client?.$disconnect();
}

/** The process-wide Prisma client (reused across dev hot reloads). Created on first use. */
export function db(): PrismaClient {
  globalForPrisma.prisma ??= createPrismaClient();
  return globalForPrisma.prisma;
}
