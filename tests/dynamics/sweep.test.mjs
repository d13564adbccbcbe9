// case-followup-sweep against the fake Dataverse Web API (fake-dataverse.mjs,
// on 127.0.0.1): a page of 250 cases covering every decision state, every
// request it makes checked, and a second run that sends nothing twice.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

import { Engine } from "case-followup";
import { runSweep, WebApi } from "case-followup/sweep";

import { buildOrganisation, CONFIG, KINDS, NOW, OTHER_PRODUCT, TOKEN } from "./contoso-org.mjs";
import { startFakeDataverse } from "./fake-dataverse.mjs";

const engine = () => new Engine(CONFIG, { explainRules: false });

const servers = [];
after(() => Promise.all(servers.map((server) => server.close())));

async function startOrg(options) {
  const organisation = buildOrganisation(options);
  const server = await startFakeDataverse({ ...organisation, token: TOKEN, now: () => NOW });
  servers.push(server);
  return server;
}

function sweep(server, execute) {
  const api = new WebApi({ url: server.url, token: async () => TOKEN });
  return runSweep({ api, engine: engine(), config: CONFIG, now: NOW, execute, keyColumn: "cf_followupkey", pageSize: 50 });
}

/** The case number (1-based) of a case id made by contoso-org.mjs. */
const caseNumber = (id) => Number.parseInt(id.slice(-12), 16);
const kindOf = (outcome) => KINDS[(caseNumber(outcome.caseId) - 1) % KINDS.length];

const EXPECTED_STATE = {
  notEligible: "notEligible", waiting: "waiting", followUpDue: "followUpDue", firstFollowUpDue: "followUpDue",
  replyNeeded: "replyNeeded", resolutionDue: "resolutionDue", stopped: "stopped", paused: "paused",
  noAudit: "followUpDue", draftLeft: "followUpDue",
};

/** Every request, as `METHOD path` with the ids written as `<id>`. */
function routes(requests) {
  return requests.map((request) => `${request.method} ${request.path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, "<id>")}`);
}

function countBy(list) {
  const counts = {};
  for (const item of list) counts[item] = (counts[item] ?? 0) + 1;
  return counts;
}

test("a dry run over 250 cases decides every state and changes nothing", async () => {
  const server = await startOrg();
  const report = await sweep(server, false);
  assert.equal(report.cases.length, 250, "the two cases outside a trigger Status Reason are not read");
  assert.equal(report.failures, 0, JSON.stringify(report.cases.find((outcome) => outcome.state === "failed")));
  for (const outcome of report.cases) assert.equal(outcome.state, EXPECTED_STATE[kindOf(outcome)], `${outcome.ticketNumber} (${kindOf(outcome)}): ${outcome.summary}`);
  assert.deepEqual(new Set(report.cases.map((outcome) => outcome.state)),
    new Set(["notEligible", "waiting", "followUpDue", "replyNeeded", "resolutionDue", "stopped", "paused"]));
  const noAudit = report.cases.filter((outcome) => kindOf(outcome) === "noAudit");
  for (const outcome of noAudit) assert.equal(outcome.note, null, "audit is on; the case merely has no change: counted from creation, no note");
  for (const outcome of report.cases) {
    const wouldDo = outcome.steps.map((step) => `${step.type}:${step.result}`);
    const kind = kindOf(outcome);
    const expected = ["followUpDue", "firstFollowUpDue", "noAudit", "draftLeft"].includes(kind) ? ["sendFollowUp:wouldDo"]
      : kind === "resolutionDue" ? ["resolveCase:wouldDo"] : [];
    assert.deepEqual(wouldDo, expected, `${outcome.ticketNumber} (${kind})`);
  }

  // Only reads, each one expected.
  const counts = countBy(routes(server.requests));
  const audited = 250 - noAudit.length;
  assert.deepEqual(counts, {
    "GET EntityDefinitions(LogicalName='incident')/Attributes(LogicalName='statuscode')/Microsoft.Dynamics.CRM.StatusAttributeMetadata": 1,
    "GET EntityDefinitions(LogicalName='incident')": 1,
    "GET organizations": 1,
    "GET incidents": 5,
    "GET activitypointers": 5,
    "GET emails": 5,
    "GET phonecalls": 5,
    "GET audits": 5,
    "GET audits(<id>)/Microsoft.Dynamics.CRM.RetrieveAuditDetails": audited,
  });
  for (const request of server.requests) {
    assert.equal(request.status, 200, `${request.method} ${request.path}`);
    assert.equal(request.headers.authorization, `Bearer ${TOKEN}`);
    assert.match(request.headers.prefer, /odata\.maxpagesize=50/);
  }
  const incidents = server.requests.filter((request) => request.path === "incidents");
  assert.equal(incidents[0].query.$filter, "statecode eq 0 and (statuscode eq 2 or statuscode eq 3)", "On Hold by label, 3 by value");
  assert.match(incidents[1].query.$skiptoken, /^<cookie pagenumber="2"/, "the next page through @odata.nextLink");
  const emails = server.requests.find((request) => request.path === "emails");
  assert.match(emails.query.$select, /,cf_followupkey$/);
  assert.equal((emails.query.$filter.match(/_regardingobjectid_value eq/g) ?? []).length, 50, "one query for the page's 50 cases");
  console.log(`dry run: ${report.requests} requests for 250 cases (${(report.requests / 250).toFixed(2)} per case)`);
});

test("executing sends each due follow-up, resolves each due case, and a second run sends nothing twice", async () => {
  // A first dry run finds the keys; an earlier, interrupted run left a draft for each draftLeft case.
  const probe = await startOrg();
  const dry = await sweep(probe, false);
  const draftKeys = new Map(dry.cases.filter((outcome) => kindOf(outcome) === "draftLeft")
    .map((outcome) => [caseNumber(outcome.caseId), outcome.steps[0].idempotencyKey]));
  const server = await startOrg({ draftKeys });

  const first = await sweep(server, true);
  assert.equal(first.failures, 0, JSON.stringify(first.cases.filter((outcome) => outcome.steps.some((step) => step.result === "failed"))));
  const byKind = (kind) => first.cases.filter((outcome) => kindOf(outcome) === kind);
  const sendNew = ["followUpDue", "firstFollowUpDue", "noAudit"].flatMap(byKind);
  const drafts = byKind("draftLeft");
  const resolutions = byKind("resolutionDue");
  for (const outcome of sendNew) assert.equal(outcome.steps[0].result, "done");
  for (const outcome of drafts) assert.equal(outcome.steps[0].result, "sentExistingDraft", "the draft found by its key is sent, not a second one");
  for (const outcome of resolutions) assert.equal(outcome.steps[0].result, "done");

  const writes = server.requests.filter((request) => request.method !== "GET");
  const counts = countBy(routes(writes));
  assert.deepEqual(counts, {
    "POST emails": sendNew.length,
    "POST emails(<id>)/Microsoft.Dynamics.CRM.SendEmail": sendNew.length + drafts.length,
    "PATCH tasks(<id>)": resolutions.length,
    "POST CloseIncident": resolutions.length,
  });
  for (const request of writes) assert.ok(request.status === 204 || request.status === 200, `${request.method} ${request.path}: ${request.status}`);
  // Each created email: the drafted follow-up, to the customer's contact, regarding its case, with its step's key.
  const keys = new Map(dry.cases.map((outcome) => [outcome.caseId, outcome.steps[0]?.idempotencyKey]));
  for (const request of writes.filter((write) => write.path === "emails")) {
    const caseId = /\/incidents\((.*)\)/.exec(request.body["regardingobjectid_incident@odata.bind"])[1];
    assert.equal(request.body.cf_followupkey, keys.get(caseId));
    assert.equal(request.body.directioncode, true);
    assert.deepEqual(Object.keys(request.body.email_activity_parties[0]), ["participationtypemask", "partyid_contact@odata.bind"]);
    assert.match(request.body.subject, /CAS-\d{5}-C0F3E3/);
  }
  for (const request of writes.filter((write) => write.path.endsWith("SendEmail"))) assert.deepEqual(request.body, { IssueSend: true });
  for (const request of writes.filter((write) => write.path === "CloseIncident")) {
    assert.equal(request.body.Status, 5);
    assert.equal(request.body.IncidentResolution.timespent, 20, "the diagnosis call's 20 minutes");
  }
  // The task was canceled before its case was closed.
  const order = routes(writes);
  assert.ok(order.indexOf("PATCH tasks(<id>)") < order.indexOf("POST CloseIncident"));

  const before = server.requests.length;
  const second = await sweep(server, true);
  const again = server.requests.slice(before).filter((request) => request.method !== "GET");
  assert.deepEqual(again, [], "nothing sent or resolved twice");
  assert.equal(second.cases.length, 250 - resolutions.length, "resolved cases are no longer active");
  for (const outcome of second.cases.filter((candidate) => ["followUpDue", "firstFollowUpDue", "noAudit", "draftLeft"].includes(kindOf(candidate)))) {
    assert.equal(outcome.state, "waiting", `${outcome.ticketNumber}: the follow-up just sent is counted`);
  }
});

const BIN = fileURLToPath(new URL("./node_modules/case-followup/sweep/case-followup-sweep.mjs", import.meta.url));

function runCli(args, env = {}) {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, stdout, stderr });
    });
  });
}

test("the case-followup-sweep command: a dry run, then --execute, with the token from the environment or a command", async () => {
  // Histories whose activities and status changes come in time order, so the command runs with the engine as it is.
  const server = await startOrg({ cases: 6, kinds: ["firstFollowUpDue", OTHER_PRODUCT] });
  const dry = await runCli(["--url", server.url, "--now", NOW, "--format", "jsonl"], { DATAVERSE_TOKEN: TOKEN });
  assert.equal(dry.code, 0, dry.stderr + dry.stdout);
  const lines = dry.stdout.trim().split("\n").map((line) => JSON.parse(line));
  assert.deepEqual(lines.at(-1).summary, { cases: 6, failures: 0, requests: lines.at(-1).summary.requests, dryRun: true });
  assert.deepEqual(lines.slice(0, -1).map((line) => line.state).sort(), ["followUpDue", "followUpDue", "followUpDue", "notEligible", "notEligible", "notEligible"]);
  assert.equal(server.requests.filter((request) => request.method !== "GET").length, 0);

  const run = await runCli(["--url", server.url, "--now", NOW, "--execute", "--token-command", `printf '%s' ${TOKEN}`]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^CAS-00001-C0F3E3: followUpDue: .*\n  sendFollowUp done \(email [0-9a-f-]{36}\)$/m);
  assert.match(run.stdout, /^6 case\(s\), 0 failure\(s\), \d+ request\(s\)$/m);
  assert.equal(server.requests.filter((request) => request.path.endsWith("SendEmail")).length, 3);
});

test("the command says what is wrong and exits 2: no URL, no token, a token the organisation refuses", async () => {
  const server = await startOrg({ cases: 1 });
  const noUrl = await runCli([]);
  assert.equal(noUrl.code, 2);
  assert.match(noUrl.stderr, /give the organisation's URL: --url or DATAVERSE_URL/);
  const noToken = await runCli(["--url", server.url]);
  assert.equal(noToken.code, 2);
  assert.match(noToken.stderr, /no token: set DATAVERSE_TOKEN or give --token-command/);
  const refused = await runCli(["--url", server.url], { DATAVERSE_TOKEN: "not-the-token" });
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /the Web API answered 401/);
  const unauthorised = server.requests.filter((request) => request.status === 401);
  assert.ok(unauthorised.length >= 2, "asked again once with a fresh token");
});
