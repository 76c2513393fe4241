"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { createConsoleUserAction } from "@/app/(console)/settings/console-users/actions";
import { OneTimePasswordNotice } from "@/app/(console)/settings/console-users/one-time-password-notice";
import { applyServerFieldErrors } from "@/components/forms/apply-server-field-errors";
import { useStepUp } from "@/components/console/step-up-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Select, TextInput } from "@/components/ui/field";
import { createConsoleUserSchema, type CreateConsoleUserInput } from "@/lib/console-users/console-user-schemas";

export function CreateConsoleUserForm() {
  const [error, setError] = useState<string>();
  const [issued, setIssued] = useState<{ email: string; oneTimePassword: string }>();
  const [pending, startTransition] = useTransition();
  const withStepUp = useStepUp();
  const form = useForm<CreateConsoleUserInput>({
    resolver: zodResolver(createConsoleUserSchema),
    defaultValues: { email: "", name: "", role: "HELPDESK" },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      setError(undefined);
      const result = await withStepUp(() => createConsoleUserAction(values));
      if (result.ok) {
        setIssued({ email: result.data.email, oneTimePassword: result.data.oneTimePassword });
        form.reset();
        return;
      }
      setError(result.error);
      applyServerFieldErrors(form.setError, values, result.fieldErrors);
    }),
  );

  return (
    <div className="space-y-4">
      {issued ? <OneTimePasswordNotice email={issued.email} password={issued.oneTimePassword} onDismiss={() => setIssued(undefined)} /> : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      <form onSubmit={onSubmit} noValidate className="grid grid-cols-1 gap-4 sm:grid-cols-[2fr_2fr_1.3fr_auto] sm:items-start">
        <Field label="Name" htmlFor="new-name" error={errors.name?.message}>
          <TextInput id="new-name" autoComplete="off" aria-invalid={Boolean(errors.name)} {...form.register("name")} />
        </Field>
        <Field label="E-mail address" htmlFor="new-email" error={errors.email?.message}>
          <TextInput id="new-email" type="email" autoComplete="off" aria-invalid={Boolean(errors.email)} {...form.register("email")} />
        </Field>
        <Field label="Role" htmlFor="new-role" error={errors.role?.message}>
          <Select id="new-role" {...form.register("role")}>
            <option value="HELPDESK">Helpdesk agent</option>
            <option value="ADMIN">Admin</option>
          </Select>
        </Field>
        <Button type="submit" className="sm:mt-7" disabled={pending}>
          {pending ? "Adding…" : "Add user"}
        </Button>
      </form>
    </div>
  );
}
