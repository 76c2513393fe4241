"use client";

import { type FormEvent, type ReactNode, useId, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClasses } from "@/components/ui/field";
import type { ActionResult } from "@/lib/auth/guards";

export type UploadMessage = { tone: "success" | "warning" | "info" | "error"; title?: string; body?: ReactNode };

type UploadFileFormProps<T> = {
  label: string;
  hint: string;
  accept?: string;
  maxBytes: number;
  submitLabel: string;
  pendingLabel: string;
  testId: string;
  action: (form: FormData) => Promise<ActionResult<T>>;
  /** What to tell the admin once the server has done it. */
  describe: (data: T) => UploadMessage;
};

function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`;
}

/**
 * One file, sent to a server action as FormData. The size is checked here only to answer at once: the server
 * checks size, name and content again, and its answer (or refusal) is shown above the form.
 */
export function UploadFileForm<T>({ label, hint, accept, maxBytes, submitLabel, pendingLabel, testId, action, describe }: UploadFileFormProps<T>) {
  const inputId = useId();
  const [message, setMessage] = useState<UploadMessage>();
  const [fileError, setFileError] = useState<string>();
  const [pending, startTransition] = useTransition();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const file = data.get("file");
    setMessage(undefined);
    if (!(file instanceof File) || file.size === 0) return setFileError("Choose a file first.");
    if (file.size > maxBytes) return setFileError(`This file is larger than ${sizeLabel(maxBytes)}.`);
    setFileError(undefined);
    startTransition(async () => {
      try {
        const result = await action(data);
        if (result.ok) {
          setMessage(describe(result.data));
          form.reset();
          return;
        }
        const problem = result.fieldErrors?.file?.[0];
        if (problem) setFileError(problem);
        else setMessage({ tone: "error", body: result.error });
      } catch {
        setMessage({ tone: "error", body: "The file could not be sent. Try again; if it keeps failing, the server may refuse a file this large." });
      }
    });
  };

  return (
    <div className="space-y-4">
      {message ? (
        <Alert tone={message.tone} title={message.title}>
          {message.body}
        </Alert>
      ) : null}
      <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid={testId}>
        <Field label={label} htmlFor={inputId} error={fileError} hint={hint}>
          <input
            id={inputId}
            name="file"
            type="file"
            accept={accept}
            aria-invalid={Boolean(fileError)}
            aria-describedby={fileError ? `${inputId}-error` : `${inputId}-hint`}
            className={`${inputClasses} max-w-xl file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-2.5 file:py-1 file:text-xs file:font-medium file:text-slate-800`}
            onChange={() => setFileError(undefined)}
          />
        </Field>
        <Button type="submit" disabled={pending}>
          {pending ? pendingLabel : submitLabel}
        </Button>
      </form>
    </div>
  );
}
