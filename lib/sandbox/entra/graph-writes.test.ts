import { GraphError } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { generatePerson, type SandboxPerson } from "@/lib/sandbox/shared/generate-person";
import { startTestSandbox, type TestSandbox } from "@/lib/sandbox/entra/entra-test-harness";

const SEED = "entra-writes";
const USER_COUNT = 2000;
let sandbox: TestSandbox;

const people = Array.from({ length: USER_COUNT }, (_, index) => generatePerson(SEED, index));
function find(predicate: (person: SandboxPerson) => boolean): SandboxPerson {
  const person = people.find(predicate);
  if (!person) throw new Error("the seed has no such person");
  return person;
}
const regular = find((person) => person.privilege === "none" && person.mfa.includes("authenticator_app") && person.mfa.includes("sms"));
const phoneDefault = find((person) => person.privilege === "none" && person.mfa.includes("sms") && !person.mfa.includes("authenticator_app") && person.mfa.some((kind) => kind === "totp" || kind === "fido2" || kind === "email"));
const globalAdmin = find((person) => person.privilege === "global_admin");
const helpdeskAdmin = find((person) => person.privilege === "helpdesk_admin");
const userAdmin = find((person) => person.privilege === "user_admin");

const stateSchema = z.object({
  password: z.object({ set: z.boolean(), forceChangePasswordNextSignIn: z.boolean().nullable(), setAt: z.string().nullable() }),
  methods: z.array(z.object({ type: z.string(), id: z.string() })),
  removedMethods: z.array(z.object({ type: z.string(), id: z.string(), removedAt: z.string() })),
  sessionsRevokedAt: z.string().nullable(),
  temporaryAccessPass: z.object({ temporaryAccessPass: z.string(), lifetimeInMinutes: z.number() }).nullable(),
});
const methodsSchema = z.object({ value: z.array(z.object({ "@odata.type": z.string(), id: z.string() }).loose()) });

const idOf = (person: SandboxPerson) => sandbox.sandbox.tenant.userId(person.index);
async function state(person: SandboxPerson) {
  return stateSchema.parse((await sandbox.call(`/_sandbox/users/${idOf(person)}`)).body);
}
async function graphFailure(request: Promise<unknown>) {
  const error = await request.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(GraphError);
  return z.object({ statusCode: z.number(), code: z.string().nullable() }).parse(error);
}

beforeAll(async () => {
  sandbox = await startTestSandbox({ userCount: USER_COUNT, seed: SEED });
});
afterAll(async () => {
  await sandbox?.stop();
});
beforeEach(async () => {
  await sandbox.call("/_sandbox/reset", { method: "POST" });
  await sandbox.approveConsent();
});

describe("Graph writes through the SDK", () => {
  it("resets a password (forced change), revokes sessions, deletes a method and issues a TAP, all observable", async () => {
    const client = sandbox.graphClient();
    const user = `/users/${idOf(regular)}`;
    await client.api(user).patch({ passwordProfile: { password: "Sandbox-Pass-2024!", forceChangePasswordNextSignIn: true } });
    expect(await client.api(`${user}/revokeSignInSessions`).post({})).toMatchObject({ value: true });

    const methods = methodsSchema.parse(await client.api(`${user}/authentication/methods`).get()).value;
    expect(methods.map((method) => method["@odata.type"])).toEqual(expect.arrayContaining(["#microsoft.graph.passwordAuthenticationMethod", "#microsoft.graph.microsoftAuthenticatorAuthenticationMethod", "#microsoft.graph.phoneAuthenticationMethod"]));
    const authenticator = methods.find((method) => method["@odata.type"] === "#microsoft.graph.microsoftAuthenticatorAuthenticationMethod");
    await client.api(`${user}/authentication/microsoftAuthenticatorMethods/${authenticator?.id}`).delete();

    const tap = z.object({ temporaryAccessPass: z.string().min(8), lifetimeInMinutes: z.number(), isUsableOnce: z.boolean() }).parse(await client.api(`${user}/authentication/temporaryAccessPassMethods`).post({ lifetimeInMinutes: 60, isUsableOnce: true }));
    expect(tap).toMatchObject({ lifetimeInMinutes: 60, isUsableOnce: true });
    const replaced = z.object({ temporaryAccessPass: z.string() }).parse(await client.api(`${user}/authentication/temporaryAccessPassMethods`).post({ lifetimeInMinutes: 120 }));

    const after = await state(regular);
    expect(after.password).toEqual({ set: true, forceChangePasswordNextSignIn: true, setAt: expect.any(String) });
    expect(after.sessionsRevokedAt).not.toBeNull();
    expect(after.removedMethods).toEqual([{ type: "microsoftAuthenticator", id: authenticator?.id, removedAt: expect.any(String) }]);
    expect(after.methods.map((method) => method.type)).not.toContain("microsoftAuthenticator");
    expect(after.temporaryAccessPass).toMatchObject({ temporaryAccessPass: replaced.temporaryAccessPass, lifetimeInMinutes: 120 });
    const listed = methodsSchema.parse(await client.api(`${user}/authentication/methods`).get()).value;
    expect(listed.filter((method) => method["@odata.type"] === "#microsoft.graph.temporaryAccessPassAuthenticationMethod")).toHaveLength(1);

    const events = z.object({ events: z.array(z.object({ type: z.string() })) }).parse((await sandbox.call("/_sandbox/events")).body).events.map((event) => event.type);
    expect(events.filter((type) => type.startsWith("user."))).toEqual(["user.password_reset", "user.sessions_revoked", "user.method_deleted", "user.tap_created", "user.tap_created"]);
  });

  it("refuses weak passwords, the password method, the default phone while others remain, and TAP lifetimes out of range", async () => {
    const client = sandbox.graphClient();
    expect(await graphFailure(client.api(`/users/${idOf(regular)}`).patch({ passwordProfile: { password: "short" } }))).toMatchObject({ statusCode: 400 });
    expect((await graphFailure(client.api(`/users/${idOf(regular)}/authentication/passwordMethods/28c10230-6103-485e-b985-444c60001490`).delete())).statusCode).toBe(400);
    expect((await graphFailure(client.api(`/users/${idOf(phoneDefault)}/authentication/phoneMethods/3179e48a-750b-4051-897c-87b9720928f7`).delete())).statusCode).toBe(400);
    expect((await graphFailure(client.api(`/users/${idOf(regular)}/authentication/temporaryAccessPassMethods`).post({ lifetimeInMinutes: 5 }))).statusCode).toBe(400);
    expect((await graphFailure(client.api(`/users/${idOf(regular)}/authentication/temporaryAccessPassMethods`).post({ lifetimeInMinutes: 43_201 }))).statusCode).toBe(400);
    expect((await state(phoneDefault)).removedMethods).toEqual([]);
  });

  it("refuses privileged targets above the app's directory role with 403 Authorization_RequestDenied", async () => {
    const client = sandbox.graphClient();
    const roles = z.object({ value: z.array(z.object({ displayName: z.string(), roleTemplateId: z.string() })) }).parse(await client.api(`/users/${idOf(globalAdmin)}/memberOf/microsoft.graph.directoryRole`).get());
    expect(roles.value).toEqual([{ displayName: "Global Administrator", roleTemplateId: "62e90394-69f5-4237-9190-012177145e10" }].map((role) => expect.objectContaining(role)));

    // The default app holds Helpdesk Administrator: helpdesk admins yes, user admins and global admins no.
    await client.api(`/users/${idOf(helpdeskAdmin)}/revokeSignInSessions`).post({});
    for (const target of [globalAdmin, userAdmin]) {
      const user = `/users/${idOf(target)}`;
      const failures = [
        await graphFailure(client.api(user).patch({ passwordProfile: { password: "Sandbox-Pass-2024!" } })),
        await graphFailure(client.api(`${user}/revokeSignInSessions`).post({})),
        await graphFailure(client.api(`${user}/authentication/temporaryAccessPassMethods`).post({})),
      ];
      for (const failure of failures) expect(failure).toEqual({ statusCode: 403, code: "Authorization_RequestDenied" });
    }
    expect((await state(globalAdmin)).password.set).toBe(false);

    await sandbox.call(`/_sandbox/apps/${sandbox.connection.clientId}/directory-role`, { method: "PUT", json: { role: "privileged_admin" } });
    await client.api(`/users/${idOf(userAdmin)}`).patch({ passwordProfile: { password: "Sandbox-Pass-2024!" } });
    expect((await graphFailure(client.api(`/users/${idOf(globalAdmin)}/revokeSignInSessions`).post({}))).statusCode).toBe(403);
    await sandbox.call(`/_sandbox/apps/${sandbox.connection.clientId}/directory-role`, { method: "PUT", json: { role: "global_admin" } });
    await client.api(`/users/${idOf(globalAdmin)}/revokeSignInSessions`).post({});
    expect((await state(globalAdmin)).sessionsRevokedAt).not.toBeNull();
  });

  it("resets back to the seed state", async () => {
    const client = sandbox.graphClient();
    await client.api(`/users/${idOf(regular)}`).patch({ passwordProfile: { password: "Sandbox-Pass-2024!" } });
    await sandbox.call(`/_sandbox/users/${idOf(regular)}`, { method: "PATCH", json: { city: "Elsewhere" } });
    await sandbox.call("/_sandbox/faults", { method: "PUT", json: { serverErrorEvery: 7 } });
    expect((await sandbox.call("/_sandbox/reset", { method: "POST" })).status).toBe(200);
    expect(await state(regular)).toMatchObject({ password: { set: false }, removedMethods: [], sessionsRevokedAt: null, temporaryAccessPass: null });
    expect((await sandbox.call("/_sandbox/faults")).body).toMatchObject({ serverErrorEvery: 0 });
    expect(z.object({ events: z.array(z.unknown()) }).parse((await sandbox.call("/_sandbox/events")).body).events).toEqual([]);
    // Consent is part of the seed state too: the app has to be consented again.
    const token = await sandbox.call(sandbox.tokenUrl, { method: "POST", body: new URLSearchParams({ grant_type: "client_credentials", client_id: sandbox.connection.clientId, client_secret: sandbox.connection.clientSecret, scope: "https://graph.microsoft.com/.default" }) });
    expect(token.body).toMatchObject({ error_codes: [65001] });
    await sandbox.approveConsent();
    const user = await sandbox.graphClient().api(`/users/${idOf(regular)}`).select("city").get();
    expect(user.city).toBe(regular.city);
  });
});
