import { Inngest } from "inngest";

/**
 * The one Inngest client. It reads INNGEST_EVENT_KEY / INNGEST_SIGNING_KEY (and INNGEST_DEV, INNGEST_BASE_URL
 * for a self-hosted server) from the environment itself; `getJobsConfig()` validates them when the inngest
 * mode is chosen. On the embedded default it is only used to declare functions, never to send.
 */
export const inngest = new Inngest({ id: "verifyd" });
