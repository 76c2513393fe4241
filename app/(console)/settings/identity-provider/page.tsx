import type { Metadata } from "next";
import { ConnectProvider } from "@/app/(console)/settings/identity-provider/connect-provider";
import { ConnectionActions } from "@/app/(console)/settings/identity-provider/connection-actions";
import { ConnectionToolbar } from "@/app/(console)/settings/identity-provider/connection-toolbar";
import { OktaPublicKey } from "@/app/(console)/settings/identity-provider/okta-public-key";
import { SyncPanel } from "@/app/(console)/settings/identity-provider/sync-panel";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/guards";
import { roleHasPermission } from "@/lib/auth/permissions";
import { getServerEnv } from "@/lib/config/server-env";
import { needsCustomDomainConfirmation } from "@/lib/connections/confirm-okta-custom-domain";
import { entraConsentRedirectUri } from "@/lib/iam/entra/entra-consent";
import { getIamConnection, type IamConnectionView } from "@/lib/connections/get-iam-connection";
import { readSandboxConnections, sandboxOrigins } from "@/lib/connections/sandbox-offer";
import { PROVIDER_LABELS } from "@/lib/connections/provider-labels";

export const metadata: Metadata = { title: "Identity provider" };

const CONSENT_MESSAGES = {
  granted: { tone: "success", text: "Admin consent granted. The connection is active." },
  refused: { tone: "error", text: "Admin consent was not granted. See the reason below, then try again or delete the connection." },
  invalid_state: { tone: "error", text: "That consent response does not belong to this session or has expired. Start the consent again." },
} as const;

const STATUS_BADGE = { ACTIVE: "success", INCOMPLETE: "warning", ERROR: "danger" } as const;

function Detail({ label, value }: { label: string; value: string | null }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="break-all text-sm text-slate-900">{value ?? "—"}</dd>
    </div>
  );
}

function ConnectionDetails({ connection }: { connection: IamConnectionView }) {
  if (connection.provider === "ENTRA") {
    const { settings } = connection;
    return (
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <Detail label="Tenant" value={settings.tenantId ?? settings.tenant} />
        <Detail label="Application (client) id" value={settings.clientId} />
        <Detail label="Employee group" value={connection.groupId} />
        <Detail label="Credential" value={settings.credentialType === "certificate" ? `Certificate (expires ${settings.certificate?.expiresAt.slice(0, 10) ?? "?"})` : "Client secret (stored encrypted)"} />
        <Detail label="Graph" value={settings.graphBaseUrl} />
      </dl>
    );
  }
  const { settings } = connection;
  return (
    <div className="space-y-5">
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <Detail label="Org URL" value={settings.orgUrl} />
        <Detail label="Client id" value={settings.clientId} />
        <Detail label="Employee group" value={connection.groupId} />
      </dl>
      <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-600">
        <li>In the Okta Admin Console, open Applications → your API Services app → General → Client Credentials.</li>
        <li>Choose &quot;Public key / Private key&quot;, add the public key below (paste the JWK), and save.</li>
        <li>Okta API Scopes: grant okta.groups.read and okta.users.manage, plus okta.roles.read so privileged accounts can be refused before a reset, and okta.logs.read so syncs after the first read only what changed (the System Log; without it every sync is a full pass).</li>
        <li>Admin roles: assign Help Desk Administrator, with the employee group as its resource set.</li>
        <li>Come back and test the connection.</li>
      </ol>
      <div className="space-y-4">
        {settings.keys
          .filter((key) => key.status !== "retired")
          .map((key) => (
            <OktaPublicKey key={key.kid} kid={key.kid} status={key.status} jwk={JSON.stringify(key.publicJwk, null, 2)} />
          ))}
      </div>
    </div>
  );
}

export default async function IdentityProviderPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission("settings:view");
  const canManage = roleHasPermission(user.role, "settings:manage");
  const connection = await getIamConnection();
  const consent = (await searchParams).consent;
  const consentMessage = typeof consent === "string" && consent in CONSENT_MESSAGES ? CONSENT_MESSAGES[consent as keyof typeof CONSENT_MESSAGES] : null;

  return (
    <>
      <PageHeader title="Identity provider" description="The Microsoft Entra ID tenant or Okta org that holds your employee group." />
      <div className="space-y-6">
        {consentMessage ? <Alert tone={consentMessage.tone}>{consentMessage.text}</Alert> : null}
        {connection ? (
          <Card
            title={PROVIDER_LABELS[connection.provider]}
            actions={<Badge tone={STATUS_BADGE[connection.status]}>{connection.status === "ACTIVE" ? "Active" : connection.status === "INCOMPLETE" ? "Incomplete" : "Error"}</Badge>}
          >
            <div className="space-y-5">
              {connection.statusReason ? <Alert tone={connection.status === "ERROR" ? "error" : "warning"}>{connection.statusReason}</Alert> : null}
              <ConnectionDetails connection={connection} />
              {canManage ? (
                <ConnectionActions connectionId={connection.id} canRetryConsent={connection.provider === "ENTRA" && connection.status !== "ACTIVE"}>
                  {connection.provider === "OKTA" || connection.status !== "INCOMPLETE" ? (
                    <ConnectionToolbar
                      active={connection.status === "ACTIVE"}
                      okta={
                        connection.provider === "OKTA"
                          ? {
                              hasNextKey: connection.settings.keys.some((key) => key.status === "next"),
                              sandbox: readSandboxConnections()?.okta?.orgUrl === connection.settings.orgUrl,
                              keyVersion: connection.keyVersion,
                              needsCustomDomainConfirmation: needsCustomDomainConfirmation(connection.settings, sandboxOrigins()),
                            }
                          : null
                      }
                    />
                  ) : null}
                </ConnectionActions>
              ) : null}
            </div>
          </Card>
        ) : canManage ? (
          <Card title="Connect your identity provider" description="One connection per installation. Secrets are encrypted at rest and never shown again.">
            <ConnectProvider redirectUri={entraConsentRedirectUri(getServerEnv().APP_URL)} sandbox={readSandboxConnections()} />
          </Card>
        ) : (
          <Card title="Not connected">
            <p className="text-sm text-slate-600">An administrator has not connected an identity provider yet.</p>
          </Card>
        )}
        {connection && connection.status === "ACTIVE" ? (
          <Card title="Directory sync" description={`Every ${connection.syncIntervalMinutes} minutes, and on demand. Employees who leave the group are marked inactive after a complete pass.`}>
            <SyncPanel />
          </Card>
        ) : null}
      </div>
    </>
  );
}
