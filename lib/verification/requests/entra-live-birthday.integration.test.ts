import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/prisma";
import { requestDirectorySync } from "@/lib/directory/request-directory-sync";
import { createEntraSandboxConnection } from "@/lib/directory/testing/sandbox-connections";
import { AppError } from "@/lib/errors";
import { type EntraTestTenant, startEntraTestTenant } from "@/lib/iam/entra/testing/entra-provider-test-setup";
import { runJobsUntilIdle } from "@/lib/jobs/embedded-runner";
import { jobFunctions } from "@/lib/jobs/job-functions";
import type { SandboxPerson } from "@/lib/sandbox/shared/generate-person";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { DEFAULT_POLICY } from "@/lib/verification/policy";
import { createVerificationRequest } from "@/lib/verification/requests/create-verification-request";
import { decideVerification } from "@/lib/verification/requests/decide-verification";
import { loadVerificationSession, type VerificationSession } from "@/lib/verification/requests/load-verification-session";
import { BIRTHDAY_UNAVAILABLE_MESSAGE, withLiveBirthday } from "@/lib/verification/requests/read-live-birthday";
import { startVerification } from "@/lib/verification/requests/start-verification";
import { tokenFrom } from "@/lib/verification/testing/verification-fixtures";

let tenant: EntraTestTenant;
let connectionId: string;
let agent: { id: string; email: string; name: string; role: "HELPDESK" };
const people: SandboxPerson[] = [];

const CLAIMS = { ...DEFAULT_POLICY.claims, firstName: "REQUIRED", lastName: "REQUIRED", dateOfBirth: "REQUIRED", street: "OFF", city: "OFF", state: "OFF", postalCode: "OFF", country: "OFF", email: "OFF", mobilePhone: "OFF" } as const;

/** Ordinary members of the employee group with a name and a date of birth in Entra, not yet used by a test. */
function nextPerson(): SandboxPerson {
  const state = tenant.sandbox.tenant;
  for (let index = 0; index < state.indexLimit; index += 1) {
    const person = state.personAt(index);
    if (person && state.membership(index) === "direct" && person.privilege === "none" && person.birthday && person.givenName && person.surname && !people.includes(person)) {
      people.push(person);
      return person;
    }
  }
  throw new Error("the seed has no more such people");
}

/** A started verification of `person`, its policy asking for name and date of birth; the e-mailed code confirmed, no document. */
async function sessionFor(person: SandboxPerson): Promise<VerificationSession> {
  const employee = await db().employee.findFirstOrThrow({ where: { connectionId, externalId: tenant.sandbox.tenant.userId(person.index) } });
  const created = await createVerificationRequest({ employeeId: employee.id, purpose: "HELPDESK_CHECK", channel: "IN_PERSON" }, { type: "CONSOLE_USER", user: agent });
  const { sessionToken } = await startVerification(tokenFrom(created.link));
  const session = await loadVerificationSession(sessionToken);
  if (!session) throw new Error("no session");
  await db().verificationRequest.update({ where: { id: created.id }, data: { codeVerifiedAt: new Date(), codeChannel: "EMAIL" } });
  return { ...session, codeVerifiedAt: new Date(), codeChannel: "EMAIL", policy: { ...session.policy, claims: CLAIMS, requireIdDocument: false } };
}

const typedFor = (person: SandboxPerson, dateOfBirth = person.birthday ?? "") => ({ firstName: person.givenName ?? "", lastName: person.surname ?? "", dateOfBirth });
const rowOf = (person: SandboxPerson) => db().employee.findFirstOrThrow({ where: { connectionId, externalId: tenant.sandbox.tenant.userId(person.index) } });
const faults = (config: Record<string, number>) => tenant.call("/_sandbox/faults", { method: "PUT", json: config });

describe("verification of an Entra employee with a required date of birth (live read over Graph)", () => {
  beforeAll(async () => {
    await useFreshDatabase("entra_live_birthday");
    tenant = await startEntraTestTenant({ userCount: 120, seed: "entra-live-birthday" });
    connectionId = await createEntraSandboxConnection(tenant);
    const user = await db().consoleUser.create({ data: { email: "agent-live@example.com", name: "Dana Agent", role: "HELPDESK", passwordHash: await hashPassword("agent password 1"), mustChangePassword: false } });
    agent = { id: user.id, email: user.email, name: user.name, role: "HELPDESK" };
    await requestDirectorySync({ connectionId, trigger: "MANUAL" });
    await runJobsUntilIdle({ functions: jobFunctions, backoff: { baseMs: 20, maxMs: 2000 } });
  });
  afterAll(() => tenant.stop());
  beforeEach(async () => {
    await faults({});
  });

  it("matches the date of birth read live (the sync has none) and keeps it on the employee row", async () => {
    const person = nextPerson();
    expect(await rowOf(person)).toMatchObject({ birthday: null, birthdayReadAt: null });
    const decision = await decideVerification(await sessionFor(person), typedFor(person));
    expect(decision.reasons).toEqual([]);
    expect(decision.outcome).toBe("VERIFIED");
    expect(decision.claims.find((claim) => claim.claim === "dateOfBirth")).toMatchObject({ outcome: "MATCH", directoryValue: `${person.birthday?.slice(0, 4)}-••-••` });
    expect(await rowOf(person)).toMatchObject({ birthday: person.birthday, birthdayReadAt: expect.any(Date) });
  });

  it("fails a different date of birth, naming the claim", async () => {
    const person = nextPerson();
    const decision = await decideVerification(await sessionFor(person), typedFor(person, "1901-02-03"));
    expect(decision.outcome).toBe("FAILED");
    expect(decision.reasons.join(" ")).toMatch(/^Date of birth \(required\): does not match/);
  });

  it("compares the provider's current value, not a stale copy on the row", async () => {
    const person = nextPerson();
    await db().employee.update({ where: { id: (await rowOf(person)).id }, data: { birthday: "1950-01-01", birthdayReadAt: new Date(Date.now() - 86_400_000) } });
    expect((await decideVerification(await sessionFor(person), typedFor(person))).outcome).toBe("VERIFIED");
    expect((await rowOf(person)).birthday).toBe(person.birthday);
  });

  it("decides nothing when Graph cannot answer and the row has no date of birth: a clear, retryable refusal", { timeout: 30_000 }, async () => {
    const person = nextPerson();
    const session = await sessionFor(person);
    await faults({ rateLimitEvery: 1 });
    const refusal = await decideVerification(session, typedFor(person)).then(() => null, (error: unknown) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ code: "rate_limited", message: BIRTHDAY_UNAVAILABLE_MESSAGE });
    expect(await db().verificationRequest.findUniqueOrThrow({ where: { id: session.id } })).toMatchObject({ status: "IN_PROGRESS", decision: null });

    // Someone else's details fail whatever the date of birth: that decision is not held back.
    const stranger = await decideVerification(await sessionFor(nextPerson()), { firstName: "Mallory", lastName: "Impostor", dateOfBirth: "1901-02-03" });
    expect(stranger.outcome).toBe("FAILED");

    // A slow Graph hits the timeout the same way; once Graph answers, the same verification is decided.
    await faults({ latencyMs: 1500 });
    expect(await withLiveBirthday(session, { timeoutMs: 300 })).toMatchObject({ unreadable: true });
    await faults({});
    expect((await decideVerification(session, typedFor(person))).outcome).toBe("VERIFIED");
  });

  it("with Graph down, compares the last value read (the back-fill's) instead of failing", { timeout: 30_000 }, async () => {
    const person = nextPerson();
    await db().employee.update({ where: { id: (await rowOf(person)).id }, data: { birthday: person.birthday, birthdayReadAt: new Date() } });
    const session = await sessionFor(person);
    await faults({ rateLimitEvery: 1 });
    expect((await decideVerification(session, typedFor(person))).outcome).toBe("VERIFIED");
  });
});
