import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Identity provider" };

export default async function IdentityProviderPage() {
  await requirePagePermission("settings:view");
  return (
    <>
      <PageHeader
        title="Identity provider"
        description="Connect the Microsoft Entra ID tenant or Okta org that holds your employee group."
      />
      <Card title="Not connected" description="No identity provider is connected to this installation yet.">
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-600">
          <li>Microsoft Entra ID: tenant, application (client) id, credential and employee group object id, then admin consent.</li>
          <li>Okta: org URL, API service app client id and employee group id, with a key pair this console generates.</li>
        </ul>
      </Card>
    </>
  );
}
