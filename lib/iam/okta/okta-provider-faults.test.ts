import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type IdentityProvider, ProviderError } from "@/lib/iam/identity-provider";
import { type OktaTestTenant, startOktaTestTenant } from "@/lib/iam/okta/testing/okta-provider-test-setup";

const USER_COUNT = 1300;
let tenant: OktaTestTenant;

beforeAll(async () => {
  tenant = await startOktaTestTenant({ userCount: USER_COUNT, seed: "okta-adapter-faults" });
});
afterAll(() => tenant.close());
beforeEach(() => tenant.sandbox.reset());

async function putFaults(config: Record<string, number>): Promise<void> {
  const response = await fetch(`${tenant.url}/_sandbox/faults`, { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify(config) });
  if (response.status !== 200) throw new Error(`faults answered ${response.status}`);
}

/** A full pass as the sync job runs it: a retryable ProviderError retries the same page (up to 20 times). */
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
      if (!(error instanceof ProviderError) || !error.options.retryable || retries.length >= 20) throw error;
      retries.push(error);
      await onRetry(error);
    }
  }
  return { ids, retries };
}

const allIds = () => [...Array(USER_COUNT).keys()].map((index) => tenant.sandbox.state.userId(index)).sort();

describe("Okta adapter: throttling and transient errors", () => {
  it("429 every 2nd call: the SDK waits for X-Rate-Limit-Reset and the pass ends with exactly the members", async () => {
    await putFaults({ rateLimitEvery: 2 });
    const { ids, retries } = await fullPassRetrying(tenant.provider());
    expect(retries).toEqual([]);
    expect(ids.sort()).toEqual(allIds());
  });

  it("503 every 3rd call: retryable ProviderErrors, and retrying the page ends with exactly the members", async () => {
    await putFaults({ serverErrorEvery: 3 });
    const { ids, retries } = await fullPassRetrying(tenant.provider());
    expect(retries.length).toBeGreaterThan(0);
    expect(retries.every((error) => error.options.retryable && error.options.status === 503)).toBe(true);
    expect(ids.sort()).toEqual(allIds());
  });

  it("throttled beyond the SDK's retries: retryable with the wait until the rate-limit reset", async () => {
    await putFaults({ rateLimitEvery: 1 });
    const { ids, retries } = await fullPassRetrying(tenant.provider(), async () => putFaults({}));
    expect(retries).toHaveLength(1);
    expect(retries[0]?.options).toMatchObject({ retryable: true, status: 429, retryAfterMs: expect.any(Number) });
    expect(ids.sort()).toEqual(allIds());
  }, 30_000);
});
