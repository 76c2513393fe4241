import { z } from "zod";
import { WALLET_CHECK_LABELS, type WalletCheckName } from "@/lib/verification/decision/wallet-checks";

const CHECK_NAMES = Object.keys(WALLET_CHECK_LABELS) as [WalletCheckName, ...WalletCheckName[]];

/** The `wallet` part of a wallet ID's evidence row (WalletEvidence), read back through a schema: it is JSON. */
export const walletEvidenceSchema = z.object({
  protocol: z.string(),
  doctype: z.string(),
  doctypeLabel: z.string(),
  issuer: z.object({ subject: z.string(), commonName: z.string(), country: z.string().nullable(), state: z.string().nullable() }),
  trustAnchor: z.object({ subject: z.string(), commonName: z.string(), fingerprint: z.string() }),
  checks: z.array(z.object({ check: z.enum(CHECK_NAMES), passed: z.boolean() })),
  elementsUsed: z.array(z.string()),
  portraitSigned: z.boolean(),
});
export type StoredWalletEvidence = z.infer<typeof walletEvidenceSchema>;

const PROTOCOL_LABELS: Record<string, string> = { "openid4vp-v1-unsigned": "OpenID4VP", "org-iso-mdoc": "ISO 18013-7 Annex C" };

/** The agent's row for the document check: "Signed mobile ID (issuer, trust anchor): …". */
export function describeWalletEvidence(wallet: StoredWalletEvidence): string {
  const fingerprint = wallet.trustAnchor.fingerprint.slice(0, 16).replace(/(.{4})/g, "$1 ").trim();
  const passed = wallet.checks.filter((check) => check.passed).map((check) => WALLET_CHECK_LABELS[check.check]);
  return `Signed mobile ID (${wallet.issuer.commonName}, trust anchor ${wallet.trustAnchor.commonName} · SHA-256 ${fingerprint}…): ${wallet.doctypeLabel} over ${PROTOCOL_LABELS[wallet.protocol] ?? wallet.protocol}; checked: ${passed.join("; ")}.`;
}
