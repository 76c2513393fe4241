/** One check of a decision (possession code, document, live face), required by the policy or not. */
export type CheckResult = { check: "POSSESSION_CODE" | "ID_DOCUMENT" | "LIVE_FACE"; required: boolean; passed: boolean; detail: string };
