// The case header and the "Case details" section: what a representative
// reads and the two fields they change here, Case Title and Status Reason.
// Every value is set with textContent or as a form control's value.

import { byId, h, replaceChildren } from "../dom.js";
import { formatDateTime } from "../format.js";
import { StatusReasons } from "../status-reasons.js";

const FORMATTED = "@OData.Community.Display.V1.FormattedValue";

/** A column's label as the Web API formats it, else its raw value. */
function formatted(record, column) {
  return record[`${column}${FORMATTED}`] ?? record[column] ?? "";
}

/** @param {import("../case-session.js").CaseSession} session */
export function mountCaseDetails(session) {
  const titleInput = byId("field-title");
  const statusSelect = byId("field-status-reason");

  titleInput.addEventListener("change", () => session.setTitle(titleInput.value));
  statusSelect.addEventListener("change", () => session.setStatusReason(Number(statusSelect.value)));

  const render = () => {
    const record = session.caseRecord;
    const title = record.title ?? "";
    byId("case-title").textContent = title || "(no title)";
    document.title = `${title} | Case | Customer Service`;
    byId("case-number").textContent = record.ticketnumber ?? "";
    byId("header-priority").textContent = formatted(record, "prioritycode");
    byId("header-status").textContent = StatusReasons.stateLabel(record.statecode);
    byId("header-status-reason").textContent = session.statusReasons.label(record.statuscode);
    byId("header-owner").textContent = formatted(record, "_ownerid_value");

    // Leave the field alone while the representative is typing in it.
    if (document.activeElement !== titleInput) titleInput.value = title;
    titleInput.readOnly = !session.isActive;
    byId("field-number").textContent = record.ticketnumber ?? "";
    byId("field-customer").textContent = formatted(record, "_customerid_value");
    byId("field-email").textContent = record.emailaddress ?? "";
    byId("field-origin").textContent = formatted(record, "caseorigincode");
    byId("field-created").textContent = formatDateTime(record.createdon);
    byId("field-description").textContent = record.description ?? "";

    // A resolved case shows its resolved Status Reason, read-only, as the
    // product's form does; an active one offers the active reasons.
    const reasons = session.isActive
      ? session.statusReasons.active
      : [{ value: record.statuscode, label: session.statusReasons.label(record.statuscode) }];
    const options = reasons.map(({ value, label }) => h("option", { text: label, props: { value: String(value) } }));
    replaceChildren(statusSelect, ...options);
    statusSelect.value = String(record.statuscode);
    statusSelect.disabled = !session.isActive;
  };

  session.onChange(render);
  render();
}
