// A small reader of OData `$filter` expressions, for the fake Dataverse
// Web API: comparisons (eq, ne, gt, ge, lt, le) of a column with a literal
// (number, 'text', GUID, true, false, null), joined by and / or, negated by
// not, grouped by parentheses. That is what case-followup-sweep sends;
// anything else is refused with the error Dataverse gives for a bad query.

const TOKEN = /\s*(?:(\()|(\))|('(?:[^']|'')*')|([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})|(-?\d+(?:\.\d+)?)|([A-Za-z_][\w.]*))/y;
const COMPARISONS = new Set(["eq", "ne", "gt", "ge", "lt", "le"]);

/** Splits a filter into tokens; throws on a character it does not know. */
function tokenize(text) {
  const tokens = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match) {
      if (/^\s*$/.test(text.slice(start))) break;
      throw new Error(`Syntax error at position ${start} in '${text}'.`);
    }
    const [, open, close, string, guid, number, word] = match;
    if (open) tokens.push({ kind: "(" });
    else if (close) tokens.push({ kind: ")" });
    else if (string) tokens.push({ kind: "literal", value: string.slice(1, -1).replace(/''/g, "'") });
    else if (guid) tokens.push({ kind: "literal", value: guid.toLowerCase() });
    else if (number) tokens.push({ kind: "literal", value: Number(number) });
    else if (word === "true" || word === "false") tokens.push({ kind: "literal", value: word === "true" });
    else if (word === "null") tokens.push({ kind: "literal", value: null });
    else tokens.push({ kind: "word", value: word });
  }
  return tokens;
}

/** Parses a filter into a predicate over rows; `columns` are the table's columns (an unknown one is refused). */
export function parseFilter(text, columns) {
  const tokens = tokenize(text);
  let position = 0;
  const peek = () => tokens[position];
  const next = () => tokens[position++];
  const fail = (why) => {
    throw new Error(`${why} in the $filter '${text}'.`);
  };

  function primary() {
    const token = next();
    if (!token) fail("An expression ends too early");
    if (token.kind === "(") {
      const inner = or();
      if (next()?.kind !== ")") fail("A parenthesis is not closed");
      return inner;
    }
    if (token.kind === "word" && token.value === "not") {
      const inner = primary();
      return (row) => !inner(row);
    }
    if (token.kind !== "word") fail("A comparison must start with a column");
    const column = token.value;
    if (!columns.has(column)) {
      throw Object.assign(new Error(`Could not find a property named '${column}' on the table.`), { column });
    }
    const operator = next();
    if (operator?.kind !== "word" || !COMPARISONS.has(operator.value)) fail(`\`${column}\` is not followed by a comparison`);
    const literal = next();
    if (literal?.kind !== "literal") fail(`\`${column} ${operator.value}\` is not followed by a value`);
    const want = literal.value;
    const compare = (have) => {
      const value = typeof have === "string" && typeof want === "string" ? have.toLowerCase() : have;
      const wanted = typeof want === "string" ? want.toLowerCase() : want;
      switch (operator.value) {
        case "eq": return value === wanted || (value === undefined && wanted === null);
        case "ne": return !(value === wanted || (value === undefined && wanted === null));
        case "gt": return value > wanted;
        case "ge": return value >= wanted;
        case "lt": return value < wanted;
        default: return value <= wanted;
      }
    };
    return (row) => compare(row[column]);
  }

  function and() {
    let left = primary();
    while (peek()?.kind === "word" && peek().value === "and") {
      next();
      const right = primary();
      const before = left;
      left = (row) => before(row) && right(row);
    }
    return left;
  }

  function or() {
    let left = and();
    while (peek()?.kind === "word" && peek().value === "or") {
      next();
      const right = and();
      const before = left;
      left = (row) => before(row) || right(row);
    }
    return left;
  }

  const predicate = or();
  if (position !== tokens.length) fail("Unexpected text after the expression");
  return predicate;
}
