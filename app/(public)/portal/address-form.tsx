"use client";

import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { startSelfServiceAction } from "@/app/(public)/portal/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";

/** A quick hint only: the action validates with zod. Built-in rules keep zod out of the employee bundle (decision 56). */
const addressRules = {
  validate: (value: string) => (value.trim().length < 3 ? "Enter your work e-mail address or username." : value.trim().length > 254 ? "That is longer than any address we know." : true),
};

export function AddressForm() {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<{ address: string }>({ defaultValues: { address: "" } });
  const submit = form.handleSubmit((values) =>
    new Promise<void>((resolve) => {
      setError(null);
      startTransition(async () => {
        const result = await startSelfServiceAction({ address: values.address.trim() });
        // Success redirects; only refusals come back.
        if (result && !result.ok) {
          setError(result.error);
          if (result.fieldErrors?.address?.[0]) form.setError("address", { message: result.fieldErrors.address[0] });
        }
        resolve();
      });
    }),
  );
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Field label="Work e-mail address or username" htmlFor="address" error={form.formState.errors.address?.message}>
        <TextInput id="address" type="text" inputMode="email" autoComplete="username" autoCapitalize="none" spellCheck={false} {...form.register("address", addressRules)} />
      </Field>
      <Button type="submit" className="w-full py-3 text-base" disabled={pending}>
        {pending ? "Starting…" : "Continue"}
      </Button>
      <p className="text-xs text-slate-500">You won&apos;t need access to your work mailbox.</p>
    </form>
  );
}
