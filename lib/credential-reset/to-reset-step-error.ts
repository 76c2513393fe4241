import { NonRetriableError, RetryAfterError } from "inngest";
import { AppError } from "@/lib/errors";
import { ProviderError } from "@/lib/iam/identity-provider";

/**
 * Translates what a reset step threw into the job runtime's vocabulary: throttling waits for the provider's
 * Retry-After, transient failures retry, a refusal (403, unknown user, account state) stops at once with the
 * provider's explanation, which the agent reads on the failed step. Unknown errors (database errors may quote
 * values) get a generic message; the original stays as `cause`.
 */
export function toResetStepError(error: unknown): Error {
  if (error instanceof ProviderError) {
    if (!error.options.retryable) return new NonRetriableError(error.message, { cause: error });
    if (error.options.retryAfterMs !== undefined) return new RetryAfterError(error.message, error.options.retryAfterMs, { cause: error });
    return new Error(error.message, { cause: error });
  }
  if (error instanceof AppError) return new NonRetriableError(error.message, { cause: error });
  if (error instanceof NonRetriableError || error instanceof RetryAfterError) return error;
  const name = error instanceof Error ? error.name : typeof error;
  return new Error(`The reset stopped on an internal error (${name}); it is retried automatically.`, { cause: error });
}
