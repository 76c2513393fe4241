"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { changePasswordAction } from "@/app/(auth)/change-password/actions";
import { applyServerFieldErrors } from "@/components/forms/apply-server-field-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";

const formSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password."),
    newPassword: z.string().min(12, "Use at least 12 characters.").max(128, "Use at most 128 characters."),
    confirmPassword: z.string().min(1, "Repeat the new password."),
  })
  .refine((value) => value.newPassword === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords differ.",
  });

type FormValues = z.infer<typeof formSchema>;

export function ChangePasswordForm() {
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, formState, setError: setFieldError } = useForm<FormValues>({
    resolver: zodResolver(formSchema),
  });

  const onSubmit = handleSubmit((values) =>
    startTransition(async () => {
      setError(undefined);
      const result = await changePasswordAction(values);
      if (!result) return;
      setError(result.error);
      applyServerFieldErrors(setFieldError, values, result.fieldErrors);
    }),
  );

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Field label="Current password" htmlFor="currentPassword" error={formState.errors.currentPassword?.message}>
        <TextInput id="currentPassword" type="password" autoComplete="current-password" aria-invalid={Boolean(formState.errors.currentPassword)} {...register("currentPassword")} />
      </Field>
      <Field label="New password" htmlFor="newPassword" error={formState.errors.newPassword?.message} hint="At least 12 characters. A passphrase of several words works well.">
        <TextInput id="newPassword" type="password" autoComplete="new-password" aria-invalid={Boolean(formState.errors.newPassword)} {...register("newPassword")} />
      </Field>
      <Field label="Repeat new password" htmlFor="confirmPassword" error={formState.errors.confirmPassword?.message}>
        <TextInput id="confirmPassword" type="password" autoComplete="new-password" aria-invalid={Boolean(formState.errors.confirmPassword)} {...register("confirmPassword")} />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Saving…" : "Change password"}
      </Button>
    </form>
  );
}
