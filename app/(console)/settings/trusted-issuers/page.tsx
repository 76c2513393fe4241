import type { Metadata } from "next";
import { AddCertificateForm } from "@/app/(console)/settings/trusted-issuers/add-certificate-form";
import { formatFingerprint } from "@/app/(console)/settings/trusted-issuers/format-fingerprint";
import { ImportVicalForm } from "@/app/(console)/settings/trusted-issuers/import-vical-form";
import { RemoveTrustedIssuerButton } from "@/app/(console)/settings/trusted-issuers/trusted-issuer-row-actions";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/guards";
import { listTrustedIssuers, type TrustedIssuerListItem } from "@/lib/wallet/trust/list-trusted-issuers";

export const metadata: Metadata = { title: "Trusted issuers" };

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

const SOURCE_LABELS: Record<TrustedIssuerListItem["source"], string> = { UPLOAD: "Uploaded", VICAL: "VICAL", SANDBOX: "Sandbox" };

function Validity({ issuer }: { issuer: TrustedIssuerListItem }) {
  return (
    <div className="space-y-1">
      <p className="text-slate-700">
        <span className="whitespace-nowrap">{dateFormat.format(issuer.notBefore)} –</span> <span className="whitespace-nowrap">{dateFormat.format(issuer.notAfter)}</span>
      </p>
      {issuer.expired ? <Badge tone="danger">Expired</Badge> : null}
      {issuer.notYetValid ? <Badge tone="warning">Not yet valid</Badge> : null}
    </div>
  );
}

export default async function TrustedIssuersPage() {
  await requirePagePermission("settings:manage");
  const issuers = await listTrustedIssuers();

  return (
    <>
      <PageHeader
        title="Trusted issuers"
        description="The issuing authorities whose wallet IDs (mobile driving licences and ID cards, ISO/IEC 18013-5) verifyd accepts."
      />
      <div className="space-y-6">
        <Card title="How wallet IDs are trusted">
          <div className="max-w-3xl space-y-2 text-sm text-slate-600">
            <p>
              A wallet ID is accepted only when the certificate that signed it chains to a root (an IACA certificate) listed on this page. Nothing is trusted by
              default: add the root of each authority whose IDs you accept, as that authority publishes it, or import a VICAL, a signed list of roots such as
              AAMVA&apos;s for US states and Canadian provinces.
            </p>
            <p>While the sandbox runs, its own root is listed too (source “Sandbox”). The sandbox replaces it at every start; it cannot be removed here.</p>
          </div>
        </Card>

        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
          <Card title="Add a root certificate" description="One file, PEM or DER. Every certificate in it must be a self-signed CA certificate.">
            <AddCertificateForm />
          </Card>
          <Card title="Import a VICAL" description="Its signature is checked first; then every IACA root it lists is added.">
            <ImportVicalForm />
          </Card>
        </div>

        <Card title={`${issuers.length} trusted root${issuers.length === 1 ? "" : "s"}`}>
          {issuers.length === 0 ? (
            <EmptyState title="Nothing is trusted yet">Every wallet ID is refused until you add the root of an authority that issues them.</EmptyState>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full min-w-[48rem] table-fixed divide-y divide-slate-200 text-sm">
                <thead>
                  <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                    <th scope="col" className="py-2 pr-4">Issuer</th>
                    <th scope="col" className="w-24 py-2 pr-4">Country / state</th>
                    <th scope="col" className="w-32 py-2 pr-4">Valid (UTC)</th>
                    <th scope="col" className="w-48 py-2 pr-4">SHA-256 fingerprint</th>
                    <th scope="col" className="w-44 py-2 pr-4">Source</th>
                    <th scope="col" className="w-24 py-2">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {issuers.map((issuer) => (
                    <tr key={issuer.id} className="align-top" data-testid="trusted-issuer-row" data-fingerprint={issuer.fingerprint} data-source={issuer.source}>
                      <td className="py-3 pr-4">
                        <p className="font-medium text-slate-900" data-testid="trusted-issuer-name">
                          {issuer.commonName}
                        </p>
                        <p className="mt-0.5 text-xs break-words text-slate-500">{issuer.subject}</p>
                      </td>
                      <td className="py-3 pr-4 text-slate-700" data-testid="trusted-issuer-region">
                        {[issuer.country, issuer.stateOrProvince].filter(Boolean).join(" / ") || "—"}
                      </td>
                      <td className="py-3 pr-4" data-testid="trusted-issuer-validity">
                        <Validity issuer={issuer} />
                      </td>
                      <td className="py-3 pr-4">
                        <code className="block font-mono text-xs leading-5 text-slate-800" data-testid="trusted-issuer-fingerprint">
                          {formatFingerprint(issuer.fingerprint)}
                        </code>
                      </td>
                      <td className="py-3 pr-4" data-testid="trusted-issuer-source">
                        <Badge tone={issuer.source === "SANDBOX" ? "warning" : issuer.source === "VICAL" ? "brand" : "neutral"}>{SOURCE_LABELS[issuer.source]}</Badge>
                        {issuer.sourceLabel ? <p className="mt-1 text-xs break-words text-slate-600">{issuer.sourceLabel}</p> : null}
                        <p className="mt-0.5 text-xs break-words text-slate-500">
                          Added {dateFormat.format(issuer.createdAt)}
                          {issuer.createdBy ? ` by ${issuer.createdBy.email}` : ""}
                        </p>
                      </td>
                      <td className="py-3 text-right">
                        {issuer.source === "SANDBOX" ? null : <RemoveTrustedIssuerButton id={issuer.id} commonName={issuer.commonName} />}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
