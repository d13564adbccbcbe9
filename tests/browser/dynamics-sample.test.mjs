// The Dynamics 365 form script sample (dynamics-sample/), compiled by tsc,
// loaded as Dynamics loads a form library (a classic script with a global
// `Xrm`) into a fresh context, and run against the fake Xrm with the real
// plugin (the package's Node build). The clock is fixed: nothing depends on
// the real time.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";

import * as plugin from "case-followup";
import { createFakeXrm } from "./dynamics-sample/fake-xrm.mjs";

const COMPILED = new URL("./dynamics-sample/dist/case-followup-form.js", import.meta.url);
const CASE_ID = "11111111-0000-4000-8000-000000000001";
const CUSTOMER_ID = "c0ffee00-0000-4000-8000-000000000001";

const config = {
  sender: { name: "Contoso Support", address: "support@contoso.com" },
  rules: [{
    id: "contoso-coffee",
    name: "Contoso Coffee follow-up and closure",
    conditions: { field: "title", operator: "like", value: "%Contoso Coffee%" },
    automation: "confirm",
    triggerStatusReasons: ["On Hold"],
    followUps: { count: 3, waitTimes: "PT48H" },
  }],
};

/** The case form's attributes, as the fake form returns them. */
function caseAttributes({ statuscode = 1, statusText = "In Progress" } = {}) {
  return [
    { name: "title", type: "string", value: "Contoso Coffee grinder jams" },
    { name: "ticketnumber", type: "string", value: "CAS-01001-C0F3E3" },
    { name: "statecode", type: "optionset", value: 0, text: "Active" },
    { name: "statuscode", type: "optionset", value: statuscode, text: statusText },
    { name: "createdon", type: "datetime", value: new Date("2026-10-20T09:00:00Z") },
    { name: "emailaddress", type: "string", value: "alex@fabrikam.com" },
    { name: "customerid", type: "lookup", value: [{ id: `{${CUSTOMER_ID.toUpperCase()}}`, name: "Alex Wu", entityType: "contact" }] },
    { name: "prioritycode", type: "optionset", value: 2, text: "Normal" },
  ];
}

/** An email row as the Web API returns it. */
function emailRow(activityid, { outgoing, senton, subject, statuscode }) {
  return {
    "@odata.etag": 'W/"1"',
    activityid,
    activitytypecode: "email",
    directioncode: outgoing,
    sender: outgoing ? "support@contoso.com" : "alex@fabrikam.com",
    torecipients: outgoing ? "alex@fabrikam.com" : "support@contoso.com",
    subject,
    description: `<p>${subject}</p>`,
    senton,
    createdon: senton,
    statecode: 1,
    statuscode: statuscode ?? (outgoing ? 3 : 4),
    messageid: `<${activityid}@example.com>`,
  };
}

const CUSTOMER_ASKS = emailRow("e-customer", { outgoing: false, senton: "2026-10-20T08:55:00Z", subject: "Grinder jams" });
const REPRESENTATIVE_ASKS = emailRow("e-rep", { outgoing: true, senton: "2026-11-02T14:00:00Z", subject: "Your grinder: CAS-01001-C0F3E3" });

/** Loads the compiled sample into a new context whose global `Xrm` is the fake. */
function loadSample(fake, now) {
  const context = vm.createContext({ Xrm: fake.Xrm, console });
  vm.runInContext(readFileSync(COMPILED, "utf8"), context, { filename: "case-followup-form.js" });
  const sample = context.CaseFollowup;
  sample.configure({
    loadPlugin: async () => ({ Engine: plugin.Engine }),
    loadConfig: async () => structuredClone(config),
    now: () => now,
  });
  return sample;
}

/** Lets fire-and-forget notification actions finish. */
async function settle() {
  for (let round = 0; round < 20; round += 1) await new Promise((resolve) => setImmediate(resolve));
}

test("onLoad registers the Status Reason's OnChange handler; an In Progress case shows nothing", async () => {
  const fake = createFakeXrm({ caseId: CASE_ID, attributes: caseAttributes(), emails: [CUSTOMER_ASKS, REPRESENTATIVE_ASKS] });
  const sample = loadSample(fake, "2026-11-02T14:05:00Z");
  await sample.onLoad(fake.executionContext);
  assert.deepEqual(fake.callsTo("attribute.addOnChange").map((call) => call.args), [["statuscode"]]);
  assert.equal(fake.formNotifications.size, 0);
  assert.equal(fake.controlNotifications.size, 0);
});

test("changing the Status Reason to On Hold reads the form, fetches every page of emails and shows the card", async () => {
  const fake = createFakeXrm({ caseId: CASE_ID, attributes: caseAttributes(), emails: [CUSTOMER_ASKS, REPRESENTATIVE_ASKS], pageSize: 1 });
  const sample = loadSample(fake, "2026-11-04T14:05:00Z");
  await sample.onLoad(fake.executionContext);
  await fake.change("statuscode", 2, "On Hold");

  const queries = fake.callsTo("Xrm.WebApi.retrieveMultipleRecords").map((call) => call.args);
  assert.ok(queries.length >= 2, "one page per email row");
  for (const [entity, options] of queries) {
    assert.equal(entity, "email");
    assert.match(options, new RegExp(`\\$filter=_regardingobjectid_value eq ${CASE_ID}`), "the case's id, without braces");
  }
  assert.match(queries.at(-1)[1], /\$skiptoken=/, "the next page is asked with the nextLink's query");

  const summary = fake.formNotifications.get("case-followup.summary");
  assert.equal(summary.level, "INFO");
  assert.match(summary.message, /^Suggested actions: The customer last responded on 20 Oct 2026, 08:55 UTC\. Follow-up 2 of 3 is due now/);

  const suggestion = fake.controlNotifications.get("case-followup.sendFollowUp");
  assert.ok(suggestion, "the Send follow-up suggestion is on the Status Reason field");
  assert.equal(suggestion.notificationLevel, "RECOMMENDATION");
  assert.match(suggestion.messages[0], /^Send follow-up: The customer didn't respond to your last email/);
  assert.equal(suggestion.actions[0].message, "Review and send email");
});

test("Review and send email creates one draft email on the case and opens it; a second click reopens the same draft", async () => {
  const fake = createFakeXrm({ caseId: CASE_ID, attributes: caseAttributes(), emails: [CUSTOMER_ASKS, REPRESENTATIVE_ASKS] });
  const sample = loadSample(fake, "2026-11-04T14:05:00Z");
  await sample.onLoad(fake.executionContext);
  await fake.change("statuscode", 2, "On Hold");

  const reviewAndSend = fake.recommendationButton("case-followup.sendFollowUp");
  reviewAndSend();
  reviewAndSend(); // a double click
  await settle();
  reviewAndSend(); // later, again
  await settle();

  const created = fake.callsTo("Xrm.WebApi.createRecord");
  assert.equal(created.length, 1, "the idempotency key keeps it to one draft");
  const [entity, email] = created[0].args;
  assert.equal(entity, "email");
  assert.equal(email.subject, "Checking in on your case CAS-01001-C0F3E3: Contoso Coffee grinder jams");
  assert.match(email.description, /^<p>Hello Alex,<\/p>/);
  assert.equal(email["regardingobjectid_incident@odata.bind"], `/incidents(${CASE_ID})`);
  assert.deepEqual(email.email_activity_parties, [{ participationtypemask: 2, "partyid_contact@odata.bind": `/contacts(${CUSTOMER_ID})` }]);

  const opened = fake.callsTo("Xrm.Navigation.openForm").map((call) => call.args[0]);
  const sameDraft = { entityName: "email", entityId: "00000000-0000-4000-8000-000000000001", openInNewWindow: true };
  assert.deepEqual(opened, [sameDraft, sameDraft, sameDraft]);
});

test("a case opened after three unanswered emails offers Resolve case: confirm, cancel the draft, CloseIncident, refresh", async () => {
  const followUp2 = emailRow("e-fu2", { outgoing: true, senton: "2026-11-04T14:10:00Z", subject: "Checking in" });
  const followUp3 = emailRow("e-fu3", { outgoing: true, senton: "2026-11-06T14:10:00Z", subject: "Final follow-up" });
  const draft = { ...emailRow("e-draft", { outgoing: true, senton: null, subject: "Unsent note", statuscode: 1 }), statecode: 0, createdon: "2026-11-07T09:00:00Z" };
  const fake = createFakeXrm({
    caseId: CASE_ID,
    attributes: caseAttributes({ statuscode: 2, statusText: "On Hold" }),
    emails: [CUSTOMER_ASKS, REPRESENTATIVE_ASKS, followUp2, followUp3, draft],
  });
  const sample = loadSample(fake, "2026-11-08T15:00:00Z");
  await sample.onLoad(fake.executionContext);

  assert.match(fake.formNotifications.get("case-followup.summary").message, /has not responded to 3 follow-ups: the case can be resolved/);
  const suggestion = fake.controlNotifications.get("case-followup.resolveCase");
  assert.equal(suggestion.actions[0].message, "Resolve case");

  const resolveCase = fake.recommendationButton("case-followup.resolveCase");
  resolveCase();
  resolveCase(); // a double click, before the first one's confirmation is answered
  await settle();

  const [confirmStrings] = fake.callsTo("Xrm.Navigation.openConfirmDialog")[0].args;
  assert.equal(confirmStrings.title, "Resolve case");
  assert.equal(confirmStrings.subtitle, "Problem Solved: No response from the customer after 3 follow-up emails.");
  assert.deepEqual(fake.callsTo("Xrm.WebApi.updateRecord").map((call) => call.args), [["email", "e-draft", { statecode: 2, statuscode: 5 }]]);

  const executed = fake.callsTo("Xrm.WebApi.online.execute");
  assert.equal(executed.length, 1, "resolved once, however often the action is clicked");
  const [request, metadata] = executed[0].args;
  assert.equal(metadata.operationName, "CloseIncident");
  assert.equal(request.Status, 5);
  assert.equal(request.IncidentResolution["incidentid@odata.bind"], `/incidents(${CASE_ID})`);
  assert.equal(request.IncidentResolution.subject, "No response from the customer after 3 follow-up emails.");
  assert.deepEqual(fake.callsTo("formContext.data.refresh").map((call) => call.args), [[false]]);
  assert.equal(fake.controlNotifications.size, 0, "the card is gone");
});

test("a declined confirmation resolves nothing", async () => {
  const followUps = ["2026-11-04T14:10:00Z", "2026-11-06T14:10:00Z"].map((senton, index) =>
    emailRow(`e-fu${index + 2}`, { outgoing: true, senton, subject: "Checking in" }));
  const fake = createFakeXrm({
    caseId: CASE_ID, attributes: caseAttributes({ statuscode: 2, statusText: "On Hold" }),
    emails: [CUSTOMER_ASKS, REPRESENTATIVE_ASKS, ...followUps], confirm: false,
  });
  const sample = loadSample(fake, "2026-11-08T15:00:00Z");
  await sample.onLoad(fake.executionContext);
  fake.recommendationButton("case-followup.resolveCase")();
  await settle();
  assert.equal(fake.callsTo("Xrm.Navigation.openConfirmDialog").length, 1);
  assert.equal(fake.callsTo("Xrm.WebApi.online.execute").length, 0);
  assert.equal(fake.callsTo("Xrm.WebApi.updateRecord").length, 0);
});

test("moving the Status Reason off the trigger clears the card", async () => {
  const fake = createFakeXrm({ caseId: CASE_ID, attributes: caseAttributes(), emails: [CUSTOMER_ASKS, REPRESENTATIVE_ASKS] });
  const sample = loadSample(fake, "2026-11-04T14:05:00Z");
  await sample.onLoad(fake.executionContext);
  await fake.change("statuscode", 2, "On Hold");
  assert.equal(fake.controlNotifications.size, 1);
  await fake.change("statuscode", 1, "In Progress");
  assert.equal(fake.controlNotifications.size, 0);
  assert.equal(fake.formNotifications.has("case-followup.summary"), false, "not a trigger: the agent has nothing to say");
});

test("a config the plugin refuses becomes an error notification, not an exception", async () => {
  const fake = createFakeXrm({ caseId: CASE_ID, attributes: caseAttributes(), emails: [REPRESENTATIVE_ASKS] });
  const sample = loadSample(fake, "2026-11-04T14:05:00Z");
  sample.configure({ loadConfig: async () => ({ rules: [{ id: "bad", automation: "confirm", triggerStatusReasons: [], followUps: { count: 0, waitTimes: "PT1H" } }] }) });
  await sample.onLoad(fake.executionContext);
  await fake.change("statuscode", 2, "On Hold");
  const error = fake.formNotifications.get("case-followup.error");
  assert.equal(error.level, "ERROR");
  assert.match(error.message, /^Case follow-up could not run: /);
  assert.equal(fake.controlNotifications.size, 0);
});
