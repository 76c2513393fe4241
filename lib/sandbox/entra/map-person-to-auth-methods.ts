import type { MfaKind, SandboxPerson } from "@/lib/sandbox/shared/generate-person";
import { methodIdFor } from "@/lib/sandbox/entra/entra-ids";
import type { EntraTenantState, MethodType } from "@/lib/sandbox/entra/tenant-state";

/** Graph's fixed ids for the password method and for phone / email methods (they are per type, not per user). */
export const PASSWORD_METHOD_ID = "28c10230-6103-485e-b985-444c60001490";
export const MOBILE_PHONE_METHOD_ID = "3179e48a-750b-4051-897c-87b9720928f7";
export const EMAIL_METHOD_ID = "3ddfcfc8-9383-446f-83cc-3ab9be4be18f";

const KIND_TO_TYPE: Partial<Record<MfaKind, MethodType>> = {
  authenticator_app: "microsoftAuthenticator",
  sms: "phone",
  totp: "softwareOath",
  fido2: "fido2",
  email: "email",
  // security_question has no Graph authentication method (SSPR questions are not exposed), so it is absent.
};

export type AuthMethod = { type: MethodType; id: string; body: Record<string, unknown> };

function methodBody(person: SandboxPerson, type: MethodType, id: string, created: string): Record<string, unknown> {
  switch (type) {
    case "microsoftAuthenticator":
      return { "@odata.type": "#microsoft.graph.microsoftAuthenticatorAuthenticationMethod", id, displayName: `${person.givenName ?? "User"}'s phone`, deviceTag: "SoftwareTokenActivated", phoneAppVersion: "6.2401.0119", createdDateTime: created };
    case "phone":
      return { "@odata.type": "#microsoft.graph.phoneAuthenticationMethod", id, phoneNumber: person.mobilePhone ?? "+1 4255550100", phoneType: "mobile", smsSignInState: "notEnabled" };
    case "softwareOath":
      return { "@odata.type": "#microsoft.graph.softwareOathAuthenticationMethod", id, secretKey: null };
    case "fido2":
      return { "@odata.type": "#microsoft.graph.fido2AuthenticationMethod", id, displayName: "Security key", createdDateTime: created, aaGuid: "cb69481e-8ff7-4039-93ec-0a2729a154a8", model: "YubiKey 5 Series", attestationCertificates: [], attestationLevel: "attested" };
    case "email":
      return { "@odata.type": "#microsoft.graph.emailAuthenticationMethod", id, emailAddress: `${person.loginLocalPart}@example.net` };
  }
}

/** The user's removable (MFA) methods: what the generator enrolled minus what was deleted. */
export function listMfaMethods(tenant: EntraTenantState, person: SandboxPerson): AuthMethod[] {
  const removed = new Set(tenant.overlays.get(person.index)?.removedMethods.map((method) => method.id));
  const created = "2023-09-01T08:00:00Z";
  const methods: AuthMethod[] = [];
  for (const kind of person.mfa) {
    const type = KIND_TO_TYPE[kind];
    if (!type) continue;
    const id = type === "phone" ? MOBILE_PHONE_METHOD_ID : type === "email" ? EMAIL_METHOD_ID : methodIdFor(tenant.seed, person.index, type);
    if (!removed.has(id)) methods.push({ type, id, body: methodBody(person, type, id, created) });
  }
  return methods;
}

/**
 * The sandbox's stand-in for the user's default MFA method: the phone, when the user has no Microsoft
 * Authenticator (which Entra prefers as the system-preferred method). Entra refuses to delete the default
 * method while others remain.
 */
export function isDefaultPhone(methods: readonly AuthMethod[], method: AuthMethod): boolean {
  return method.type === "phone" && !methods.some((other) => other.type === "microsoftAuthenticator");
}

/** Everything `GET /users/{id}/authentication/methods` lists: password, MFA methods and a live TAP. */
export function listAllMethods(tenant: EntraTenantState, person: SandboxPerson): Array<Record<string, unknown>> {
  const overlay = tenant.overlays.get(person.index);
  const password = { "@odata.type": "#microsoft.graph.passwordAuthenticationMethod", id: PASSWORD_METHOD_ID, password: null, createdDateTime: overlay?.password?.setAt ?? "2023-09-01T08:00:00Z" };
  const tap = overlay?.temporaryAccessPass;
  const tapBody = tap
    ? [{ "@odata.type": "#microsoft.graph.temporaryAccessPassAuthenticationMethod", id: tap.id, temporaryAccessPass: null, createdDateTime: tap.createdDateTime, startDateTime: tap.startDateTime, lifetimeInMinutes: tap.lifetimeInMinutes, isUsableOnce: tap.isUsableOnce, isUsable: true, methodUsabilityReason: "EnabledByPolicy" }]
    : [];
  return [password, ...listMfaMethods(tenant, person).map((method) => method.body), ...tapBody];
}
