import { NonRetriableError, RetryAfterError } from "inngest";
import { AppError } from "@/lib/errors";
import { ProviderError } from "@/lib/iam/identity-provider";

/**
 * Translates what a sync step threw into the job runtime's vocabulary (Inngest's, which the embedded runner
 * speaks too): throttling carries the provider's Retry-After, permanent provider problems stop retrying.
 * Messages end up on the SyncRun the admin reads, so unknown errors (database errors may quote row values)
 * are replaced by a generic message; the original stays attached as `cause` for the job service's logs.
 */
export function toSyncStepError(error: unknown): Error {
  if (error instanceof ProviderError) {
    if (!error.options.retryable) return new NonRetriableError(error.message, { cause: error });
    if (error.options.retryAfterMs !== undefined) return new RetryAfterError(error.message, error.options.retryAfterMs, { cause: error });
    return new Error(error.message, { cause: error });
  }
  if (error instanceof AppError) return new NonRetriableError(error.message, { cause: error });
  if (error instanceof NonRetriableError || error instanceof RetryAfterError) return error;
  const name = error instanceof Error ? error.name : typeof error;
  return new Error(`The sync stopped on an internal error (${name}); it is retried automatically.`, { cause: error });
}

/** Runs a step body, translating its failure (see above). */
export async function withSyncStepErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw toSyncStepError(error);
  }
}
