import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as requestWallet } from "@/app/api/verify/wallet/request/route";
import { POST as answerWallet } from "@/app/api/verify/wallet/response/route";
import { db } from "@/lib/db/prisma";
import { SandboxWallet } from "@/lib/sandbox/wallet/sandbox-wallet";
import { fakeBrowser } from "@/lib/testing/fake-next-headers";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { createVerificationWorld } from "@/lib/verification/testing/verification-fixtures";
import { walletOrigin } from "@/lib/wallet/presentations/request-wallet-presentation";
import { startSelfServiceSession } from "@/lib/wallet/testing/start-self-service-session";
import { registerSandboxTrustAnchor } from "@/lib/wallet/trust/register-sandbox-trust-anchor";

vi.mock("next/headers", async () => (await import("@/lib/testing/fake-next-headers")).fakeNextHeaders);

let world: Awaited<ReturnType<typeof createVerificationWorld>>;
let wallet: SandboxWallet;

const post = (body: unknown) => new Request("http://localhost/api/verify/wallet/response", { method: "POST", headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });

async function startSelfService() {
  return (await startSelfServiceSession(() => world.createEmployee({ birthday: "1988-04-12" }))).employee;
}

beforeAll(async () => {
  await useFreshDatabase("wallet_routes");
  world = await createVerificationWorld("walletroutes");
  wallet = await SandboxWallet.create();
  await registerSandboxTrustAnchor(wallet.authority.iacaDer);
});

beforeEach(() => fakeBrowser.reset());

describe("the wallet routes", () => {
  it("refuse a browser without a verification session, asking nothing of the database", async () => {
    expect((await requestWallet()).status).toBe(401);
    expect((await answerWallet(post({ presentationId: crypto.randomUUID(), credential: { protocol: "openid4vp-v1-unsigned", data: {} } }))).status).toBe(401);
    expect(await db().walletPresentation.count()).toBe(0);
  });

  it("issue a request, take the wallet's answer, and move the verification on", async () => {
    const employee = await startSelfService();
    const issued = (await (await requestWallet()).json()) as { ok: boolean; presentationId: string; requests: { protocol: string; data: Record<string, unknown> }[] };
    expect(issued.ok).toBe(true);
    const answer = await wallet.answer({ requests: issued.requests, origin: walletOrigin(), holder: { givenName: employee.firstName ?? "", familyName: employee.lastName ?? "", birthDate: "1988-04-12" } });
    const response = await answerWallet(post({ presentationId: issued.presentationId, credential: answer }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, step: expect.any(String) });
  });

  it.each([
    ["not JSON", "{oops"],
    ["no presentation id", { credential: { protocol: "openid4vp-v1-unsigned", data: {} } }],
    ["an extra field", { presentationId: crypto.randomUUID(), credential: { protocol: "x", data: {} }, origin: "https://attacker.example" }],
  ])("refuse a body with %s (400) and change nothing", async (_label, body) => {
    await startSelfService();
    const response = await answerWallet(post(body));
    expect(response.status).toBe(400);
    expect(await db().verificationEvidence.count({ where: { documentKind: "MDOC", request: { employee: { login: { startsWith: "walletroutes" } } } } })).toBe(1);
  });

  it("refuse an oversized answer before reading it", async () => {
    await startSelfService();
    const response = await answerWallet(post({ presentationId: crypto.randomUUID(), credential: { protocol: "openid4vp-v1-unsigned", data: { response: "a".repeat(600_000) } } }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: expect.stringMatching(/too large/) });
  });
});
