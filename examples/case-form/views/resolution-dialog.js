// The Case Resolution dialog, filled by the agent (fillResolution). What
// the representative types is never overwritten: it is passed back as
// `current` when the dialog is filled again ("Fill empty fields") and kept
// when the dialog is closed without resolving.

import { byId, h, replaceChildren } from "../dom.js";
import { formatMinutes } from "../format.js";

const FIELD_NAMES = { resolutionType: "Resolution Type", resolution: "Resolution", remarks: "Remarks", billableTime: "Billable Time" };

function names(fields) {
  return fields.map((field) => FIELD_NAMES[field] ?? field).join(", ");
}

export function createResolutionDialog(session) {
  const dialog = byId("resolution-dialog");
  const form = byId("resolution-form");
  const fields = {
    resolutionType: byId("resolution-type"),
    resolution: byId("resolution-text"),
    remarks: byId("resolution-remarks"),
    billableTime: byId("resolution-billable"),
  };
  const error = byId("resolution-error");
  /** The card item's idempotency key, when opened from the card. */
  let itemKey = null;
  /** Fields the representative typed into since the dialog opened. */
  const typed = new Set();

  for (const [name, input] of Object.entries(fields)) {
    input.addEventListener("input", () => typed.add(name));
    input.addEventListener("change", () => typed.add(name));
  }

  /** The dialog's values as fillResolution's `current`: empty fields are left for the agent. */
  function currentValues({ onlyTyped = false } = {}) {
    const current = {};
    const use = (name) => !onlyTyped || typed.has(name);
    if (use("resolutionType") && fields.resolutionType.value) current.resolutionType = Number(fields.resolutionType.value);
    if (use("resolution") && fields.resolution.value.trim()) current.resolution = fields.resolution.value;
    if (use("remarks") && fields.remarks.value.trim()) current.remarks = fields.remarks.value;
    if (use("billableTime") && fields.billableTime.value !== "") current.billableTimeMinutes = Number(fields.billableTime.value);
    return current;
  }

  function fill(current) {
    const draft = session.fillResolution(current);
    replaceChildren(fields.resolutionType,
      h("option", { text: "--Select--", props: { value: "" } }),
      ...session.statusReasons.resolved.map((reason) => h("option", { text: reason.label, props: { value: String(reason.value) } })));
    fields.resolutionType.value = String(draft.resolutionType.value);
    fields.resolution.value = draft.resolution;
    fields.remarks.value = draft.remarks;
    fields.billableTime.value = String(draft.billableTimeMinutes);
    byId("resolution-total").textContent = formatMinutes(draft.totalTimeMinutes);
    const activities = draft.closeActivityIds.map((id) => session.activity(id));
    replaceChildren(byId("resolution-activities"),
      ...(activities.length ? activities.map((activity) => h("li", { text: activity?.subject ?? "(untitled activity)" })) : [h("li", { text: "None" })]));
    const filledNote = draft.filledFields.length ? `Filled by the agent: ${names(draft.filledFields)}.` : "";
    const keptByYou = draft.keptFields.filter((field) => typed.has(field));
    const keptNote = keptByYou.length ? ` Kept as you typed: ${names(keptByYou)}.` : "";
    byId("resolution-filled-note").textContent = `${filledNote}${keptNote}`.trim();
    error.hidden = true;
  }

  byId("resolution-refill").addEventListener("click", () => fill(currentValues()));

  // Cancel and Escape both keep what was typed for the next opening.
  const keepTyped = () => {
    session.unsavedResolution = currentValues({ onlyTyped: true });
  };
  dialog.addEventListener("cancel", keepTyped);
  byId("resolution-cancel").addEventListener("click", () => {
    keepTyped();
    dialog.close("cancel");
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const current = currentValues();
    if (current.resolutionType === undefined || current.resolution === undefined) {
      error.textContent = "Resolution Type and Resolution are required.";
      error.hidden = false;
      return;
    }
    // Every field is now the representative's: the agent keeps them all and
    // builds the CloseIncident request from them.
    session.resolve(session.fillResolution(current), itemKey ?? undefined);
    dialog.close("resolved");
  });

  /** Opens the dialog, filled by the agent around what was typed before. */
  function show(item) {
    itemKey = item?.idempotencyKey ?? null;
    typed.clear();
    for (const name of Object.keys(session.unsavedResolution)) typed.add(name === "billableTimeMinutes" ? "billableTime" : name);
    fill(session.unsavedResolution);
    dialog.showModal();
  }

  return { show };
}
