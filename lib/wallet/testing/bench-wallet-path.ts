import { performance } from "node:perf_hooks";
import { SandboxWallet } from "@/lib/sandbox/wallet/sandbox-wallet";
import { elementsToRequest, WALLET_DOCTYPES } from "@/lib/wallet/mdoc/wallet-doctypes";
import { buildDigitalCredentialRequests, createWalletRequestSecrets, type RequestedElements } from "@/lib/wallet/protocol/build-wallet-requests";
import { openWalletResponse } from "@/lib/wallet/protocol/open-wallet-response";
import { ANNEX_C_PROTOCOL, OID4VP_PROTOCOL } from "@/lib/wallet/protocol/wallet-protocols";
import { verifyDeviceResponse } from "@/lib/wallet/verify/verify-device-response";

const ORIGIN = "https://verifyd.example.com";

function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] ?? 0;
}

/**
 * The server's work per wallet answer, as submitWalletPresentation does it minus the database: decrypt (JWE or
 * HPKE), rebuild the transcript, verify issuer signature, chain, digests, validity and device signature. The
 * answers (with a 20 KB portrait, as a real mDL carries) are made beforehand by the sandbox wallet and not timed.
 */
export async function benchWalletPath(perProtocol = 200): Promise<string[]> {
  const wallet = await SandboxWallet.create();
  const requested: RequestedElements = Object.fromEntries(WALLET_DOCTYPES.map((doctype) => [doctype.doctype, elementsToRequest(doctype, ["firstName", "lastName", "dateOfBirth", "street", "city", "state", "postalCode", "country"], true)]));
  const portrait = Buffer.alloc(20_000, 7).toString("base64");
  const holder = { givenName: "Ada", familyName: "Lovelace", birthDate: "1985-12-10", street: "12 Analytical Way", city: "Salt Lake City", state: "UT", postalCode: "84101", portrait };
  const lines: string[] = [];
  for (const protocol of [OID4VP_PROTOCOL, ANNEX_C_PROTOCOL]) {
    const cases = [];
    for (let index = 0; index < perProtocol; index++) {
      const secrets = await createWalletRequestSecrets();
      const answer = await wallet.answer({ requests: buildDigitalCredentialRequests(secrets, WALLET_DOCTYPES, requested), origin: ORIGIN, holder, protocol });
      cases.push({ secrets, answer, bytes: JSON.stringify(answer).length });
    }
    const times: number[] = [];
    let verified = 0;
    for (const { secrets, answer } of cases) {
      const started = performance.now();
      const opened = await openWalletResponse(answer, secrets, ORIGIN);
      const result = await verifyDeviceResponse({ deviceResponse: opened.deviceResponse, sessionTranscript: opened.sessionTranscript, trustedCertificates: [wallet.authority.iacaDer], requested });
      times.push(performance.now() - started);
      if (result.ok) verified++;
    }
    const max = percentile(times, 1);
    lines.push(
      `wallet ID over ${protocol}: ${verified}/${cases.length} verified, answer ~${(cases[0]!.bytes / 1024).toFixed(0)} KB; server verification p50 ${percentile(times, 0.5).toFixed(1)} ms, p95 ${percentile(times, 0.95).toFixed(1)} ms, max ${max.toFixed(1)} ms  target <50 ms p95: ${percentile(times, 0.95) < 50 && verified === cases.length ? "PASS" : "FAIL"}`,
    );
  }
  return lines;
}
