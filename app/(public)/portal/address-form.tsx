"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { startSelfServiceAction } from "@/app/(public)/portal/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";

const addressFormSchema = z.object({ address: z.string().trim().min(3, "Enter your work e-mail address or username.").max(254, "That is longer than any address we know.") });

export function AddressForm() {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<z.infer<typeof addressFormSchema>>({ resolver: zodResolver(addressFormSchema), defaultValues: { address: "" } });
  const submit = form.handleSubmit((values) =>
    new Promise<void>((resolve) => {
      setError(null);
      startTransition(async () => {
        const result = await startSelfServiceAction(values);
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
        <TextInput id="address" type="text" inputMode="email" autoComplete="username" autoCapitalize="none" spellCheck={false} {...form.register("address")} />
      </Field>
      <Button type="submit" className="w-full py-3 text-base" disabled={pending}>
        {pending ? "Starting…" : "Continue"}
      </Button>
      <p className="text-xs text-slate-500">You won&apos;t need access to your work mailbox.</p>
    </form>
  );
}
