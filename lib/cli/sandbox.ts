/** `npm run sandbox`: the Entra and Okta sandbox tenants on their own, e.g. to point another installation at them. */
import { resolveDataDir } from "@/lib/cli/prepare-runtime";
import { parseSandboxSettings } from "@/lib/sandbox/run/sandbox-settings";
import { SANDBOX_CONNECTIONS_ENV } from "@/lib/sandbox/run/sandbox-connections";
import { describeSandboxes, sandboxConnectionsOf, startSandboxes } from "@/lib/sandbox/run/start-sandboxes";

const settings = parseSandboxSettings(process.env);
const dataDir = resolveDataDir();
const sandboxes = await startSandboxes(settings, dataDir);
process.stdout.write(
  [
    "",
    ...describeSandboxes(sandboxes),
    "",
    `  Clients must trust the Entra sandbox CA: NODE_EXTRA_CA_CERTS=${sandboxes.entra.caFile}`,
    "  An installation refuses loopback endpoints unless it is told these sandboxes are its own; set there:",
    `    ${SANDBOX_CONNECTIONS_ENV}='${JSON.stringify(sandboxConnectionsOf(sandboxes))}'`,
    "  Observe and steer them under /_sandbox/ (faults, events, users, reset). Ctrl-C stops them.",
    "",
  ].join("\n"),
);
const stop = async () => {
  await sandboxes.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
