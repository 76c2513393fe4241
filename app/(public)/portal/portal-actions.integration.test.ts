import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startSelfServiceAction } from "@/app/(public)/portal/actions";
import { db } from "@/lib/db/prisma";
import { fakeBrowser } from "@/lib/testing/fake-next-headers";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { CONTROL_CHARACTER_MESSAGE } from "@/lib/validation/control-characters";
import { createVerificationWorld } from "@/lib/verification/testing/verification-fixtures";

vi.mock("next/headers", async () => (await import("@/lib/testing/fake-next-headers")).fakeNextHeaders);

let world: Awaited<ReturnType<typeof createVerificationWorld>>;

describe("the self-service portal's address form", () => {
  beforeAll(async () => {
    await useFreshDatabase("portal_actions");
    world = await createVerificationWorld("portal");
  });
  beforeEach(() => fakeBrowser.reset());

  it("refuses NUL and other control characters in the address with a form error (not a 500), and starts nothing", async () => {
    const employee = await world.createEmployee();
    for (const address of [`${employee.login}\u0000`, `\u0000${employee.login}`, `${employee.login.replace("@", "\u001b@")}`]) {
      const result = await startSelfServiceAction({ address });
      expect(result).toEqual({ ok: false, code: "invalid_input", error: CONTROL_CHARACTER_MESSAGE, fieldErrors: { address: [CONTROL_CHARACTER_MESSAGE] } });
    }
    expect(await db().verificationRequest.count()).toBe(0);
    expect(fakeBrowser.jar.size).toBe(0);
  });

  it("a well-formed address, known or not, leads to the same next page", async () => {
    const employee = await world.createEmployee();
    for (const address of [employee.login, "nobody.here@example.com"]) {
      fakeBrowser.reset();
      await expect(startSelfServiceAction({ address })).rejects.toMatchObject({ digest: expect.stringContaining("/portal/continue") });
      expect(fakeBrowser.jar.get("verifyd_portal")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
    expect(await db().verificationRequest.count()).toBe(2);
  });

  it("a malformed address gets the schema's own message on the field", async () => {
    const result = await startSelfServiceAction({ address: "a b" });
    expect(result).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { address: ["Enter your work e-mail address or username, without spaces."] } });
  });
});
