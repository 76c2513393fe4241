/**
 * Graph authentication method types (`@odata.type`) -> the URL segment that deletes them. The password is
 * absent on purpose (it cannot be deleted, only reset); unknown future types are kept and reported.
 */
const DELETE_SEGMENTS: Record<string, string> = {
  microsoftAuthenticatorAuthenticationMethod: "microsoftAuthenticatorMethods",
  phoneAuthenticationMethod: "phoneMethods",
  softwareOathAuthenticationMethod: "softwareOathMethods",
  fido2AuthenticationMethod: "fido2Methods",
  emailAuthenticationMethod: "emailMethods",
  windowsHelloForBusinessAuthenticationMethod: "windowsHelloForBusinessMethods",
  platformCredentialAuthenticationMethod: "platformCredentialMethods",
  temporaryAccessPassAuthenticationMethod: "temporaryAccessPassMethods",
};

export type EntraMethodKind = { kind: string; deleteSegment: string | null };

/** "#microsoft.graph.fido2AuthenticationMethod" -> { kind: "fido2", deleteSegment: "fido2Methods" }. */
export function classifyEntraMethod(odataType: string): EntraMethodKind {
  const type = odataType.replace(/^#?microsoft\.graph\./, "");
  return { kind: type.replace(/AuthenticationMethod$/, ""), deleteSegment: DELETE_SEGMENTS[type] ?? null };
}
