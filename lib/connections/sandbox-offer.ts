/**
 * The one production file that may name the built-in sandbox tenants (lint keeps lib/sandbox out of every other):
 * what the settings page offers ("use the sandbox tenant") and which loopback origins a connection may point at
 * while, and only while, this process runs the sandbox.
 */
import { readSandboxConnections } from "@/lib/sandbox/run/sandbox-connections";

export { readSandboxConnections, sandboxOrigins, type SandboxConnections } from "@/lib/sandbox/run/sandbox-connections";

/** The sandbox runs in this process: e.g. webhooks may then go to a receiver on this machine (lib/webhooks). */
export function sandboxRunning(): boolean {
  return readSandboxConnections() !== null;
}
