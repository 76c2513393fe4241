"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { saveOktaConnectionAction } from "@/app/(console)/settings/identity-provider/actions";
import { applyServerFieldErrors } from "@/components/forms/apply-server-field-errors";
import { useStepUp } from "@/components/console/step-up-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { type OktaConnectionInput, type ParsedOktaConnectionInput, oktaConnectionInputSchema } from "@/lib/connections/connection-schemas";

type SandboxValues = { orgUrl: string; clientId: string; groupId: string };

/** Okta: org URL, service app client id and group id; saving generates the key pair shown next. */
export function OktaConnectionForm({ sandbox }: { sandbox: SandboxValues | null }) {
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const withStepUp = useStepUp();
  const form = useForm<OktaConnectionInput, unknown, ParsedOktaConnectionInput>({ resolver: zodResolver(oktaConnectionInputSchema), defaultValues: { orgUrl: "", clientId: "", groupId: "", customDomainConfirmed: false } });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      setError(undefined);
      const result = await withStepUp(() => saveOktaConnectionAction(values));
      if (result.ok) return;
      setError(result.error);
      applyServerFieldErrors(form.setError, values, result.fieldErrors);
    }),
  );

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {error ? <Alert tone="error">{error}</Alert> : null}
      {sandbox ? (
        <Button variant="secondary" size="sm" onClick={() => form.reset({ ...sandbox, customDomainConfirmed: false })}>
          Fill in the sandbox org
        </Button>
      ) : null}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <Field label="Okta org URL" htmlFor="okta-org-url" error={errors.orgUrl?.message} hint="e.g. https://acme.okta.com">
          <TextInput id="okta-org-url" aria-invalid={Boolean(errors.orgUrl)} {...form.register("orgUrl")} />
        </Field>
        <Field label="Client id" htmlFor="okta-client-id" error={errors.clientId?.message} hint="Of the API Services app.">
          <TextInput id="okta-client-id" aria-invalid={Boolean(errors.clientId)} {...form.register("clientId")} />
        </Field>
        <Field label="Employee group id" htmlFor="okta-group-id" error={errors.groupId?.message} hint="Directory → Groups → the group → id in the URL.">
          <TextInput id="okta-group-id" aria-invalid={Boolean(errors.groupId)} {...form.register("groupId")} />
        </Field>
      </div>
      <div className="flex items-start gap-3">
        <input id="okta-custom-domain" type="checkbox" className="mt-0.5 size-4 rounded border-slate-300 accent-brand-600" aria-describedby="okta-custom-domain-hint" {...form.register("customDomainConfirmed")} />
        <div>
          <label htmlFor="okta-custom-domain" className="cursor-pointer text-sm font-medium text-slate-800">
            This is our Okta org&apos;s custom URL domain
          </label>
          <p id="okta-custom-domain-hint" className="text-xs text-slate-500">
            Only for an org URL outside okta.com, oktapreview.com, okta-emea.com, okta-gov.com and okta.mil. The confirmation is recorded in the audit log.
          </p>
        </div>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Generating key…" : "Save and generate key pair"}
      </Button>
    </form>
  );
}
