import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { CDPSession, Page } from "@playwright/test";
import { z } from "zod";
import { root } from "./helpers";

/** The bootstrap admin's passkey (private key included), exported by bootstrap.setup.ts for specs that sign in afresh. */
export const ADMIN_PASSKEY_FILE = path.join(root, "test-results/.auth/admin-passkey.json");

const credentialSchema = z.object({
  credentialId: z.string(),
  isResidentCredential: z.boolean(),
  rpId: z.string().optional(),
  privateKey: z.string(),
  userHandle: z.string().optional(),
  signCount: z.number(),
});

export type VirtualAuthenticator = { cdp: CDPSession; authenticatorId: string };

/** A Chromium virtual authenticator on `page` (CTAP2, built in, resident keys, user verification passes). */
export async function addVirtualAuthenticator(page: Page): Promise<VirtualAuthenticator> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return { cdp, authenticatorId };
}

/** Saves the passkeys of `authenticator` so other specs can sign in as the same admin. */
export async function exportPasskeys({ cdp, authenticatorId }: VirtualAuthenticator): Promise<void> {
  const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  writeFileSync(ADMIN_PASSKEY_FILE, JSON.stringify(z.array(credentialSchema).parse(credentials)), { mode: 0o600 });
}

/**
 * Puts the bootstrap admin's passkey into a virtual authenticator on `page`. The signature counter starts at the
 * current time in seconds, so it is above whatever an earlier copy reached (the server refuses a counter that
 * did not grow).
 */
export async function installAdminPasskey(page: Page): Promise<VirtualAuthenticator> {
  const authenticator = await addVirtualAuthenticator(page);
  const credentials = z.array(credentialSchema).parse(JSON.parse(readFileSync(ADMIN_PASSKEY_FILE, "utf8")));
  for (const credential of credentials) {
    await authenticator.cdp.send("WebAuthn.addCredential", {
      authenticatorId: authenticator.authenticatorId,
      credential: { ...credential, signCount: Math.floor(Date.now() / 1000) },
    });
  }
  return authenticator;
}
