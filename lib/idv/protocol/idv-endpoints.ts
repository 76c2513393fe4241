/** Every URL of the identity verification provider, from the one base URL (the Settings page shows the same). */
export type IdvEndpoints = { issuer: string; discovery: string; par: string; authorize: string; token: string; jwks: string };

export function idvEndpoints(appUrl: string): IdvEndpoints {
  const issuer = `${appUrl.replace(/\/+$/, "")}/idv`;
  return {
    issuer,
    discovery: `${issuer}/.well-known/openid-configuration`,
    par: `${issuer}/par`,
    authorize: `${issuer}/authorize`,
    token: `${issuer}/token`,
    jwks: `${issuer}/jwks`,
  };
}
