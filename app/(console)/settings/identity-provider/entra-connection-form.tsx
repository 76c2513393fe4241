"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import { saveEntraConnectionAction } from "@/app/(console)/settings/identity-provider/actions";
import { applyServerFieldErrors } from "@/components/forms/apply-server-field-errors";
import { useStepUp } from "@/components/console/step-up-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Select, TextInput } from "@/components/ui/field";
import { type EntraConnectionInput, type ParsedEntraConnectionInput, entraConnectionInputSchema } from "@/lib/connections/connection-schemas";

type SandboxValues = { url: string; tenantId: string; clientId: string; clientSecret: string; groupId: string };

/** Entra: tenant, app, credential and group; saving leads to the tenant's admin-consent page. */
export function EntraConnectionForm({ redirectUri, sandbox }: { redirectUri: string; sandbox: SandboxValues | null }) {
  const [error, setError] = useState<string>();
  const [certificate, setCertificate] = useState<{ pem: string; consentUrl: string }>();
  const [pending, startTransition] = useTransition();
  const withStepUp = useStepUp();
  const form = useForm<EntraConnectionInput, unknown, ParsedEntraConnectionInput>({
    resolver: zodResolver(entraConnectionInputSchema),
    defaultValues: { tenant: "", clientId: "", groupId: "", credentialType: "client_secret", clientSecret: "", authorityHost: "", graphBaseUrl: "" },
  });
  const { errors } = form.formState;
  const credentialType = useWatch({ control: form.control, name: "credentialType" });

  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      setError(undefined);
      const result = await withStepUp(() => saveEntraConnectionAction(values));
      if (!result.ok) {
        setError(result.error);
        applyServerFieldErrors(form.setError, values, result.fieldErrors);
        return;
      }
      // A certificate must be uploaded to the app registration first; a secret can go straight to consent.
      if (result.data.certificatePem) setCertificate({ pem: result.data.certificatePem, consentUrl: result.data.consentUrl });
      else window.location.assign(result.data.consentUrl);
    }),
  );

  if (certificate) {
    return (
      <div className="space-y-4">
        <Alert tone="info" title="Upload this certificate to the app registration">
          In the Entra admin center open App registrations → your app → Certificates &amp; secrets → Certificates → Upload
          certificate, and upload this file. Then continue to admin consent.
        </Alert>
        <pre className="max-h-48 overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">{certificate.pem}</pre>
        <div className="flex flex-wrap gap-2">
          <a className="text-sm font-medium text-brand-700 hover:underline" download="verifyd-entra.cer" href={`data:application/x-pem-file;charset=utf-8,${encodeURIComponent(certificate.pem)}`}>
            Download certificate (.cer)
          </a>
          <Button onClick={() => window.location.assign(certificate.consentUrl)}>I uploaded it: continue to admin consent</Button>
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {error ? <Alert tone="error">{error}</Alert> : null}
      {sandbox ? (
        <Button
          variant="secondary"
          size="sm"
          onClick={() =>
            form.reset({ tenant: sandbox.tenantId, clientId: sandbox.clientId, groupId: sandbox.groupId, credentialType: "client_secret", clientSecret: sandbox.clientSecret, authorityHost: sandbox.url, graphBaseUrl: sandbox.url })
          }
        >
          Fill in the sandbox tenant
        </Button>
      ) : null}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field label="Tenant" htmlFor="entra-tenant" error={errors.tenant?.message} hint="Directory (tenant) id, or a verified domain.">
          <TextInput id="entra-tenant" aria-invalid={Boolean(errors.tenant)} {...form.register("tenant")} />
        </Field>
        <Field label="Application (client) id" htmlFor="entra-client-id" error={errors.clientId?.message}>
          <TextInput id="entra-client-id" aria-invalid={Boolean(errors.clientId)} {...form.register("clientId")} />
        </Field>
        <Field label="Employee group object id" htmlFor="entra-group-id" error={errors.groupId?.message} hint="Groups → All groups → your employees group → Object id.">
          <TextInput id="entra-group-id" aria-invalid={Boolean(errors.groupId)} {...form.register("groupId")} />
        </Field>
        <Field label="Credential" htmlFor="entra-credential" error={errors.credentialType?.message}>
          <Select id="entra-credential" {...form.register("credentialType")}>
            <option value="client_secret">Client secret</option>
            <option value="certificate">Certificate (generated here, recommended)</option>
          </Select>
        </Field>
        {credentialType === "client_secret" ? (
          <Field label="Client secret value" htmlFor="entra-secret" error={errors.clientSecret?.message} hint="Stored encrypted; never shown again.">
            <TextInput id="entra-secret" type="password" autoComplete="off" aria-invalid={Boolean(errors.clientSecret)} {...form.register("clientSecret")} />
          </Field>
        ) : null}
      </div>
      <details className="rounded-md bg-slate-50 px-4 py-3 text-sm ring-1 ring-slate-200">
        <summary className="cursor-pointer font-medium text-slate-700">Advanced: endpoints (national clouds, sandbox)</summary>
        <div className="mt-4 grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Field label="Identity platform host" htmlFor="entra-authority" error={errors.authorityHost?.message} hint="Default https://login.microsoftonline.com">
            <TextInput id="entra-authority" {...form.register("authorityHost")} />
          </Field>
          <Field label="Microsoft Graph URL" htmlFor="entra-graph" error={errors.graphBaseUrl?.message} hint="Default https://graph.microsoft.com">
            <TextInput id="entra-graph" {...form.register("graphBaseUrl")} />
          </Field>
        </div>
      </details>
      <p className="text-xs text-slate-500">
        Register <code className="rounded bg-slate-100 px-1">{redirectUri}</code> as a Web redirect URI of the app, and add the
        application permissions GroupMember.Read.All, User.Read.All, User-PasswordProfile.ReadWrite.All, User.RevokeSessions.All,
        UserAuthenticationMethod.ReadWrite.All and RoleManagement.Read.Directory. Saving takes you to Microsoft to grant admin consent.
      </p>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save and grant admin consent"}
      </Button>
    </form>
  );
}
