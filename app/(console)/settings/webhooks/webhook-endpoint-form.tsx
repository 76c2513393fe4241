"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useController, useForm } from "react-hook-form";
import type { z } from "zod";
import { createWebhookEndpointAction, updateWebhookEndpointAction } from "@/app/(console)/settings/webhooks/actions";
import { WebhookSecretNotice } from "@/app/(console)/settings/webhooks/webhook-secret-notice";
import { applyServerFieldErrors } from "@/components/forms/apply-server-field-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import {
  type CreateWebhookEndpointInput,
  createWebhookEndpointSchema,
  MAX_WEBHOOK_NAME_LENGTH,
  WEBHOOK_EVENT_LABELS,
  WEBHOOK_EVENT_TYPES,
  type WebhookEventType,
} from "@/lib/webhooks/webhook-schemas";

type Values = z.output<typeof createWebhookEndpointSchema>;
const EMPTY: CreateWebhookEndpointInput = { name: "", url: "", eventTypes: [] };

/** Registers an endpoint (its secret shown once, above the form), or edits one when `endpoint` is given. */
export function WebhookEndpointForm({ endpoint }: { endpoint?: { id: string; name: string; url: string; eventTypes: WebhookEventType[] } }) {
  const id = endpoint ? `edit-webhook-${endpoint.id}` : "new-webhook";
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const [created, setCreated] = useState<{ name: string; secret: string }>();
  const [pending, startTransition] = useTransition();
  const form = useForm<CreateWebhookEndpointInput, unknown, Values>({ resolver: zodResolver(createWebhookEndpointSchema), defaultValues: endpoint ?? EMPTY });
  const { errors } = form.formState;
  const events = useController({ control: form.control, name: "eventTypes" });
  const chosen = new Set<string>(events.field.value);
  const toggle = (type: WebhookEventType, on: boolean) => events.field.onChange(WEBHOOK_EVENT_TYPES.filter((name) => (name === type ? on : chosen.has(name))));

  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      setError(undefined);
      setSaved(false);
      if (endpoint) {
        const result = await updateWebhookEndpointAction({ ...values, id: endpoint.id });
        if (result.ok) return setSaved(true);
        setError(result.error);
        return applyServerFieldErrors(form.setError, values, result.fieldErrors);
      }
      const result = await createWebhookEndpointAction(values);
      if (result.ok) {
        setCreated({ name: result.data.name, secret: result.data.secret });
        form.reset(EMPTY);
        return;
      }
      setError(result.error);
      applyServerFieldErrors(form.setError, values, result.fieldErrors);
    }),
  );

  return (
    <div className="space-y-4">
      {created ? <WebhookSecretNotice title={`${created.name} is registered`} secret={created.secret} onDismiss={() => setCreated(undefined)} /> : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      {saved ? <Alert tone="success">Saved. New events follow these settings.</Alert> : null}
      <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid={endpoint ? "edit-webhook-form" : "create-webhook-form"}>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Field label="Name" htmlFor={`${id}-name`} error={errors.name?.message} hint="Which system receives it, e.g. “ServiceNow production”.">
            <TextInput id={`${id}-name`} autoComplete="off" maxLength={MAX_WEBHOOK_NAME_LENGTH} aria-invalid={Boolean(errors.name)} {...form.register("name")} />
          </Field>
          <Field label="URL" htmlFor={`${id}-url`} error={errors.url?.message} hint="https only; redirects are not followed.">
            <TextInput id={`${id}-url`} type="url" autoComplete="off" placeholder="https://example.service-now.com/api/x_verifyd/webhook" aria-invalid={Boolean(errors.url)} {...form.register("url")} />
          </Field>
        </div>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-800">Events</legend>
          <div className="space-y-2">
            {WEBHOOK_EVENT_TYPES.map((type) => (
              <label key={type} className="flex items-center gap-2 text-sm text-slate-800">
                <input type="checkbox" className="size-4 rounded border-slate-300 accent-brand-600" checked={chosen.has(type)} onChange={(event) => toggle(type, event.target.checked)} onBlur={events.field.onBlur} />
                {WEBHOOK_EVENT_LABELS[type]}
                <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-600">{type}</code>
              </label>
            ))}
          </div>
          {errors.eventTypes ? (
            <p role="alert" className="text-xs font-medium text-red-700">
              {errors.eventTypes.message}
            </p>
          ) : null}
        </fieldset>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : endpoint ? "Save changes" : "Register endpoint"}
        </Button>
      </form>
    </div>
  );
}
