import type { Metadata } from "next";
import { CopyValue } from "@/app/(console)/settings/identity-verification/copy-value";
import { IdvClientRowActions } from "@/app/(console)/settings/identity-verification/idv-client-row-actions";
import { RegisterIdvClientForm } from "@/app/(console)/settings/identity-verification/register-idv-client-form";
import { RotateSigningKeyButton } from "@/app/(console)/settings/identity-verification/rotate-signing-key-button";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/guards";
import { getServerEnv } from "@/lib/config/server-env";
import { listIdvClients } from "@/lib/idv/clients/list-idv-clients";
import { listSigningKeys } from "@/lib/idv/keys/signing-keys";
import { idvEndpoints } from "@/lib/idv/protocol/idv-endpoints";
import { CLAIM_LABELS, CLAIM_NAMES } from "@/lib/verification/claims";

export const metadata: Metadata = { title: "Identity verification" };

// Okta pre-fills these on a Custom ID verification provider and needs all three.
const OKTA_SCOPES = "openid profile identity_assurance";

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const formatDate = (date: Date) => `${dateFormat.format(date)} UTC`;

/** The fields of Okta's form in the order Okta asks for them, each with the value to paste. */
function oktaValues(appUrl: string) {
  const endpoints = idvEndpoints(appUrl);
  return [
    { key: "issuer", label: "Issuer", value: endpoints.issuer },
    { key: "par", label: "PAR request URL", value: endpoints.par },
    { key: "authorize", label: "Authorize URL", value: endpoints.authorize },
    { key: "token", label: "Token URL", value: endpoints.token },
    { key: "jwks", label: "JWKS URL", value: endpoints.jwks },
    { key: "scopes", label: "Scopes", value: OKTA_SCOPES },
    { key: "discovery", label: "Discovery document (for reference)", value: endpoints.discovery },
  ];
}

export default async function IdentityVerificationPage() {
  await requirePagePermission("settings:manage");
  const [clients, keys] = await Promise.all([listIdvClients(), listSigningKeys()]);
  const currentKey = keys.find((key) => key.retiredAt === null);
  const retiredKeys = keys.filter((key) => key.retiredAt !== null);

  return (
    <>
      <PageHeader
        title="Identity verification for Okta"
        description="verifyd as Okta's identity verification vendor: before a password recovery, authenticator enrolment or unlock, Okta sends the user here to verify their ID document."
      />
      <div className="space-y-6">
        <Card title="What to enter in Okta">
          <p className="mb-4 max-w-3xl text-sm text-slate-600">
            In the Okta Admin Console, open Security → Identity Providers → Add identity provider → Custom ID verification. Enter the values below, and the client ID
            and secret of a client registered on this page. Then add the identity provider to your Account Management Policy rules for password recovery,
            authenticator enrolment and unlock, so Okta requires the verification there.
          </p>
          <dl className="grid grid-cols-1 gap-3 sm:grid-cols-[14rem_1fr] sm:items-center" data-testid="okta-values">
            {oktaValues(getServerEnv().APP_URL).map((entry) => (
              <div key={entry.key} className="contents">
                <dt className="text-sm font-medium text-slate-800">{entry.label}</dt>
                <dd className="min-w-0">
                  <CopyValue value={entry.value} label={entry.label} testId={`okta-value-${entry.key}`} />
                </dd>
              </div>
            ))}
          </dl>
        </Card>

        <Card title="Register a client" description="One per Okta org. You get a client ID and a secret, shown once, to enter in Okta.">
          <RegisterIdvClientForm />
        </Card>

        <Card title={`${clients.length} registered client${clients.length === 1 ? "" : "s"}`}>
          {clients.length === 0 ? (
            <EmptyState title="No clients yet">Register one above for each Okta org that should send its users here.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100">
              {clients.map((client) => {
                const allowedClaims = CLAIM_NAMES.filter((claim) => client.allowedClaims.includes(claim));
                return (
                  <li key={client.id} className="space-y-3 py-4" data-testid="idv-client-row" data-client-id={client.clientId}>
                    <div className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
                      <span data-testid="idv-client-name">{client.name}</span>
                      <span data-testid="idv-client-status">
                        {client.revokedAt ? <Badge tone="danger">Revoked</Badge> : <Badge tone="success">Active</Badge>}
                      </span>
                    </div>
                    <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-2">
                      <div>
                        <dt className="text-xs text-slate-500">Client ID</dt>
                        <dd className="font-mono text-xs break-all text-slate-900" data-testid="idv-client-id">
                          {client.clientId}
                        </dd>
                      </div>
                      <div>
                        <dt className="text-xs text-slate-500">Claims</dt>
                        <dd className="text-slate-900" data-testid="idv-client-claims">
                          {allowedClaims.map((claim) => CLAIM_LABELS[claim]).join(", ")}
                        </dd>
                      </div>
                      <div className="sm:col-span-2">
                        <dt className="text-xs text-slate-500">Redirect URIs</dt>
                        <dd>
                          <ul className="space-y-0.5 font-mono text-xs break-all text-slate-900" data-testid="idv-client-redirect-uris">
                            {client.redirectUris.map((uri) => (
                              <li key={uri}>{uri}</li>
                            ))}
                          </ul>
                        </dd>
                      </div>
                    </dl>
                    <p className="text-xs text-slate-500">
                      Registered {formatDate(client.createdAt)}
                      {client.createdBy ? ` by ${client.createdBy.email}` : ""}
                      {client.secretRotatedAt ? ` · secret replaced ${formatDate(client.secretRotatedAt)}` : ""}
                      {client.revokedAt ? ` · revoked ${formatDate(client.revokedAt)}` : ""}
                    </p>
                    {client.revokedAt ? null : (
                      <IdvClientRowActions client={{ id: client.id, name: client.name, redirectUris: client.redirectUris, allowedClaims }} />
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </Card>

        <Card
          title="Signing keys"
          description="The key that signs ID tokens, published at the JWKS URL. A retired key stays published for a day, so tokens it signed still verify."
          actions={<RotateSigningKeyButton />}
        >
          <div className="space-y-3 text-sm" data-testid="signing-keys">
            {currentKey ? (
              <p className="flex flex-wrap items-center gap-2">
                <Badge tone="success">Current</Badge>
                <code className="font-mono text-xs" data-testid="current-signing-key">
                  {currentKey.kid}
                </code>
                <span className="text-xs text-slate-500">created {formatDate(currentKey.createdAt)}</span>
              </p>
            ) : (
              <p className="text-slate-600">No key yet: one is created when the first ID token is signed, or when you rotate.</p>
            )}
            {retiredKeys.length > 0 ? (
              <ul className="space-y-1" data-testid="retired-signing-keys">
                {retiredKeys.map((key) => (
                  <li key={key.kid} className="flex flex-wrap items-center gap-2">
                    <Badge>Retired</Badge>
                    <code className="font-mono text-xs">{key.kid}</code>
                    <span className="text-xs text-slate-500">
                      created {formatDate(key.createdAt)}
                      {key.retiredAt ? `, retired ${formatDate(key.retiredAt)}` : ""}
                    </span>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        </Card>
      </div>
    </>
  );
}
