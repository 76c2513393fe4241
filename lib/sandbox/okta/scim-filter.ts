/**
 * The SCIM filter expressions Okta's `filter` and `search` query parameters take (RFC 7644 3.4.2.2, without the
 * `[ ]` value paths Okta does not support either): comparisons `attr op "value"`, `attr pr`, `and` binding tighter
 * than `or`, `not (...)`, and parentheses. Each endpoint decides which attributes and operators it accepts.
 */
export const SCIM_OPERATORS = ["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le", "pr"] as const;
export type ScimOperator = (typeof SCIM_OPERATORS)[number];
export type ScimValue = string | number | boolean | null;

export type ScimFilter =
  | { kind: "compare"; attribute: string; operator: ScimOperator; value: ScimValue }
  | { kind: "and"; left: ScimFilter; right: ScimFilter }
  | { kind: "or"; left: ScimFilter; right: ScimFilter }
  | { kind: "not"; filter: ScimFilter };

export class ScimFilterError extends Error {}

type Token = { type: "word" | "string" | "open" | "close"; text: string; position: number };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < input.length) {
    const char = input.charAt(index);
    if (/\s/.test(char)) {
      index += 1;
    } else if (char === "(" || char === ")") {
      tokens.push({ type: char === "(" ? "open" : "close", text: char, position: index });
      index += 1;
    } else if (char === '"') {
      let text = "";
      let end = index + 1;
      for (; end < input.length && input.charAt(end) !== '"'; end += 1) {
        if (input.charAt(end) === "\\" && end + 1 < input.length) end += 1;
        text += input.charAt(end);
      }
      if (end >= input.length) throw new ScimFilterError(`Unterminated string at position ${index}`);
      tokens.push({ type: "string", text, position: index });
      index = end + 1;
    } else {
      const match = /^[^\s()"]+/.exec(input.slice(index));
      const text = match?.[0] ?? char;
      tokens.push({ type: "word", text, position: index });
      index += text.length;
    }
  }
  return tokens;
}

const isOperator = (text: string): text is ScimOperator => (SCIM_OPERATORS as readonly string[]).includes(text);

/** Parses a filter; throws ScimFilterError with Okta-like wording on anything it cannot read. */
export function parseScimFilter(input: string): ScimFilter {
  const tokens = tokenize(input);
  let at = 0;
  const peekWord = () => (tokens[at]?.type === "word" ? tokens[at]?.text.toLowerCase() : undefined);

  const parseValue = (): ScimValue => {
    const token = tokens[at++];
    if (!token) throw new ScimFilterError("Expected a value at the end of the filter");
    if (token.type === "string") return token.text;
    if (token.type !== "word") throw new ScimFilterError(`Expected a value at position ${token.position}`);
    if (token.text === "true" || token.text === "false") return token.text === "true";
    if (token.text === "null") return null;
    if (/^-?\d+(\.\d+)?$/.test(token.text)) return Number(token.text);
    throw new ScimFilterError(`Unquoted value '${token.text}' at position ${token.position}`);
  };

  const parseAtom = (): ScimFilter => {
    const token = tokens[at];
    if (!token) throw new ScimFilterError("Unexpected end of the filter");
    if (token.type === "open") {
      at += 1;
      const inner = parseOr();
      if (tokens[at]?.type !== "close") throw new ScimFilterError(`Missing ')' for the '(' at position ${token.position}`);
      at += 1;
      return inner;
    }
    if (token.type === "word" && token.text.toLowerCase() === "not") {
      at += 1;
      if (tokens[at]?.type !== "open") throw new ScimFilterError(`Expected '(' after 'not' at position ${token.position}`);
      return { kind: "not", filter: parseAtom() };
    }
    if (token.type !== "word" || !/^[A-Za-z][\w.]*$/.test(token.text)) throw new ScimFilterError(`Expected an attribute at position ${token.position}`);
    at += 1;
    const operator = peekWord();
    if (operator === undefined || !isOperator(operator)) {
      throw new ScimFilterError(`Unrecognized attribute operator '${tokens[at]?.text ?? ""}' at position ${tokens[at]?.position ?? input.length}. Expected: ${SCIM_OPERATORS.join(",")}`);
    }
    at += 1;
    return { kind: "compare", attribute: token.text, operator, value: operator === "pr" ? null : parseValue() };
  };

  const parseAnd = (): ScimFilter => {
    let left = parseAtom();
    while (peekWord() === "and") {
      at += 1;
      left = { kind: "and", left, right: parseAtom() };
    }
    return left;
  };

  const parseOr = (): ScimFilter => {
    let left = parseAnd();
    while (peekWord() === "or") {
      at += 1;
      left = { kind: "or", left, right: parseAnd() };
    }
    return left;
  };

  const filter = parseOr();
  if (at < tokens.length) throw new ScimFilterError(`Unexpected '${tokens[at]?.text ?? ""}' at position ${tokens[at]?.position ?? input.length}`);
  return filter;
}

/** Every comparison in the filter, for endpoints that restrict attributes or operators. */
export function scimComparisons(filter: ScimFilter): Array<Extract<ScimFilter, { kind: "compare" }>> {
  if (filter.kind === "compare") return [filter];
  if (filter.kind === "not") return scimComparisons(filter.filter);
  return [...scimComparisons(filter.left), ...scimComparisons(filter.right)];
}

function compare(actual: ScimValue, operator: ScimOperator, expected: ScimValue, caseInsensitive: boolean): boolean {
  if (operator === "pr") return actual !== null && actual !== "";
  const fold = (value: ScimValue) => (typeof value === "string" && caseInsensitive ? value.toLowerCase() : value);
  const [a, b] = [fold(actual), fold(expected)];
  if (operator === "eq") return a === b;
  if (operator === "ne") return a !== b;
  if (typeof a !== "string" || typeof b !== "string") {
    if (typeof a === "number" && typeof b === "number") return operator === "gt" ? a > b : operator === "ge" ? a >= b : operator === "lt" ? a < b : operator === "le" ? a <= b : false;
    return false;
  }
  if (operator === "co") return a.includes(b);
  if (operator === "sw") return a.startsWith(b);
  if (operator === "ew") return a.endsWith(b);
  // Timestamps in ISO 8601 (UTC) compare correctly as strings.
  return operator === "gt" ? a > b : operator === "ge" ? a >= b : operator === "lt" ? a < b : a <= b;
}

/**
 * Whether an item matches. `resolve` gives an attribute's values (several for array attributes such as an event's
 * `target.id`: the comparison holds when any of them matches, as SCIM specifies).
 */
export function matchesScimFilter(filter: ScimFilter, resolve: (attribute: string) => ScimValue[], options: { caseInsensitive?: boolean } = {}): boolean {
  if (filter.kind === "and" || filter.kind === "or") {
    const left = matchesScimFilter(filter.left, resolve, options);
    if (filter.kind === "and" ? !left : left) return left;
    return matchesScimFilter(filter.right, resolve, options);
  }
  if (filter.kind === "not") return !matchesScimFilter(filter.filter, resolve, options);
  const values = resolve(filter.attribute);
  if (filter.operator === "ne") return values.every((value) => compare(value, "ne", filter.value, options.caseInsensitive ?? false));
  return values.some((value) => compare(value, filter.operator, filter.value, options.caseInsensitive ?? false));
}
