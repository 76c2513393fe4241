import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type EntraTestTenant, startEntraTestTenant } from "@/lib/iam/entra/testing/entra-provider-test-setup";
import { type IdentityProvider, ProviderError } from "@/lib/iam/identity-provider";

let tenant: EntraTestTenant;

beforeAll(async () => {
  tenant = await startEntraTestTenant({ userCount: 2200, seed: "entra-adapter-faults" });
});
afterAll(() => tenant.stop());
beforeEach(async () => {
  await putFaults({});
});

async function putFaults(config: Record<string, number>): Promise<void> {
  const response = await tenant.call("/_sandbox/faults", { method: "PUT", json: config });
  if (response.status !== 200) throw new Error(`faults answered ${response.status}`);
}

/** A full pass as the sync job runs it: a retryable ProviderError retries the same page (up to 10 times). */
async function fullPassRetrying(provider: IdentityProvider, onRetry: (error: ProviderError) => Promise<void> = async () => {}): Promise<{ ids: string[]; retries: ProviderError[] }> {
  const ids: string[] = [];
  const retries: ProviderError[] = [];
  let cursor: string | null = null;
  let done = false;
  while (!done) {
    try {
      const page = await provider.fetchMembersPage({ mode: "full", cursor });
      ids.push(...page.employees.map((employee) => employee.externalId));
      cursor = page.nextCursor;
      done = cursor === null;
    } catch (error) {
      if (!(error instanceof ProviderError) || !error.options.retryable || retries.length >= 10) throw error;
      retries.push(error);
      await onRetry(error);
    }
  }
  return { ids, retries };
}

async function expectedIds(): Promise<string[]> {
  await putFaults({});
  const { ids } = await fullPassRetrying(tenant.provider());
  return ids.sort();
}

describe("Entra adapter: throttling and transient errors", () => {
  it("429 every 3rd call: the Graph SDK's retries (Retry-After) end with exactly the members", async () => {
    const expected = await expectedIds();
    expect(expected.length).toBeGreaterThan(2000);
    await putFaults({ rateLimitEvery: 3 });
    const { ids, retries } = await fullPassRetrying(tenant.provider());
    expect(retries).toEqual([]);
    expect(ids.sort()).toEqual(expected);
  });

  it("503 every 4th call ends with exactly the members", async () => {
    const expected = await expectedIds();
    await putFaults({ serverErrorEvery: 4 });
    const { ids } = await fullPassRetrying(tenant.provider());
    expect(ids.sort()).toEqual(expected);
  });

  it("throttled beyond the SDK's retries: a retryable ProviderError with Retry-After; retrying the page finishes the pass", async () => {
    const expected = await expectedIds();
    await putFaults({ rateLimitEvery: 1 });
    const { ids, retries } = await fullPassRetrying(tenant.provider(), async () => putFaults({}));
    expect(retries).toHaveLength(1);
    expect(retries[0]?.options).toMatchObject({ retryable: true, status: 429, retryAfterMs: 1000 });
    expect(ids.sort()).toEqual(expected);
  }, 30_000);
});
