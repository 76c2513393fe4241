import type { CoseKey } from "@owf/mdoc";
import { z } from "zod";
import { parseWalletRequests, presentDocument, tamperWithElement, type WalletRequests } from "@/lib/sandbox/wallet/answer-wallet-request";
import { createDeviceKey, createSandboxAuthority, issueMobileDocument, type SandboxAuthority } from "@/lib/sandbox/wallet/sandbox-issuer";
import { walletDoctypeOf } from "@/lib/wallet/mdoc/wallet-doctypes";

/**
 * What a test (or a curious admin) can ask the sandbox wallet to do wrong, one attack or mistake each:
 * VALID; UNTRUSTED_ISSUER (signed by an authority not on the trust list); TAMPERED_ELEMENT (a name changed after
 * signing); EXPIRED_DOCUMENT (expiry_date passed); EXPIRED_SIGNATURE (the MSO's validity over); WRONG_ORIGIN (the
 * device signed for another site); MAC_ONLY (a device MAC instead of a signature); WRONG_DEVICE_KEY (signed by a key the issuer
 * did not bind); REPLAY (the previous answer of this wallet, sent again).
 */
export const WALLET_VARIANTS = ["VALID", "UNTRUSTED_ISSUER", "TAMPERED_ELEMENT", "EXPIRED_DOCUMENT", "EXPIRED_SIGNATURE", "WRONG_ORIGIN", "MAC_ONLY", "WRONG_DEVICE_KEY", "REPLAY"] as const;
export type WalletVariant = (typeof WALLET_VARIANTS)[number];

/** The holder's data as an issuer would print it on the licence. */
export const walletHolderSchema = z.object({
  givenName: z.string().min(1).max(100),
  familyName: z.string().min(1).max(100),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  street: z.string().max(200).nullable().default(null),
  city: z.string().max(100).nullable().default(null),
  state: z.string().max(100).nullable().default(null),
  postalCode: z.string().max(20).nullable().default(null),
  /** ISO 3166-1 alpha-2. */
  country: z.string().length(2).default("US"),
  documentNumber: z.string().min(1).max(30).default("D1234567"),
  /** JPEG bytes, base64: the portrait the issuer photographed. */
  portrait: z.string().max(2_000_000).nullable().default(null),
});
export type WalletHolder = z.input<typeof walletHolderSchema>;

const DAY_MS = 86_400_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

function mdlElements(holder: z.output<typeof walletHolderSchema>, now: Date, expired: boolean): Record<string, unknown> {
  const address = { resident_address: holder.street, resident_city: holder.city, resident_state: holder.state, resident_postal_code: holder.postalCode };
  return {
    family_name: holder.familyName,
    given_name: holder.givenName,
    birth_date: holder.birthDate,
    issue_date: isoDay(new Date(now.getTime() - 400 * DAY_MS)),
    expiry_date: isoDay(new Date(now.getTime() + (expired ? -3 : 1500) * DAY_MS)),
    // The authority's country and state (its certificate says C=US, ST=UT), not the holder's: an mDL is issued
    // where the authority is, wherever its holder lives now.
    issuing_country: "US",
    issuing_authority: "Sandbox Department of Motor Vehicles",
    issuing_jurisdiction: "US-UT",
    document_number: holder.documentNumber,
    ...Object.fromEntries(Object.entries(address).filter(([, value]) => value !== null)),
    resident_country: holder.country,
    ...(holder.portrait ? { portrait: new Uint8Array(Buffer.from(holder.portrait, "base64")) } : {}),
    age_over_18: true,
  };
}

/**
 * The sandbox's state issuer and a phone wallet in one: it issues an mDL to whoever it is asked about, signed by the
 * sandbox IACA (the trust list's sandbox entry), and answers a page's Digital Credentials request with it, over
 * OpenID4VP or Annex C, exactly as the protocols say, or wrong in one chosen way.
 */
export class SandboxWallet {
  private lastAnswer: { protocol: string; data: Record<string, unknown> } | null = null;

  private constructor(
    readonly authority: SandboxAuthority,
    private readonly rogue: SandboxAuthority,
  ) {}

  static async create(now = new Date()): Promise<SandboxWallet> {
    return new SandboxWallet(await createSandboxAuthority("verifyd Sandbox DMV", { now }), await createSandboxAuthority("Unlisted Issuer", { now, state: "NV" }));
  }

  async answer(options: { requests: WalletRequests; origin: string; holder: WalletHolder; variant?: WalletVariant; protocol?: string; now?: Date }): Promise<{ protocol: string; data: Record<string, unknown> }> {
    const variant = options.variant ?? "VALID";
    if (variant === "REPLAY" && this.lastAnswer) return this.lastAnswer;
    const request = parseWalletRequests(options.requests, (doctype) => walletDoctypeOf(doctype)?.doctype === "org.iso.18013.5.1.mDL", options.protocol);
    if (!request) throw new Error("The sandbox wallet holds no document this page asks for.");
    const now = options.now ?? new Date();
    const holder = walletHolderSchema.parse(options.holder);
    const device = await createDeviceKey();
    const issue = (authority: SandboxAuthority, elements: Record<string, unknown>, validUntil = new Date(now.getTime() + 30 * DAY_MS)) =>
      issueMobileDocument({ authority, elements, deviceKey: device.publicJwk, validFrom: new Date(now.getTime() - DAY_MS), validUntil });
    const elements = mdlElements(holder, now, variant === "EXPIRED_DOCUMENT");
    let issuerSigned = await issue(variant === "UNTRUSTED_ISSUER" ? this.rogue : this.authority, elements, variant === "EXPIRED_SIGNATURE" ? new Date(now.getTime() - 60_000) : undefined);
    if (variant === "TAMPERED_ELEMENT") issuerSigned = tamperWithElement(issuerSigned, await issue(this.authority, { ...elements, family_name: "Mallory" }));
    let deviceKey: CoseKey = device.privateKey;
    if (variant === "WRONG_DEVICE_KEY") deviceKey = (await createDeviceKey()).privateKey;
    const { response } = await presentDocument({
      request,
      issuerSigned,
      deviceKey,
      origin: variant === "WRONG_ORIGIN" ? "https://attacker.example" : options.origin,
      authentication: variant === "MAC_ONLY" ? "MAC" : "SIGNATURE",
    });
    const answer = { protocol: request.protocol, data: response };
    if (variant !== "REPLAY") this.lastAnswer = answer;
    return answer;
  }
}
