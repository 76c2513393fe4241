"use client";

import { type UseFormReturn, useWatch } from "react-hook-form";
import { Card } from "@/components/ui/card";
import { Field, Select, TextInput } from "@/components/ui/field";
import { formatLinkLifetime } from "@/lib/verification/policy/diff-policies";
import {
  EVIDENCE_RETENTION_LABELS,
  EVIDENCE_RETENTIONS,
  LINK_LIFETIME_LIMITS,
  LINK_LIFETIME_PRESETS,
  MAX_ATTEMPTS_LIMITS,
  type SaveVerificationPolicyInput,
} from "@/lib/verification/policy/verification-policy-schema";

const CHECKS = [
  {
    name: "requirePossessionCode",
    label: "Possession code",
    hint: "A 6-digit code sent to the employee's work e-mail or mobile phone proves they hold that account or device.",
  },
  {
    name: "requireIdDocument",
    label: "ID document",
    hint: "A photo of a driver's licence, ID card or passport; the data read from it is matched against the directory.",
  },
] as const;

/** Checks, link lifetime, attempts and evidence retention: everything in the policy besides the claims. */
export function PolicySettingsFields({ form }: { form: UseFormReturn<SaveVerificationPolicyInput> }) {
  const { errors } = form.formState;
  const lifetime = useWatch({ control: form.control, name: "linkLifetimeMinutes" });
  const checksError = errors.requireIdDocument?.message ?? errors.requirePossessionCode?.message;

  return (
    <>
      <Card title="Checks" description="What the employee must do besides matching the claims.">
        <fieldset className="space-y-3" aria-describedby={checksError ? "checks-error" : undefined}>
          <legend className="sr-only">Checks</legend>
          {CHECKS.map((check) => (
            <label key={check.name} className="flex cursor-pointer items-start gap-3">
              <input
                type="checkbox"
                className="mt-0.5 size-4 rounded border-slate-300 accent-brand-600"
                {...form.register(check.name, { deps: ["requireIdDocument", "claims.firstName", "claims.lastName", "selfServiceEnabled"] })}
              />
              <span>
                <span className="block text-sm font-medium text-slate-800">{check.label}</span>
                <span className="block text-xs text-slate-500">{check.hint}</span>
              </span>
            </label>
          ))}
          {checksError ? (
            <p id="checks-error" role="alert" className="text-xs font-medium text-red-700">
              {checksError}
            </p>
          ) : null}
        </fieldset>
      </Card>

      <Card title="Link and attempts">
        <div className="grid grid-cols-1 gap-5 sm:grid-cols-2">
          <div className="space-y-2 sm:col-span-2">
            <Field
              label="Link lifetime (minutes)"
              htmlFor="link-lifetime"
              error={errors.linkLifetimeMinutes?.message}
              hint={Number.isInteger(lifetime) && lifetime >= LINK_LIFETIME_LIMITS.min ? `The verification link works for ${formatLinkLifetime(lifetime)} after it is sent.` : "Between 10 minutes and 7 days."}
            >
              <TextInput
                id="link-lifetime"
                type="number"
                inputMode="numeric"
                min={LINK_LIFETIME_LIMITS.min}
                max={LINK_LIFETIME_LIMITS.max}
                className="sm:max-w-40"
                aria-invalid={Boolean(errors.linkLifetimeMinutes)}
                aria-describedby={errors.linkLifetimeMinutes ? "link-lifetime-error" : "link-lifetime-hint"}
                {...form.register("linkLifetimeMinutes", { valueAsNumber: true })}
              />
            </Field>
            <div className="flex flex-wrap gap-1.5" role="group" aria-label="Link lifetime presets">
              {LINK_LIFETIME_PRESETS.map((preset) => (
                <button
                  key={preset.minutes}
                  type="button"
                  aria-pressed={lifetime === preset.minutes}
                  onClick={() => form.setValue("linkLifetimeMinutes", preset.minutes, { shouldDirty: true, shouldValidate: true })}
                  className={`rounded-full px-3 py-1 text-xs font-medium ring-1 ring-inset ${lifetime === preset.minutes ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"}`}
                >
                  {preset.label}
                </button>
              ))}
            </div>
          </div>
          <Field label="Attempts" htmlFor="max-attempts" error={errors.maxAttempts?.message} hint="Wrong codes or unreadable photos allowed before the verification fails (1–20).">
            <TextInput
              id="max-attempts"
              type="number"
              inputMode="numeric"
              min={MAX_ATTEMPTS_LIMITS.min}
              max={MAX_ATTEMPTS_LIMITS.max}
              className="sm:max-w-40"
              aria-invalid={Boolean(errors.maxAttempts)}
              aria-describedby={errors.maxAttempts ? "max-attempts-error" : "max-attempts-hint"}
              {...form.register("maxAttempts", { valueAsNumber: true })}
            />
          </Field>
          <Field label="Evidence retention" htmlFor="evidence-retention" error={errors.evidenceRetention?.message} hint="Of the ID document photos; the data read from them and their hash stay with the verification.">
            <Select id="evidence-retention" {...form.register("evidenceRetention")}>
              {EVIDENCE_RETENTIONS.map((retention) => (
                <option key={retention} value={retention}>
                  {EVIDENCE_RETENTION_LABELS[retention]}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      </Card>
    </>
  );
}
