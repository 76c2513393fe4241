import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";
import { disconnectDb } from "@/lib/db/prisma";
import { registerJobEventForwarder } from "@/lib/jobs/job-event-forwarding";

// The server code reads its configuration from process.env; give each test worker a complete one.
Object.assign(process.env, {
  DATABASE_URL: inject("databaseUrl"),
  TEST_PG_ADMIN_URL: inject("testPgAdminUrl"),
  APP_URL: "http://localhost:3000",
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  DATA_ENCRYPTION_KEYS: `test:${randomBytes(32).toString("base64")}`,
});

// As every server process does at start (instrumentation.ts): job events go to the runtime after their commit.
registerJobEventForwarder();

afterAll(async () => {
  await disconnectDb();
});
