"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { createIdvClientAction } from "@/app/(console)/settings/identity-verification/actions";
import { ClientSecretNotice } from "@/app/(console)/settings/identity-verification/client-secret-notice";
import { IdvClientFields } from "@/app/(console)/settings/identity-verification/idv-client-fields";
import { applyServerFieldErrors } from "@/components/forms/apply-server-field-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { type CreateIdvClientInput, type IdvClientFieldsFormInput, idvClientFieldsSchema, REQUIRED_IDV_CLAIMS } from "@/lib/idv/clients/idv-client-schemas";

const EMPTY: IdvClientFieldsFormInput = { name: "", redirectUris: "", allowedClaims: [...REQUIRED_IDV_CLAIMS] };

/** Registers a client; its id and secret are shown once, above the form. */
export function RegisterIdvClientForm() {
  const [error, setError] = useState<string>();
  const [issued, setIssued] = useState<{ name: string; clientId: string; clientSecret: string }>();
  const [pending, startTransition] = useTransition();
  const form = useForm<IdvClientFieldsFormInput, unknown, CreateIdvClientInput>({ resolver: zodResolver(idvClientFieldsSchema), defaultValues: EMPTY });

  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      setError(undefined);
      const result = await createIdvClientAction(values);
      if (result.ok) {
        setIssued({ name: values.name, clientId: result.data.clientId, clientSecret: result.data.clientSecret });
        form.reset(EMPTY);
        return;
      }
      setError(result.error);
      applyServerFieldErrors(form.setError, values, result.fieldErrors);
    }),
  );

  return (
    <div className="space-y-4">
      {issued ? (
        <ClientSecretNotice title={`${issued.name} is registered`} clientId={issued.clientId} clientSecret={issued.clientSecret} onDismiss={() => setIssued(undefined)} />
      ) : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="register-idv-client-form">
        <IdvClientFields form={form} idPrefix="new-idv-client" />
        <Button type="submit" disabled={pending}>
          {pending ? "Registering…" : "Register client"}
        </Button>
      </form>
    </div>
  );
}
