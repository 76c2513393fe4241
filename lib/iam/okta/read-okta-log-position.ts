import type { Client } from "@okta/okta-sdk-nodejs";
import { ProviderError } from "@/lib/iam/identity-provider";
import { LOG_LOOKBACK_MS } from "@/lib/iam/okta/fetch-okta-delta-page";
import { fetchOktaLogPage } from "@/lib/iam/okta/fetch-okta-log-page";
import type { OktaDeltaLink } from "@/lib/iam/okta/okta-sync-cursor";

/**
 * Where the System Log stands now, on Okta's clock: taken before a full pass lists the first member, so that the
 * next (incremental) run replays everything that changed while the pass ran. One small log read, which also proves
 * the service app may read the log. Null when it may not (no okta.logs.read, or any other refusal): the connection
 * then syncs with full passes only. Throttling and transient failures are thrown, so the page is retried.
 */
export async function readOktaLogPosition(client: Client, orgUrl: string): Promise<OktaDeltaLink | null> {
  try {
    const page = await fetchOktaLogPage({ client, orgUrl, from: { sinceMs: Date.now() - LOG_LOOKBACK_MS }, limit: 1 });
    return { v: 1, at: new Date(page.serverNowMs).toISOString(), seen: [] };
  } catch (error) {
    if (error instanceof ProviderError && !error.options.retryable) return null;
    throw error;
  }
}
