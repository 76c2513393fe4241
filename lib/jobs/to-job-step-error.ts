import { NonRetriableError, RetryAfterError } from "inngest";
import { AppError } from "@/lib/errors";
import { ProviderError } from "@/lib/iam/identity-provider";

/**
 * Translates what a provider-calling job step threw into the job runtime's vocabulary (Inngest's, which the
 * embedded runner speaks too): throttling carries the provider's Retry-After, transient failures retry, permanent
 * provider problems stop retrying with the provider's explanation. Messages end up on the SyncRun / reset the admin
 * or agent reads, so unknown errors (database errors may quote row values) are replaced by `internalMessage`; the
 * original stays attached as `cause` for the job service's logs.
 */
export function toJobStepError(error: unknown, internalMessage: (errorName: string) => string): Error {
  if (error instanceof ProviderError) {
    if (!error.options.retryable) return new NonRetriableError(error.message, { cause: error });
    if (error.options.retryAfterMs !== undefined) return new RetryAfterError(error.message, error.options.retryAfterMs, { cause: error });
    return new Error(error.message, { cause: error });
  }
  if (error instanceof AppError) return new NonRetriableError(error.message, { cause: error });
  if (error instanceof NonRetriableError || error instanceof RetryAfterError) return error;
  return new Error(internalMessage(error instanceof Error ? error.name : typeof error), { cause: error });
}

/** Runs a sync step body, translating its failure (see above). */
export async function withSyncStepErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw toJobStepError(error, (name) => `The sync stopped on an internal error (${name}); it is retried automatically.`);
  }
}
