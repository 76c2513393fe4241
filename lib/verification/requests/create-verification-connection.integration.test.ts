import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { createVerificationRequest } from "@/lib/verification/requests/create-verification-request";
import { createVerificationWorld } from "@/lib/verification/testing/verification-fixtures";

let world: Awaited<ReturnType<typeof createVerificationWorld>>;
const helpdesk = () => ({ type: "CONSOLE_USER" as const, user: world.agent });

describe("verifications need an ACTIVE directory connection", () => {
  beforeAll(async () => {
    await useFreshDatabase("verification_connection");
    world = await createVerificationWorld("conn");
  });

  it.each(["INCOMPLETE", "ERROR"] as const)("refuses to create one while the connection is %s, and writes nothing", async (status) => {
    const employee = await world.createEmployee();
    await db().iamConnection.update({ where: { id: world.connectionId }, data: { status } });
    try {
      const before = await db().auditEvent.count();
      await expect(createVerificationRequest({ employeeId: employee.id, purpose: "PASSWORD_RESET" }, helpdesk())).rejects.toMatchObject({
        code: "conflict",
        message: expect.stringMatching(/directory connection .* repair it/),
      });
      expect(await db().verificationRequest.count({ where: { employeeId: employee.id } })).toBe(0);
      expect(await db().outboxMessage.count()).toBe(0);
      expect(await db().auditEvent.count()).toBe(before);
    } finally {
      await db().iamConnection.update({ where: { id: world.connectionId }, data: { status: "ACTIVE" } });
    }
  });

  it("creates one once the connection is ACTIVE again", async () => {
    const employee = await world.createEmployee();
    const created = await createVerificationRequest({ employeeId: employee.id, purpose: "PASSWORD_RESET" }, helpdesk());
    expect(await db().verificationRequest.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ status: "PENDING" });
  });
});
