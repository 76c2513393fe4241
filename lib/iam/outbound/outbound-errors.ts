/** An outbound call was refused before it left: the target is not an allowed endpoint or resolves to a non-public address. */
export class OutboundBlockedError extends Error {
  readonly code = "ERR_OUTBOUND_BLOCKED";
  constructor(message: string) {
    super(message);
    this.name = "OutboundBlockedError";
  }
}

/** An outbound call did not complete (connect, TLS, headers and body) within its deadline. */
export class OutboundTimeoutError extends Error {
  readonly code = "ERR_OUTBOUND_TIMEOUT";
  constructor(message: string) {
    super(message);
    this.name = "OutboundTimeoutError";
  }
}

/**
 * Finds our error in what an SDK threw: node-fetch copies `code` onto its FetchError, the Graph SDK copies the
 * `name` into GraphError.code, and some wrappers keep the original as `cause`.
 */
export function outboundFailureOf(error: unknown): "blocked" | "timeout" | null {
  for (let current: unknown = error, depth = 0; current && typeof current === "object" && depth < 5; depth += 1) {
    const code: unknown = Reflect.get(current, "code");
    const name: unknown = Reflect.get(current, "name");
    if (code === "ERR_OUTBOUND_BLOCKED" || code === "OutboundBlockedError" || name === "OutboundBlockedError") return "blocked";
    if (code === "ERR_OUTBOUND_TIMEOUT" || code === "OutboundTimeoutError" || name === "OutboundTimeoutError") return "timeout";
    // node-fetch's own timeout (the Okta SDK's transport)
    if (Reflect.get(current, "type") === "request-timeout" || Reflect.get(current, "type") === "body-timeout") return "timeout";
    current = Reflect.get(current, "cause");
  }
  return null;
}
