"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState, useTransition } from "react";
import { submitDetailsAction } from "@/app/(public)/verify/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import type { ClaimName } from "@/lib/verification/claims";

const INPUT_HINTS: Partial<Record<ClaimName, { type: string; autoComplete: string }>> = {
  email: { type: "email", autoComplete: "email" },
  mobilePhone: { type: "tel", autoComplete: "tel" },
  dateOfBirth: { type: "date", autoComplete: "bday" },
  firstName: { type: "text", autoComplete: "given-name" },
  lastName: { type: "text", autoComplete: "family-name" },
  street: { type: "text", autoComplete: "address-line1" },
  city: { type: "text", autoComplete: "address-level2" },
  state: { type: "text", autoComplete: "address-level1" },
  postalCode: { type: "text", autoComplete: "postal-code" },
  country: { type: "text", autoComplete: "country-name" },
};

/** The last step: the few details no document or code proved. Submitting makes the decision. */
export function DetailsStep({ fields }: { fields: { claim: ClaimName; label: string }[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<string, string[]>>>({});

  // Plain form state (no form library): the action validates with zod, and employee pages stay small (decision 56).
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const values = Object.fromEntries(fields.map((field) => [field.claim, String(data.get(field.claim) ?? "")]));
    startTransition(async () => {
      const result = await submitDetailsAction(values);
      if (!result.ok) {
        setError(result.error);
        setFieldErrors(result.fieldErrors ?? {});
      }
      router.refresh();
    });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <h1 id="step-heading" className="text-xl font-semibold text-slate-900">{fields.length > 0 ? "Confirm a few details" : "Finish verification"}</h1>
      <p className="text-sm text-slate-600">
        {fields.length > 0 ? "Enter them as your employer knows them. Leave a field empty if you don't know it." : "Everything we need is in. Submit to get your result."}
      </p>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {fields.map((field) => {
        const hint = INPUT_HINTS[field.claim] ?? { type: "text", autoComplete: "off" };
        const fieldError = fieldErrors[field.claim]?.[0];
        return (
          <Field key={field.claim} label={field.label} htmlFor={field.claim} error={fieldError}>
            <TextInput id={field.claim} type={hint.type} autoComplete={hint.autoComplete} maxLength={200} aria-invalid={fieldError ? true : undefined} name={field.claim} defaultValue="" />
          </Field>
        );
      })}
      <Button type="submit" className="w-full py-3 text-base" disabled={pending}>
        {pending ? "Checking…" : "Submit"}
      </Button>
    </form>
  );
}
