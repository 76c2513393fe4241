/**
 * The one production file that may name the built-in sandbox tenants (lint keeps lib/sandbox out of every other):
 * what the settings page offers ("use the sandbox tenant") and which loopback origins a connection may point at
 * while, and only while, this process runs the sandbox.
 */
export { readSandboxConnections, sandboxOrigins, type SandboxConnections } from "@/lib/sandbox/run/sandbox-connections";
