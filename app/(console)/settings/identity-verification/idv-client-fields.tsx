"use client";

import { useController, type UseFormReturn } from "react-hook-form";
import { Field, inputClasses, TextInput } from "@/components/ui/field";
import { type CreateIdvClientInput, type IdvClientFieldsFormInput, MAX_REDIRECT_URIS, REQUIRED_IDV_CLAIMS } from "@/lib/idv/clients/idv-client-schemas";
import { CLAIM_LABELS, CLAIM_NAMES, type ClaimName } from "@/lib/verification/claims";

export type IdvClientForm = UseFormReturn<IdvClientFieldsFormInput, unknown, CreateIdvClientInput>;

const REQUIRED: ReadonlySet<ClaimName> = new Set(REQUIRED_IDV_CLAIMS);

export const REDIRECT_URI_PLACEHOLDER = "https://your-org.okta.com/idp/identity-verification/callback";

/** Name, redirect URIs and allowed claims: the same fields when registering a client and when editing one. */
export function IdvClientFields({ form, idPrefix }: { form: IdvClientForm; idPrefix: string }) {
  const { errors } = form.formState;
  const claims = useController({ control: form.control, name: "allowedClaims" });
  const chosen = new Set(claims.field.value);
  const toggle = (claim: ClaimName, on: boolean) => claims.field.onChange(CLAIM_NAMES.filter((name) => (name === claim ? on : chosen.has(name))));

  return (
    <div className="space-y-4">
      <Field label="Name" htmlFor={`${idPrefix}-name`} error={errors.name?.message} hint="For you: which Okta org this is, e.g. “Acme production”.">
        <TextInput id={`${idPrefix}-name`} autoComplete="off" aria-invalid={Boolean(errors.name)} {...form.register("name")} />
      </Field>
      <Field
        label="Redirect URIs"
        htmlFor={`${idPrefix}-redirect-uris`}
        error={errors.redirectUris?.message}
        hint={`One per line, up to ${MAX_REDIRECT_URIS}. Okta's is your org URL followed by /idp/identity-verification/callback.`}
      >
        <textarea
          id={`${idPrefix}-redirect-uris`}
          rows={3}
          spellCheck={false}
          placeholder={REDIRECT_URI_PLACEHOLDER}
          className={`${inputClasses} font-mono text-xs`}
          aria-invalid={Boolean(errors.redirectUris)}
          {...form.register("redirectUris")}
        />
      </Field>
      <fieldset className="space-y-2" aria-describedby={errors.allowedClaims ? `${idPrefix}-claims-error` : undefined}>
        <legend className="text-sm font-medium text-slate-800">Claims Okta may receive</legend>
        <p className="text-xs text-slate-500">Only verified values of these claims go into the ID token. First and last name are always sent: Okta compares them with the user&apos;s profile.</p>
        <div className="grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-3">
          {CLAIM_NAMES.map((claim) => (
            <label key={claim} className="flex items-center gap-2 text-sm text-slate-800">
              <input
                type="checkbox"
                className="size-4 rounded border-slate-300 accent-brand-600"
                checked={chosen.has(claim)}
                disabled={REQUIRED.has(claim)}
                onChange={(event) => toggle(claim, event.target.checked)}
                onBlur={claims.field.onBlur}
              />
              {CLAIM_LABELS[claim]}
              {REQUIRED.has(claim) ? <span className="text-xs text-slate-500">(required)</span> : null}
            </label>
          ))}
        </div>
        {errors.allowedClaims ? (
          <p id={`${idPrefix}-claims-error`} role="alert" className="text-xs font-medium text-red-700">
            {errors.allowedClaims.message}
          </p>
        ) : null}
      </fieldset>
    </div>
  );
}
