// The Contoso Coffee case as Dataverse would hold it, for the form
// library's tests: the Web API rows of fixtures/dataverse/ (shapes taken
// from Microsoft's documentation, see fixtures/README.md) and the case
// form's attributes. `scenario(...)` gives the options of `FakeXrm.create`.
import { readFileSync } from "node:fs";

const read = (name) => JSON.parse(readFileSync(new URL(`./fixtures/dataverse/${name}`, import.meta.url), "utf8"));

export const CASE_ID = "11111111-0000-4000-8000-000000000001";
export const CUSTOMER_ID = "c0ffee00-0000-4000-8000-000000000001";
export const FIXTURES = {
  emails: read("emails.json"),
  activitypointers: read("activitypointers.json"),
  phonecalls: read("phonecalls.json"),
  audits: read("audits.json"),
  auditDetails: read("audit-details.json"),
  organizations: read("organizations.json"),
  auditMetadata: read("incident-audit-metadata.json"),
  environmentVariable: read("environment-variable.json"),
  missingPrivilege: read("error-missing-privilege.json"),
  recordChangeHistory: read("record-change-history.json"),
  statusOptions: read("status-options-metadata.json"),
};

/** The config kept in the environment variable fixture. */
export const CONFIG = JSON.parse(FIXTURES.environmentVariable.value[0].environmentvariabledefinition_environmentvariablevalue[0].value);

/** The Case form's attributes (Xrm types), with the Status Reason given. */
export function caseAttributes({ statuscode = 2, statusText = "On Hold" } = {}) {
  return [
    { name: "title", type: "string", value: "Contoso Coffee grinder jams" },
    { name: "ticketnumber", type: "string", value: "CAS-01001-C0F3E3" },
    { name: "statecode", type: "optionset", value: 0, text: "Active" },
    { name: "statuscode", type: "optionset", value: statuscode, text: statusText },
    { name: "createdon", type: "datetime", value: "2026-10-20T09:00:00.000Z" },
    { name: "emailaddress", type: "string", value: "alex@fabrikam.com" },
    { name: "customerid", type: "lookup", value: [{ id: `{${CUSTOMER_ID.toUpperCase()}}`, name: "Alex Wu", entityType: "contact" }] },
    { name: "ownerid", type: "lookup", value: [{ id: "{5F0C9A1E-0000-4000-8000-000000000001}", name: "Sam Rivera", entityType: "systemuser" }] },
    { name: "prioritycode", type: "optionset", value: 2, text: "Normal" },
  ];
}

/** The audited history up to the On Hold change, or before it (`statusChangedOnHold: false`). */
function auditRows(onHold) {
  return FIXTURES.audits.value.filter((row) => onHold || row.auditid !== "a0000000-0000-4000-8000-000000000003");
}

/**
 * Options of `FakeXrm.create` for the Contoso case.
 * @param {object} [options]
 * @param {boolean} [options.onHold] the case was put on hold (and saved) on 2 Nov 13:00; false: still In Progress
 * @param {"on"|"off"|"denied"} [options.audit] auditing on, off for the org, or the user lacks prvReadAuditSummary
 * @param {object[]} [options.extraEmails] more `emails` rows
 * @param {unknown} [options.config] the config in the environment variable
 * @param {number} [options.pageSize]
 * @param {boolean} [options.confirm]
 */
export function scenario({ onHold = true, audit = "on", extraEmails = [], config = CONFIG, pageSize = 50, confirm = true } = {}) {
  const organizations = structuredClone(FIXTURES.organizations.value);
  if (audit === "off") organizations[0].isauditenabled = false;
  const variable = structuredClone(FIXTURES.environmentVariable.value);
  variable[0].environmentvariabledefinition_environmentvariablevalue[0].value = JSON.stringify(config);
  const details = {};
  for (const [auditId, body] of Object.entries(FIXTURES.auditDetails)) {
    details[`audits(${auditId})/Microsoft.Dynamics.CRM.RetrieveAuditDetails`] = body;
  }
  return {
    caseId: CASE_ID,
    attributes: onHold ? caseAttributes() : caseAttributes({ statuscode: 1, statusText: "In Progress" }),
    pageSize,
    confirm,
    tables: {
      email: [...FIXTURES.emails.value, ...extraEmails],
      activitypointer: FIXTURES.activitypointers.value,
      phonecall: FIXTURES.phonecalls.value,
      audit: auditRows(onHold),
      organization: organizations,
      environmentvariabledefinition: variable,
    },
    failures: audit === "denied" ? { audit: { status: 403, ...FIXTURES.missingPrivilege.error } } : {},
    json: {
      "EntityDefinitions(LogicalName='incident')": FIXTURES.auditMetadata,
      ...details,
    },
  };
}
