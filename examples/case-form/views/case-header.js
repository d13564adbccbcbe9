// The case header and the "Case details" section: the incident's fields,
// the editable Case Title and the Status Reason selector whose change is
// what starts the follow-up agent.

import { byId, h, replaceChildren } from "../dom.js";
import { formatDateTime } from "../format.js";
import { StatusReasons } from "../status-reasons.js";

const FORMATTED = "@OData.Community.Display.V1.FormattedValue";

/** A column's label as Dataverse formats it, else its raw value. */
function formatted(record, column) {
  const value = record[column];
  return record[`${column}${FORMATTED}`] ?? (value === null || value === undefined ? "" : String(value));
}

export function createCaseHeader(session) {
  const titleInput = byId("field-title");
  const statusSelect = byId("field-status-reason");

  titleInput.addEventListener("change", () => session.setTitle(titleInput.value));
  statusSelect.addEventListener("change", () => session.setStatusReason(Number(statusSelect.value)));

  function renderStatusOptions(caseRecord) {
    // An active case offers the active Status Reasons; a resolved one shows
    // only its own (Dynamics locks a resolved case's form).
    const reasons = session.isActive
      ? session.statusReasons.active
      : [{ value: caseRecord.statuscode, label: session.statusReasons.label(caseRecord.statuscode) }];
    replaceChildren(statusSelect, ...reasons.map((reason) =>
      h("option", { text: reason.label, props: { value: String(reason.value), selected: reason.value === caseRecord.statuscode } })));
    statusSelect.disabled = !session.isActive;
  }

  function render() {
    const record = session.caseRecord;
    byId("case-title").textContent = record.title ?? "";
    document.title = `${record.title ?? "Case"} | Customer Service`;
    byId("case-number").textContent = record.ticketnumber ?? "";
    byId("header-priority").textContent = formatted(record, "prioritycode");
    byId("header-status").textContent = StatusReasons.stateLabel(record.statecode);
    byId("header-status-reason").textContent = session.statusReasons.label(record.statuscode);
    byId("header-owner").textContent = formatted(record, "_ownerid_value");
    if (document.activeElement !== titleInput) titleInput.value = record.title ?? "";
    titleInput.readOnly = !session.isActive;
    byId("field-number").textContent = record.ticketnumber ?? "";
    byId("field-customer").textContent = formatted(record, "_customerid_value");
    byId("field-email").textContent = record.emailaddress ?? "";
    byId("field-origin").textContent = formatted(record, "caseorigincode");
    byId("field-created").textContent = formatDateTime(record.createdon);
    byId("field-description").textContent = record.description ?? "";
    renderStatusOptions(record);
  }

  return { render };
}
