"use client";

import { type FormEvent, useState, useTransition } from "react";
import { startSelfServiceAction } from "@/app/(public)/portal/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";

/** A quick hint only: the action validates with zod. No form library keeps employee pages small (decision 56). */
function addressProblem(value: string): string | null {
  if (value.length < 3) return "Enter your work e-mail address or username.";
  return value.length > 254 ? "That is longer than any address we know." : null;
}

export function AddressForm() {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [addressError, setAddressError] = useState<string | null>(null);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const address = String(new FormData(event.currentTarget).get("address") ?? "").trim();
    setError(null);
    setAddressError(addressProblem(address));
    if (addressProblem(address)) return;
    startTransition(async () => {
      const result = await startSelfServiceAction({ address });
      // Success redirects; only refusals come back.
      if (result && !result.ok) {
        setError(result.error);
        setAddressError(result.fieldErrors?.address?.[0] ?? null);
      }
    });
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Field label="Work e-mail address or username" htmlFor="address" error={addressError ?? undefined}>
        <TextInput id="address" type="text" inputMode="email" autoComplete="username" autoCapitalize="none" spellCheck={false} name="address" aria-invalid={addressError ? true : undefined} />
      </Field>
      <Button type="submit" className="w-full py-3 text-base" disabled={pending}>
        {pending ? "Starting…" : "Continue"}
      </Button>
      <p className="text-xs text-slate-500">You won&apos;t need access to your work mailbox.</p>
    </form>
  );
}
