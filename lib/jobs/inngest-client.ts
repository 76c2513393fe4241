import { Inngest } from "inngest";
import { getJobsConfig } from "@/lib/jobs/jobs-config";

/**
 * The one Inngest client. It reads INNGEST_EVENT_KEY / INNGEST_SIGNING_KEY (and INNGEST_BASE_URL for a
 * self-hosted server) from the environment itself; `getJobsConfig()` validates them when the inngest mode is
 * chosen. On the embedded default it is only used to declare functions, never to send.
 *
 * Dev mode (no request signatures) follows our validated configuration, not the SDK's own reading of
 * INNGEST_DEV: the configuration refuses it in production, and an invalid configuration means cloud mode, where
 * every execution request must be signed. (A getter: the SDK reads `options.isDev` on every request.)
 */
export const inngest = new Inngest({
  id: "verifyd",
  get isDev(): boolean {
    try {
      return getJobsConfig().devServer;
    } catch {
      return false;
    }
  },
});
