"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { signInWithPassword } from "@/app/(auth)/sign-in/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";

// Client-side checks only catch typos; the server parses the same fields again.
const formSchema = z.object({
  email: z.string().trim().min(1, "Enter your e-mail address.").max(254),
  password: z.string().min(1, "Enter your password.").max(256),
});

export function SignInForm({ notice }: { notice?: string }) {
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, formState } = useForm({ resolver: zodResolver(formSchema) });

  const onSubmit = handleSubmit((values) =>
    startTransition(async () => {
      setError(undefined);
      const result = await signInWithPassword(values);
      if (result?.error) setError(result.error);
    }),
  );

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {error ? <Alert tone="error">{error}</Alert> : notice ? <Alert tone="info">{notice}</Alert> : null}
      <Field label="E-mail address" htmlFor="email" error={formState.errors.email?.message}>
        <TextInput
          id="email"
          type="email"
          autoComplete="username"
          autoFocus
          aria-invalid={Boolean(formState.errors.email)}
          {...register("email")}
        />
      </Field>
      <Field label="Password" htmlFor="password" error={formState.errors.password?.message}>
        <TextInput
          id="password"
          type="password"
          autoComplete="current-password"
          aria-invalid={Boolean(formState.errors.password)}
          {...register("password")}
        />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
