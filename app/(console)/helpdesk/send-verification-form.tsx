"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { sendVerificationLinkAction } from "@/app/(console)/helpdesk/actions";
import { applyServerFieldErrors } from "@/components/forms/apply-server-field-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Select, TextInput } from "@/components/ui/field";
import { AGENT_PURPOSES, createVerificationInputSchema } from "@/lib/verification/requests/create-verification-schema";
import { PURPOSE_LABELS } from "@/lib/verification/requests/verification-labels";

type FormValues = z.input<typeof createVerificationInputSchema>;

export type LinkChannelOption = { value: "EMAIL" | "SMS" | "IN_PERSON"; label: string };

export function SendVerificationForm({ employeeId, channels }: { employeeId: string; channels: LinkChannelOption[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<FormValues>({ resolver: zodResolver(createVerificationInputSchema), defaultValues: { employeeId, purpose: "HELPDESK_CHECK", channel: channels[0]?.value ?? "IN_PERSON", reasonNote: "", ticket: "" } });
  const submit = form.handleSubmit(async (values) => {
    setError(null);
    const result = await sendVerificationLinkAction(values);
    if (!result.ok) {
      setError(result.error);
      applyServerFieldErrors(form.setError, values, result.fieldErrors);
      return;
    }
    router.push(`/helpdesk/verifications/${result.data.id}`);
  });
  return (
    <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2">
      {error ? <div className="sm:col-span-2"><Alert tone="error">{error}</Alert></div> : null}
      <Field label="Why are you verifying them?" htmlFor="purpose" error={form.formState.errors.purpose?.message}>
        <Select id="purpose" {...form.register("purpose")}>
          {AGENT_PURPOSES.map((value) => (
            <option key={value} value={value}>{PURPOSE_LABELS[value]}</option>
          ))}
        </Select>
      </Field>
      <Field label="Send the link" htmlFor="channel" error={form.formState.errors.channel?.message}>
        <Select id="channel" {...form.register("channel")}>
          {channels.map((channel) => (
            <option key={channel.value} value={channel.value}>{channel.label}</option>
          ))}
        </Select>
      </Field>
      <Field label="Note for the employee (optional)" htmlFor="reasonNote" error={form.formState.errors.reasonNote?.message} hint="Shown on the verification page, e.g. “You called us at 10:40 about your laptop.”">
        <TextInput id="reasonNote" maxLength={280} {...form.register("reasonNote")} />
      </Field>
      <Field label="Ticket (optional)" htmlFor="ticket" error={form.formState.errors.ticket?.message} hint="Your ServiceNow incident or Zendesk ticket, e.g. INC0012345: searchable, sent in webhooks.">
        <TextInput id="ticket" maxLength={64} autoComplete="off" {...form.register("ticket")} />
      </Field>
      <div className="flex items-center gap-3 sm:col-span-2">
        <Button type="submit" disabled={form.formState.isSubmitting}>{form.formState.isSubmitting ? "Creating…" : "Send verification link"}</Button>
        <span className="text-xs text-slate-500">The link works once; you can watch the verification live on the next page.</span>
      </div>
    </form>
  );
}
