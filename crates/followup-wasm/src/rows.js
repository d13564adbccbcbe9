// Turns the decision rows the wasm side writes (followup-output's
// `DecisionRow`: a decision's field values as one JSON array) into the
// decision objects the API returns. An object literal with fixed keys is
// built in a fraction of the time `JSON.parse` takes to add the same
// properties one at a time. The names and their order are
// `DECISION_FIELDS`; a test in followup-wasm checks this file against it.

export function decisionFromRow(text) {
  return rowToDecision(JSON.parse(text));
}

export function responsesFromRows(text) {
  return JSON.parse(text).map((row) =>
    Array.isArray(row) ? { type: "success", decision: rowToDecision(row) } : row);
}

function rowToDecision(row) {
  return {
    caseId: row[0],
    evaluatedAt: row[1],
    state: row[2],
    reason: row[3],
    rule: row[4],
    cycle: row[5],
    followUps: row[6],
    lastCustomerResponse: row[7],
    dueAt: row[8],
    nextCheckAt: row[9],
    projectedResolutionAt: row[10],
    actions: row[11],
    card: row[12],
    summary: row[13],
    explanation: { rules: row[14][0], notes: row[14][1] },
    warnings: row[15],
  };
}
