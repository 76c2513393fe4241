import type { FieldPath, FieldValues, UseFormSetError } from "react-hook-form";

/**
 * Shows the field errors a server action returned (its zod parse or a domain rule such as "already in use") on the
 * form's own fields; errors for fields the form does not have are left to the form-level message.
 */
export function applyServerFieldErrors<Values extends FieldValues>(
  setError: UseFormSetError<Values>,
  values: Values,
  fieldErrors: Record<string, string[]> | undefined,
): void {
  for (const [field, messages] of Object.entries(fieldErrors ?? {})) {
    if (field in values) setError(field as FieldPath<Values>, { message: messages[0] });
  }
}
