import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startSelfServiceAction } from "@/app/(public)/portal/actions";
import { db } from "@/lib/db/prisma";
import { PORTAL_START_ADDRESS_CEILING, PORTAL_START_THROTTLE } from "@/lib/self-service/throttle-self-service-start";
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

  it("someone hammering an employee's address from their network cannot block the employee's own start", async () => {
    const employee = await world.createEmployee();
    const before = await db().verificationRequest.count({ where: { employeeId: employee.id } });
    fakeBrowser.ip = "203.0.113.9";
    const burst = await Promise.all(Array.from({ length: 30 }, () => outcomeOf(() => startSelfServiceAction({ address: employee.login }))));
    expect(burst.filter((outcome) => outcome === "started").length).toBeLessThanOrEqual(PORTAL_START_THROTTLE.freeAttempts);
    expect(burst.filter((outcome) => outcome !== "started" && outcome !== "rate_limited")).toEqual([]);
    // Other hosts of the same /24 share the attacker's allowance.
    fakeBrowser.ip = "203.0.113.77";
    expect(await outcomeOf(() => startSelfServiceAction({ address: employee.login }))).toBe("rate_limited");
    // The employee, at home, starts at once.
    fakeBrowser.reset();
    fakeBrowser.ip = "192.0.2.44";
    expect(await outcomeOf(() => startSelfServiceAction({ address: employee.login }))).toBe("started");
    expect(await db().verificationRequest.count({ where: { employeeId: employee.id } })).toBeLessThanOrEqual(before + PORTAL_START_THROTTLE.freeAttempts + 1);
  });

  it("throttles a known and an unknown address alike: same answers in the same order", async () => {
    const employee = await world.createEmployee();
    const sequences: string[][] = [];
    for (const [address, ip] of [[employee.login, "198.18.1.1"], ["nobody.at.all@example.com", "198.18.2.1"]] as const) {
      fakeBrowser.reset();
      fakeBrowser.ip = ip;
      const outcomes: string[] = [];
      for (let attempt = 0; attempt < PORTAL_START_THROTTLE.freeAttempts + 2; attempt += 1) outcomes.push(await outcomeOf(() => startSelfServiceAction({ address })));
      sequences.push(outcomes);
    }
    expect(sequences[0]).toEqual([...Array<string>(PORTAL_START_THROTTLE.freeAttempts).fill("started"), "rate_limited", "rate_limited"]);
    expect(sequences[1]).toEqual(sequences[0]);
  });

  it("many networks starting for one address alert the desk once and slow every network, without refusing the employee", async () => {
    const employee = await world.createEmployee();
    const networks = Array.from({ length: PORTAL_START_ADDRESS_CEILING.limit + 2 }, (_, index) => `198.19.${index}.5`);
    for (const ip of networks) {
      fakeBrowser.reset();
      fakeBrowser.ip = ip;
      expect(await outcomeOf(() => startSelfServiceAction({ address: employee.login }))).toBe("started");
    }
    const alerts = await db().auditEvent.findMany({ where: { action: "security.alert", details: { path: ["kind"], equals: "self_service_starts_ceiling" } } });
    expect(alerts).toHaveLength(1);
    // The typed address is never written to the log.
    expect(JSON.stringify(alerts.map(({ details, targetLabel, actorLabel }) => ({ details, targetLabel, actorLabel })))).not.toContain(employee.login);
    fakeBrowser.reset();
    fakeBrowser.ip = "192.0.2.200";
    expect(await outcomeOf(() => startSelfServiceAction({ address: employee.login }))).toBe("started");
    expect(await outcomeOf(() => startSelfServiceAction({ address: employee.login }))).toBe("rate_limited");
  });
});

/** "started" (the redirect to the next page), or the refusal's code. */
async function outcomeOf(start: () => Promise<unknown>): Promise<string> {
  try {
    const result = (await start()) as { ok: boolean; code?: string };
    return result.ok ? "ok" : (result.code ?? "refused");
  } catch (error) {
    if (error instanceof Error && "digest" in error && String(error.digest).includes("/portal/continue")) return "started";
    throw error;
  }
}
