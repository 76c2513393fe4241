"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useController, useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { createApiKeyAction } from "@/app/(console)/settings/api-keys/actions";
import { ApiKeyNotice, type IssuedKey } from "@/app/(console)/settings/api-keys/api-key-notice";
import { applyServerFieldErrors } from "@/components/forms/apply-server-field-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Select, TextInput } from "@/components/ui/field";
import {
  API_KEY_LIFETIME_DAYS,
  API_KEY_SCOPE_LABELS,
  API_KEY_SCOPES,
  type ApiKeyScope,
  type CreateApiKeyInput,
  createApiKeySchema,
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  MAX_API_KEY_NAME_LENGTH,
} from "@/lib/api-keys/api-key-schemas";

type CreateApiKeyValues = z.output<typeof createApiKeySchema>;

const EMPTY: CreateApiKeyInput = { name: "", scopes: [], lifetime: "90", rateLimitPerMinute: DEFAULT_RATE_LIMIT_PER_MINUTE };
const ID = "new-api-key";

/** The hint's or the error's id, whichever the Field below shows, for the control's aria-describedby. */
const describedBy = (field: string, error: unknown) => `${ID}-${field}-${error ? "error" : "hint"}`;

/** Creates a key; the key itself is shown once, above the form. */
export function CreateApiKeyForm({ apiBaseUrl }: { apiBaseUrl: string }) {
  const [error, setError] = useState<string>();
  const [issued, setIssued] = useState<IssuedKey>();
  const [pending, startTransition] = useTransition();
  const form = useForm<CreateApiKeyInput, unknown, CreateApiKeyValues>({ resolver: zodResolver(createApiKeySchema), defaultValues: EMPTY });
  const { errors } = form.formState;
  const scopes = useController({ control: form.control, name: "scopes" });
  const chosen = new Set<ApiKeyScope>(scopes.field.value);
  const toggle = (scope: ApiKeyScope, on: boolean) => scopes.field.onChange(API_KEY_SCOPES.filter((name) => (name === scope ? on : chosen.has(name))));
  const neverExpires = useWatch({ control: form.control, name: "lifetime" }) === "never";

  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      setError(undefined);
      const result = await createApiKeyAction(values);
      if (result.ok) {
        setIssued({ name: result.data.name, key: result.data.key, scopes: values.scopes, expiresAt: result.data.expiresAt });
        form.reset(EMPTY);
        return;
      }
      setError(result.error);
      applyServerFieldErrors(form.setError, values, result.fieldErrors);
    }),
  );

  return (
    <div className="space-y-4">
      {issued ? <ApiKeyNotice issued={issued} apiBaseUrl={apiBaseUrl} onDismiss={() => setIssued(undefined)} /> : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="create-api-key-form">
        <Field label="Name" htmlFor={`${ID}-name`} error={errors.name?.message} hint="For you and the audit log: which integration uses it, e.g. “ServiceNow production”.">
          <TextInput
            id={`${ID}-name`}
            autoComplete="off"
            maxLength={MAX_API_KEY_NAME_LENGTH}
            aria-invalid={Boolean(errors.name)}
            aria-describedby={describedBy("name", errors.name)}
            {...form.register("name")}
          />
        </Field>

        <fieldset className="space-y-2" aria-describedby={errors.scopes ? `${ID}-scopes-error` : `${ID}-scopes-hint`}>
          <legend className="text-sm font-medium text-slate-800">Scopes</legend>
          <p id={`${ID}-scopes-hint`} className="text-xs text-slate-500">
            What the key may do. Give it only what the integration needs: each API call requires one scope.
          </p>
          <div className="space-y-2">
            {API_KEY_SCOPES.map((scope) => (
              <label key={scope} className="flex items-center gap-2 text-sm text-slate-800">
                <input
                  type="checkbox"
                  className="size-4 rounded border-slate-300 accent-brand-600"
                  checked={chosen.has(scope)}
                  onChange={(event) => toggle(scope, event.target.checked)}
                  onBlur={scopes.field.onBlur}
                />
                {API_KEY_SCOPE_LABELS[scope]}
                <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-600">{scope}</code>
              </label>
            ))}
          </div>
          {errors.scopes ? (
            <p id={`${ID}-scopes-error`} role="alert" className="text-xs font-medium text-red-700">
              {errors.scopes.message}
            </p>
          ) : null}
        </fieldset>

        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Field label="Expires" htmlFor={`${ID}-lifetime`} error={errors.lifetime?.message} hint="A new key is needed when it expires.">
            <Select id={`${ID}-lifetime`} aria-invalid={Boolean(errors.lifetime)} aria-describedby={describedBy("lifetime", errors.lifetime)} {...form.register("lifetime")}>
              {API_KEY_LIFETIME_DAYS.map((days) => (
                <option key={days} value={String(days)}>
                  After {days} days
                </option>
              ))}
              <option value="never">Never expires</option>
            </Select>
          </Field>
          <Field
            label="Requests per minute"
            htmlFor={`${ID}-rate-limit`}
            error={errors.rateLimitPerMinute?.message}
            hint={`Calls beyond this get 429 Too Many Requests. ${DEFAULT_RATE_LIMIT_PER_MINUTE} suits a ticketing tool.`}
          >
            <TextInput
              id={`${ID}-rate-limit`}
              type="number"
              inputMode="numeric"
              min={1}
              max={10_000}
              step={1}
              aria-invalid={Boolean(errors.rateLimitPerMinute)}
              aria-describedby={describedBy("rate-limit", errors.rateLimitPerMinute)}
              {...form.register("rateLimitPerMinute")}
            />
          </Field>
        </div>

        {neverExpires ? (
          <div data-testid="never-expires-warning">
            <Alert tone="warning" title="This key will work until someone revokes it">
              A forgotten integration, or a key copied somewhere it should not be, keeps access for ever. Prefer an expiry and create the next key before it ends.
            </Alert>
          </div>
        ) : null}

        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create key"}
        </Button>
      </form>
    </div>
  );
}
