"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { updateIdvClientAction } from "@/app/(console)/settings/identity-verification/actions";
import { IdvClientFields } from "@/app/(console)/settings/identity-verification/idv-client-fields";
import { applyServerFieldErrors } from "@/components/forms/apply-server-field-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { type CreateIdvClientInput, type IdvClientFieldsFormInput, idvClientFieldsSchema } from "@/lib/idv/clients/idv-client-schemas";
import type { ClaimName } from "@/lib/verification/claims";

type EditableClient = { id: string; name: string; redirectUris: string[]; allowedClaims: ClaimName[] };

/** Inline editor for one client; the credentials stay as they are. */
export function EditIdvClientForm({ client, onDone }: { client: EditableClient; onDone: () => void }) {
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const form = useForm<IdvClientFieldsFormInput, unknown, CreateIdvClientInput>({
    resolver: zodResolver(idvClientFieldsSchema),
    defaultValues: { name: client.name, redirectUris: client.redirectUris.join("\n"), allowedClaims: client.allowedClaims },
  });

  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      setError(undefined);
      const result = await updateIdvClientAction({ id: client.id, ...values });
      if (result.ok) return onDone();
      setError(result.error);
      applyServerFieldErrors(form.setError, values, result.fieldErrors);
    }),
  );

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4 rounded-md bg-slate-50 p-4 ring-1 ring-slate-200" data-testid="edit-idv-client-form">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <IdvClientFields form={form} idPrefix={`edit-${client.id}`} />
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={pending}>
          {pending ? "Saving…" : "Save changes"}
        </Button>
        <Button size="sm" variant="ghost" disabled={pending} onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
