// The web resource (pkg/dynamics/case-followup.js) loaded as Dynamics loads
// a form library: a classic script in a fresh JavaScript context (Node's
// `vm`) whose globals are what a browser page gives it (Xrm, fetch,
// TextEncoder/TextDecoder), with the fake Xrm (fake-xrm.js) serving the
// Contoso case's Web API rows. The clock is fixed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";

import { CASE_ID, CONFIG, CUSTOMER_ID, scenario } from "./dynamics-fixtures.mjs";

/** A value from the script's context as a plain value of this one (arrays of another realm are not deep-equal to ours). */
const plain = (value) => JSON.parse(JSON.stringify(value));
const read = (path) => readFileSync(new URL(path, import.meta.url), "utf8");
const script = read;
const WEB_RESOURCE = script("../../pkg/dynamics/case-followup.js");
const FAKE_XRM = script("./fake-xrm.js");

/** A fresh context with the fake Xrm and the web resource loaded, the clock at `now`. */
async function loadForm(options, now) {
  const context = vm.createContext({ console, TextEncoder, TextDecoder });
  vm.runInContext(FAKE_XRM, context, { filename: "fake-xrm.js" });
  const fake = context.FakeXrm.create(options);
  context.Xrm = fake.Xrm;
  context.fetch = fake.fetch;
  vm.runInContext(WEB_RESOURCE, context, { filename: "case-followup.js" });
  const { CaseFollowup } = context;
  await CaseFollowup.ready;
  CaseFollowup.form.configure({
    now: () => now,
  });
  return { fake, CaseFollowup, form: CaseFollowup.form };
}

/** Lets fire-and-forget button actions finish. */
async function settle() {
  for (let round = 0; round < 20; round += 1) await new Promise((resolve) => setImmediate(resolve));
}

test("the web resource defines CaseFollowup with the package's exports, ready and the form library", async () => {
  const context = vm.createContext({ TextEncoder, TextDecoder });
  vm.runInContext(WEB_RESOURCE, context);
  const { CaseFollowup } = context;
  for (const name of ["evaluateRules", "draftEmail", "fillResolution", "evaluateMany", "validateConfig", "version", "Engine"]) {
    assert.equal(typeof CaseFollowup[name], "function", name);
  }
  assert.throws(() => CaseFollowup.version(), (error) => error.name === "FollowupError" && error.code === "not-ready" &&
    /await it first/.test(error.message));
  assert.throws(() => new CaseFollowup.Engine(CONFIG), (error) => error.code === "not-ready" && /`new Engine`/.test(error.message));
  await CaseFollowup.ready;
  assert.match(CaseFollowup.version(), /^\d+\.\d+\.\d+/);
  const engine = new CaseFollowup.Engine(CONFIG);
  assert.ok(engine instanceof CaseFollowup.Engine);
  assert.equal(typeof CaseFollowup.form.onLoad, "function");
  assert.equal(typeof CaseFollowup.form.onStatusReasonChange, "function");
});

const ON_LOAD_NOW = "2026-11-04T14:05:00Z";

test("onLoad: the case put on hold (audited) shows Send follow-up two days after the representative's email", async () => {
  const { fake, form } = await loadForm(scenario(), ON_LOAD_NOW);
  await form.onLoad(fake.executionContext);
  assert.deepEqual(plain(fake.callsTo("attribute.addOnChange").map((call) => call.args)), [["statuscode"]]);
  const summary = fake.formNotifications.get("case-followup.summary");
  assert.equal(summary.level, "INFO");
  assert.match(summary.message, /^Suggested actions: The customer last responded on 29 Oct 2026, 10:00 UTC\. Follow-up 2 of 3 is due now/);
  const item = fake.controlNotifications.get("case-followup.sendFollowUp");
  assert.equal(item.notificationLevel, "RECOMMENDATION");
  assert.match(item.messages[0], /^Send follow-up: /);
  assert.equal(item.actions[0].message, "Review and send email");
  assert.equal(fake.formNotifications.has("case-followup.audit"), false, "audit is on: no note");
  assert.equal(fake.formNotifications.has("case-followup.error"), false);

  // What it asked Dataverse: the three activity queries, the audit rows, and the config, each once.
  const queries = plain(fake.callsTo("Xrm.WebApi.retrieveMultipleRecords").map((call) => call.args[0])).sort();
  assert.deepEqual(queries, ["activitypointer", "audit", "email", "environmentvariabledefinition", "organization", "phonecall"]);
  for (const call of fake.callsTo("Xrm.WebApi.retrieveMultipleRecords")) {
    const [table, options] = call.args;
    if (["activitypointer", "email", "phonecall"].includes(table)) {
      assert.ok(options.includes(`_regardingobjectid_value eq ${CASE_ID}`), `${table}: the case's id, without braces`);
    }
  }
  // Functions and metadata by fetch: the audit settings, then details only for the audit rows that changed statuscode (column 32).
  const fetched = plain(fake.callsTo("fetch")).map((call) => decodeURIComponent(call.args[0]).replace("https://contoso.crm.dynamics.com/api/data/v9.2/", "").split("?")[0]).sort();
  assert.deepEqual(fetched, [
    "EntityDefinitions(LogicalName='incident')",
    "audits(a0000000-0000-4000-8000-000000000001)/Microsoft.Dynamics.CRM.RetrieveAuditDetails",
    "audits(a0000000-0000-4000-8000-000000000003)/Microsoft.Dynamics.CRM.RetrieveAuditDetails",
  ]);
});

test("onLoad: the decision reads the current form values, the audited On Hold change and the phone call", async () => {
  const { fake, form } = await loadForm(scenario(), ON_LOAD_NOW);
  const result = await form.decide(fake.executionContext.getFormContext(), { statusChangedNow: false });
  assert.equal(result.caseRecord.incidentid, CASE_ID);
  assert.equal(result.caseRecord["statuscode@OData.Community.Display.V1.FormattedValue"], "On Hold");
  assert.equal(result.caseRecord._customerid_value, CUSTOMER_ID);
  assert.equal(result.caseRecord["_customerid_value@Microsoft.Dynamics.CRM.lookuplogicalname"], "contact");
  assert.deepEqual(plain(result.decision.cycle), {
    startedAt: "2026-11-02T13:00:00Z", startSource: "statusChange", sequenceStartedAt: "2026-11-02T13:00:00Z",
  });
  const statusChanges = result.timeline.filter((item) => item.type === "statusChange");
  assert.deepEqual(plain(statusChanges), [
    { type: "statusChange", at: "2026-10-20T09:00:00Z", statusReason: 1 },
    { type: "statusChange", at: "2026-11-02T13:00:00Z", statusReason: 2 },
  ]);
  const call = result.timeline.find((item) => item.activitytypecode === "phonecall");
  assert.equal(call.directioncode, true, "the call's direction comes from phonecalls");
  assert.equal(call.actualdurationminutes, 20);
});

test("onStatusReasonChange: putting the case on hold now shows the card, the unsaved change counted from now", async () => {
  const { fake, form } = await loadForm(scenario({ onHold: false }), ON_LOAD_NOW);
  await form.onLoad(fake.executionContext);
  assert.equal(fake.controlNotifications.size, 0, "In Progress: no card");
  assert.equal(fake.formNotifications.has("case-followup.summary"), false);
  await fake.change("statuscode", 2, "On Hold");
  const summary = fake.formNotifications.get("case-followup.summary");
  assert.match(summary.message, /^Suggested actions: .*Follow-up 2 of 3 is due now/);
  assert.ok(fake.controlNotifications.get("case-followup.sendFollowUp"));
  // Back to In Progress: the card goes.
  await fake.change("statuscode", 1, "In Progress");
  assert.equal(fake.controlNotifications.size, 0);
  assert.equal(fake.formNotifications.has("case-followup.summary"), false);
});

test("audit off: the card comes with a note that the cycle is counted from the case's creation", async () => {
  const { fake, form } = await loadForm(scenario({ audit: "off" }), ON_LOAD_NOW);
  await form.onLoad(fake.executionContext);
  const note = fake.formNotifications.get("case-followup.audit");
  assert.equal(note.level, "WARNING");
  assert.equal(note.message, "Status Reason history is unavailable (auditing is off for this organisation), so the agent counts this follow-up cycle from when the case was created.");
  assert.ok(fake.formNotifications.get("case-followup.summary"));
  assert.equal(fake.callsTo("Xrm.WebApi.retrieveMultipleRecords").filter((call) => call.args[0] === "audit").length, 0, "no audit query");
});

test("audit not readable (prvReadAuditSummary missing): the note says why, the rest still works", async () => {
  const { fake, form } = await loadForm(scenario({ audit: "denied" }), ON_LOAD_NOW);
  await form.onLoad(fake.executionContext);
  const note = fake.formNotifications.get("case-followup.audit");
  assert.match(note.message, /^Status Reason history is unavailable \(the audit history could not be read \(Principal user .* is missing prvReadAuditSummary privilege/);
  assert.ok(fake.controlNotifications.get("case-followup.sendFollowUp"));
  assert.equal(fake.formNotifications.has("case-followup.error"), false);
});

test("every page of every query is read, following nextLink", async () => {
  const { fake, form } = await loadForm(scenario({ pageSize: 1 }), ON_LOAD_NOW);
  await form.onLoad(fake.executionContext);
  const emailQueries = fake.callsTo("Xrm.WebApi.retrieveMultipleRecords").filter((call) => call.args[0] === "email").map((call) => call.args[1]);
  assert.equal(emailQueries.length, 2, "two emails, one per page");
  assert.match(decodeURIComponent(emailQueries[1]), /\$skiptoken=<cookie pagenumber="2"/);
  assert.equal(fake.callsTo("Xrm.WebApi.retrieveMultipleRecords").filter((call) => call.args[0] === "audit").length, 3);
  assert.ok(fake.controlNotifications.get("case-followup.sendFollowUp"), "the same card as with one page");
});

test("Review and send email creates one draft email with its idempotency key and opens it, however often it is clicked", async () => {
  const { fake, form } = await loadForm(scenario(), ON_LOAD_NOW);
  await form.onLoad(fake.executionContext);
  const click = fake.recommendationButton("case-followup.sendFollowUp");
  click();
  click();
  await settle();
  click();
  await settle();
  const created = fake.callsTo("Xrm.WebApi.createRecord");
  assert.equal(created.length, 1);
  const [table, email] = created[0].args;
  assert.equal(table, "email");
  assert.equal(email.subject, "Checking in on your case CAS-01001-C0F3E3: Contoso Coffee grinder jams");
  assert.match(email.description, /^<p>Hello Alex,<\/p>/);
  assert.equal(email.directioncode, true);
  assert.equal(email["regardingobjectid_incident@odata.bind"], `/incidents(${CASE_ID})`);
  assert.deepEqual(plain(email.email_activity_parties), [{ participationtypemask: 2, "partyid_contact@odata.bind": `/contacts(${CUSTOMER_ID})` }]);
  // The key names the case, the rule, the step and the activity it follows (the representative's email).
  assert.equal(email.cf_followupkey, `${CASE_ID}/contoso-coffee/followUp-2/after-e0000000-0000-4000-8000-000000000002`);
  const opened = fake.callsTo("Xrm.Navigation.openForm").map((call) => call.args[0]);
  assert.equal(opened.length, 3);
  for (const options of opened) assert.deepEqual(plain(options), { entityName: "email", entityId: "00000000-0000-4000-8000-000000000001", openInNewWindow: true });
});

/** The representative's second and third follow-ups, sent and unanswered. */
function followUpRow(number, senton) {
  return {
    activityid: `e0000000-0000-4000-8000-00000000010${number}`,
    activitytypecode: "email",
    subject: `Checking in on your case CAS-01001-C0F3E3: Contoso Coffee grinder jams`,
    description: "<p>Hello Alex,</p>",
    directioncode: true,
    sender: "support@contoso.com",
    torecipients: "alex@fabrikam.com;",
    ccrecipients: null,
    senton,
    actualend: senton,
    createdon: senton,
    statecode: 1,
    statuscode: 3,
    messageid: `<f${number}@contoso.com>`,
    actualdurationminutes: null,
    _regardingobjectid_value: CASE_ID,
    cf_followupkey: `${CASE_ID}/contoso-coffee/x/followUp-${number}`,
  };
}

test("Resolve case: confirm, cancel the open task, CloseIncident once, refresh", async () => {
  const options = scenario({ extraEmails: [followUpRow(2, "2026-11-04T14:10:00Z"), followUpRow(3, "2026-11-06T14:10:00Z")] });
  const { fake, form } = await loadForm(options, "2026-11-08T15:00:00Z");
  await form.onLoad(fake.executionContext);
  assert.match(fake.formNotifications.get("case-followup.summary").message, /has not responded to 3 follow-ups/);
  const click = fake.recommendationButton("case-followup.resolveCase");
  click();
  click();
  await settle();
  const [confirmStrings] = fake.callsTo("Xrm.Navigation.openConfirmDialog")[0].args;
  assert.equal(confirmStrings.title, "Resolve case");
  assert.match(confirmStrings.text, /Open activities closed with the case: 1\./);
  assert.deepEqual(plain(fake.callsTo("Xrm.WebApi.updateRecord").map((call) => call.args)),
    [["task", "b0000000-0000-4000-8000-000000000001", { statecode: 2, statuscode: 6 }]]);
  const executed = fake.callsTo("Xrm.WebApi.online.execute");
  assert.equal(executed.length, 1);
  const [request, metadata] = executed[0].args;
  assert.equal(metadata.operationName, "CloseIncident");
  assert.equal(request.Status, 5);
  assert.equal(request.IncidentResolution["incidentid@odata.bind"], `/incidents(${CASE_ID})`);
  assert.equal(request.IncidentResolution.timespent, 25, "the call's 20 minutes and the email's 5");
  assert.deepEqual(plain(fake.callsTo("formContext.data.refresh").map((call) => call.args)), [[false]]);
  assert.equal(fake.controlNotifications.size, 0);
});

test("a config the engine refuses is an ERROR notification naming each problem's path", async () => {
  const bad = { rules: [{ id: "bad rule", automation: "confirm", triggerStatusReasons: [], followUps: { count: 0, waitTimes: "PT1H" } }] };
  const { fake, form } = await loadForm(scenario({ config: bad }), ON_LOAD_NOW);
  await form.onLoad(fake.executionContext);
  const error = fake.formNotifications.get("case-followup.error");
  assert.equal(error.level, "ERROR");
  assert.match(error.message, /^Case follow-up could not run: the follow-up config in `cf_CaseFollowupConfig` is not valid: rules\[0\]\./);
  assert.equal(fake.controlNotifications.size, 0);
  // Validated once: a change does not read the variable again.
  await fake.change("statuscode", 1, "In Progress");
  assert.equal(fake.callsTo("Xrm.WebApi.retrieveMultipleRecords").filter((call) => call.args[0] === "environmentvariabledefinition").length, 1);
});

test("an organisation without the key column: the query error is shown; keyColumn null works without it", async () => {
  const options = scenario();
  options.tables.email = options.tables.email.map(({ cf_followupkey, ...row }) => row);
  const { fake, form } = await loadForm(options, ON_LOAD_NOW);
  await form.onLoad(fake.executionContext);
  assert.match(fake.formNotifications.get("case-followup.error").message, /Could not find a property named 'cf_followupkey' on type 'Microsoft\.Dynamics\.CRM\.email'/);
  form.configure({ keyColumn: null });
  await form.onLoad(fake.executionContext);
  assert.equal(fake.formNotifications.has("case-followup.error"), false);
  assert.ok(fake.controlNotifications.get("case-followup.sendFollowUp"));
});

test("the helpers on their own: attribute masks, audit details, the change history the Web API returns without times", async () => {
  const { form } = await loadForm(scenario(), ON_LOAD_NOW);
  assert.equal(form.masksColumn({ attributemask: ",32," }, 32), true, "the mask with its commas around");
  assert.equal(form.masksColumn({ attributemask: "47,45,42,32,96" }, 32), true);
  assert.equal(form.masksColumn({ attributemask: "3,28,320" }, 32), false, "320 is not 32");
  assert.equal(form.masksColumn({ attributemask: null }, 32), false);
  const details = JSON.parse(read("./fixtures/dataverse/audit-details.json"));
  assert.deepEqual(plain(form.statusChangeFromAudit({ createdon: "2026-11-02T13:00:00Z" }, details["a0000000-0000-4000-8000-000000000003"])),
    { type: "statusChange", at: "2026-11-02T13:00:00Z", statusReason: 2 });
  assert.equal(form.statusChangeFromAudit({ createdon: "2026-10-28T16:12:00Z" }, details["a0000000-0000-4000-8000-000000000002"]), null,
    "a change of the priority only");
  // The Web API's RetrieveRecordChangeHistory has no AuditRecord: its Status Reason change cannot be placed in time.
  const history = JSON.parse(read("./fixtures/dataverse/record-change-history.json"));
  assert.deepEqual(plain(form.statusChangesFromRecordChangeHistory(history)), { items: [], undated: 1 });
  const withRecord = structuredClone(history);
  withRecord.AuditDetailCollection.AuditDetails[0].AuditRecord = { createdon: "2026-11-02T13:00:00Z" };
  assert.deepEqual(plain(form.statusChangesFromRecordChangeHistory(withRecord)),
    { items: [{ type: "statusChange", at: "2026-11-02T13:00:00Z", statusReason: 2 }], undated: 0 });
  assert.throws(() => form.anyOf("_regardingobjectid_value", ["11111111-0000-4000-8000-000000000001) or (true"]), /is not a GUID/);
});
