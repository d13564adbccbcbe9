// The fake organisation's data for the sweep's tests: 250 active cases in
// On Hold (and a few more in other Status Reasons), with histories that
// cover every state the engine decides, as Web API rows (incidents,
// emails, phone calls, tasks, audits and their RetrieveAuditDetails
// answers), and the metadata the sweep reads. Deterministic.
import { readFileSync } from "node:fs";

const fixture = (name) =>
  JSON.parse(readFileSync(new URL(`../browser/fixtures/dataverse/${name}`, import.meta.url), "utf8"));

export const NOW = "2026-11-10T12:00:00Z";
export const TOKEN = "fake-token-for-tests";
const FORMATTED = "@OData.Community.Display.V1.FormattedValue";
const LOOKUP = "@Microsoft.Dynamics.CRM.lookuplogicalname";

/** The follow-up config: the Contoso rule, full automation. */
export const CONFIG = {
  sender: { name: "Contoso Support", address: "support@contoso.com" },
  rules: [{
    id: "contoso-coffee",
    name: "Contoso Coffee follow-up and closure",
    conditions: { field: "title", operator: "like", value: "%Contoso Coffee%" },
    automation: "full",
    triggerStatusReasons: ["On Hold", 3],
    followUps: { count: 3, waitTimes: "PT48H" },
    resolution: { type: "Problem Solved" },
  }],
  resolution: { remarks: [{ followUpHistory: true }] },
};

/** The histories, in turn: what each case shows the engine at NOW. */
export const KINDS = [
  "notEligible", // the title does not match the rule
  "waiting", // on hold a day ago, the representative's email unanswered for a day
  "followUpDue", // the representative's email unanswered for three days: follow-up 2 due
  "firstFollowUpDue", // on hold three days ago, nothing sent: follow-up 1 due
  "replyNeeded", // the customer asked a question
  "resolutionDue", // three follow-ups unanswered: resolve (an open task is canceled first)
  "stopped", // the customer said it is fixed
  "paused", // the last follow-up bounced
  "noAudit", // no Status Reason audit: the cycle counts from creation
  "draftLeft", // follow-up 2 due, and an earlier run left its draft (found by key)
];
/** Not among the 250: like firstFollowUpDue, but for another product (no rule applies). */
export const OTHER_PRODUCT = "otherProduct";

const hex = (n, width) => n.toString(16).padStart(width, "0");
const caseId = (n) => `11111111-0000-4000-8000-${hex(n, 12)}`;
const activityId = (n, k) => `e${hex(k, 7)}-0000-4000-8000-${hex(n, 12)}`;
const auditId = (n, k) => `a${hex(k, 7)}-0000-4000-8000-${hex(n, 12)}`;
const at = (isoDay, hour = 12) => `${isoDay}T${String(hour).padStart(2, "0")}:00:00Z`;

function email(n, k, { outgoing, senton, subject, body, from, to, statuscode, key = null }) {
  return {
    "@odata.etag": `W/"${1000 + k}"`,
    activityid: activityId(n, k), activitytypecode: "email", [`activitytypecode${FORMATTED}`]: "Email",
    subject, description: body, directioncode: outgoing, [`directioncode${FORMATTED}`]: outgoing ? "Outgoing" : "Incoming",
    sender: from, torecipients: `${to};`, ccrecipients: null, senton, actualend: senton, createdon: senton ?? at("2026-11-09"),
    statecode: statuscode === 1 ? 0 : 1, statuscode: statuscode ?? (outgoing ? 3 : 4), messageid: senton ? `<${activityId(n, k)}@mail>` : null,
    actualdurationminutes: null, _regardingobjectid_value: caseId(n), [`_regardingobjectid_value${LOOKUP}`]: "incident",
    cf_followupkey: key,
  };
}

/**
 * Builds the organisation: tables and audit details. `draftKeys` maps case
 * number to the key of a left-over draft; `kinds` picks the histories
 * (in turn, by case number).
 */
export function buildOrganisation({ cases = 250, draftKeys = new Map(), kinds = KINDS } = {}) {
  const incidents = [];
  const emails = [];
  const tasks = [];
  const phonecalls = [];
  const audits = [];
  const auditDetails = {};
  const statusChange = (n, k, isoTime, from, to) => {
    const id = auditId(n, k);
    audits.push({
      auditid: id, createdon: isoTime, [`createdon${FORMATTED}`]: isoTime, operation: 2, action: 2, attributemask: "32,45",
      _objectid_value: caseId(n), [`_objectid_value${LOOKUP}`]: "incident", objecttypecode: "incident",
    });
    auditDetails[id] = {
      "@odata.context": "$metadata#Microsoft.Dynamics.CRM.RetrieveAuditDetailsResponse",
      AuditDetail: {
        "@odata.type": "#Microsoft.Dynamics.CRM.AttributeAuditDetail",
        InvalidNewValueAttributes: [], LocLabelLanguageCode: 0, DeletedAttributes: { Count: 0, Keys: [], Values: [] },
        OldValue: { "@odata.type": "#Microsoft.Dynamics.CRM.incident", statuscode: from },
        NewValue: { "@odata.type": "#Microsoft.Dynamics.CRM.incident", statuscode: to },
      },
    };
  };
  for (let n = 1; n <= cases; n += 1) {
    const kind = kinds[(n - 1) % kinds.length];
    const nothingSent = kind === "firstFollowUpDue" || kind === OTHER_PRODUCT;
    const customer = `customer${n}@fabrikam.com`;
    incidents.push({
      "@odata.etag": `W/"${5000 + n}"`, incidentid: caseId(n), ticketnumber: `CAS-${String(n).padStart(5, "0")}-C0F3E3`,
      title: kind === "notEligible" || kind === OTHER_PRODUCT ? "Espresso machine leaks" : `Contoso Coffee grinder jams (${n})`,
      statecode: 0, [`statecode${FORMATTED}`]: "Active", statuscode: 2, [`statuscode${FORMATTED}`]: "On Hold",
      createdon: at("2026-10-20", 9), emailaddress: customer,
      _customerid_value: `c0ffee00-0000-4000-8000-${hex(n, 12)}`, [`_customerid_value${FORMATTED}`]: `Customer ${n}`,
      [`_customerid_value${LOOKUP}`]: "contact",
    });
    const rep = { from: "support@contoso.com", to: customer };
    const fromCustomer = { from: customer, to: "support@contoso.com" };
    emails.push(email(n, 1, { ...fromCustomer, outgoing: false, senton: at("2026-10-20", 8), subject: "Grinder jams", body: "<p>My grinder jams every morning.</p>" }));
    if (kind !== "noAudit") statusChange(n, 1, at(kind === "waiting" ? "2026-11-09" : nothingSent ? "2026-11-07" : "2026-11-01"), 1, 2);
    const repDay = { waiting: "2026-11-09", followUpDue: "2026-11-07", draftLeft: "2026-11-07", noAudit: "2026-11-07" }[kind] ?? "2026-11-01";
    if (!nothingSent) {
      emails.push(email(n, 2, { ...rep, outgoing: true, senton: at(repDay, 13), subject: `Your grinder: CAS-${String(n).padStart(5, "0")}`, body: "<p>Could you send a photo of the burr set?</p>" }));
    }
    if (kind === "replyNeeded") {
      emails.push(email(n, 3, { ...fromCustomer, outgoing: false, senton: at("2026-11-02", 9), subject: "RE: Your grinder", body: "<p>Which photo do you need exactly? The top or the bottom burr?</p>" }));
    }
    if (kind === "stopped") {
      emails.push(email(n, 3, { ...fromCustomer, outgoing: false, senton: at("2026-11-02", 9), subject: "RE: Your grinder", body: "<p>Thanks, that fixed it. It works perfectly now.</p>" }));
    }
    if (kind === "resolutionDue" || kind === "paused") {
      emails.push(email(n, 4, { ...rep, outgoing: true, senton: at("2026-11-03", 13), subject: "Checking in on your case", body: "<p>Checking in.</p>" }));
      emails.push(email(n, 5, { ...rep, outgoing: true, senton: at("2026-11-05", 13), subject: "Checking in again", body: "<p>Checking in again.</p>" }));
    }
    if (kind === "paused") {
      emails.push(email(n, 6, {
        from: "MAILER-DAEMON@contoso.com", to: "support@contoso.com", outgoing: false, senton: at("2026-11-05", 14),
        subject: "Undeliverable: Checking in again", body: "<p>Delivery has failed to these recipients or groups: the mailbox is unavailable.</p>",
      }));
    }
    if (kind === "resolutionDue") {
      tasks.push({
        activityid: activityId(n, 7), activitytypecode: "task", subject: "Order a replacement burr set", description: null,
        statecode: 0, statuscode: 2, actualend: null, createdon: at("2026-10-30"), actualdurationminutes: null,
        _regardingobjectid_value: caseId(n), senton: null,
      });
      phonecalls.push({
        activityid: activityId(n, 8), activitytypecode: "phonecall", subject: "Diagnosis call", description: "Still jams.",
        statecode: 1, statuscode: 2, actualend: at("2026-10-29", 10), createdon: at("2026-10-29", 9), actualdurationminutes: 20,
        directioncode: true, _regardingobjectid_value: caseId(n), senton: null,
      });
    }
    if (kind === "draftLeft" && draftKeys.has(n)) {
      emails.push(email(n, 9, { ...rep, outgoing: true, senton: null, statuscode: 1, subject: "Checking in on your case", body: "<p>Draft left by an earlier run.</p>", key: draftKeys.get(n) }));
    }
  }
  // Cases the sweep must not read: resolved, and active in a Status Reason that is no trigger.
  incidents.push({ incidentid: caseId(9001), ticketnumber: "CAS-09001", title: "Contoso Coffee resolved", statecode: 1, statuscode: 5, createdon: at("2026-10-01"), emailaddress: "x@fabrikam.com" });
  incidents.push({ incidentid: caseId(9002), ticketnumber: "CAS-09002", title: "Contoso Coffee in progress", statecode: 0, statuscode: 1, createdon: at("2026-10-01"), emailaddress: "y@fabrikam.com" });
  return {
    tables: {
      incidents, emails, tasks, phonecalls, appointments: [], audits,
      organizations: [{ organizationid: "0a6b6d24-0000-4000-8000-00000000c0de", isauditenabled: true }],
      environmentvariabledefinitions: [{
        environmentvariabledefinitionid: "d0000000-0000-4000-8000-000000000001", schemaname: "cf_CaseFollowupConfig", defaultvalue: null,
        environmentvariabledefinition_environmentvariablevalue: [{ value: JSON.stringify(CONFIG) }],
      }],
    },
    auditDetails,
    incidentAuditMetadata: fixture("incident-audit-metadata.json"),
    statusOptionsMetadata: fixture("status-options-metadata.json"),
  };
}
