// The case timeline, newest first as in the product: emails, phone calls,
// tasks, Status Reason changes and the resolution. Email bodies are shown
// as plain text; an HTML body (a draft sent unedited) is shown by its text
// version, never parsed here.

import { byId, h, replaceChildren } from "../dom.js";
import { formatDateTime, formatMinutes } from "../format.js";

const ACTIVITY_NAMES = { phonecall: "Phone call", task: "Task", appointment: "Appointment" };

function time(iso) {
  return h("time", { class: "timeline-time", text: formatDateTime(iso), attrs: { datetime: iso } });
}

function list(value) {
  return [value ?? []].flat().join("; ");
}

function emailEntry(item, session) {
  const outgoing = item.direction === "outgoing";
  const view = item.view ?? {};
  const kind = view.draftKind === "reply"
    ? "Reply"
    : view.followUpNumber ? `Follow-up ${view.followUpNumber}` : null;
  return [
    h("p", { class: "timeline-kind" },
      outgoing ? `Email to ${list(item.to)}` : `Email from ${item.from ?? "the customer"}`,
      kind && h("span", { class: "badge", text: kind }),
      view.sentBy && h("span", { class: "timeline-by", text: `sent by ${view.sentBy}` })),
    h("p", { class: "timeline-subject", text: item.subject ?? "(no subject)" }),
    h("p", { class: "timeline-body", text: view.text ?? item.body ?? "" }),
    time(item.sentAt),
  ];
}

function activityEntry(item) {
  const name = ACTIVITY_NAMES[item.type] ?? "Activity";
  const facts = [item.state === "open" ? "open" : item.state, item.durationMinutes && formatMinutes(item.durationMinutes)]
    .filter(Boolean).join(", ");
  return [
    h("p", { class: "timeline-kind" }, name, facts && h("span", { class: "badge", text: facts })),
    h("p", { class: "timeline-subject", text: item.subject ?? "" }),
    time(item.at),
  ];
}

function statusEntry(item, session) {
  const to = item.view?.to ?? session.statusReasons.label(item.statusReason);
  return [
    h("p", { class: "timeline-kind", text: "Status Reason changed" }),
    h("p", { class: "timeline-subject", text: item.view?.from ? `${item.view.from} → ${to}` : to }),
    time(item.at),
  ];
}

function resolutionEntry(item) {
  const { resolution, by } = item.view;
  return [
    h("p", { class: "timeline-kind" }, "Case resolved",
      h("span", { class: "badge", text: resolution.resolutionType.label }),
      by && h("span", { class: "timeline-by", text: `by ${by}` })),
    h("p", { class: "timeline-subject", text: resolution.resolution }),
    resolution.remarks && h("p", { class: "timeline-body", text: resolution.remarks }),
    time(item.at),
  ];
}

function entry(item, session) {
  switch (item.type) {
    case "email": return emailEntry(item, session);
    case "statusChange": return statusEntry(item, session);
    case "note": return resolutionEntry(item);
    default: return activityEntry(item);
  }
}

/** @param {import("../case-session.js").CaseSession} session */
export function createTimeline(session) {
  const root = byId("timeline");
  function render() {
    const items = session.timeline.map((item) => h("li", { class: `timeline-item timeline-${item.type}` }, entry(item, session)));
    replaceChildren(root, ...items.reverse());
  }
  return { render };
}
