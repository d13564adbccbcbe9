// The case timeline, newest first as Dynamics shows it: emails, calls,
// tasks, Status Reason changes and the resolution. Every text is set with
// textContent: email bodies and subjects are the customer's words. An HTML
// body (a draft sent unedited) is shown by the text version kept with it.

import { byId, h, replaceChildren } from "../dom.js";
import { formatDateTime, formatMinutes } from "../format.js";

const ACTIVITY_NAMES = { phonecall: "Phone call", task: "Task", appointment: "Appointment", activity: "Activity" };

function itemTime(item) {
  return item.sentAt ?? item.at;
}

/** Emails that carried out a step the agent drafted say so. */
function agentBadge(item) {
  if (!item.followUpKey) return null;
  if (item.view?.draftKind === "reply") return "Reply drafted by the agent";
  const number = item.view?.followUpNumber;
  return number ? `Follow-up ${number}, drafted by the agent` : "Follow-up drafted by the agent";
}

function emailEntry(item, session) {
  const outgoing = item.direction === "outgoing";
  const from = outgoing ? (session.config.sender?.name ?? item.from) : item.from;
  return {
    kind: outgoing ? "email-out" : "email-in",
    heading: `Email ${outgoing ? "sent" : "received"}: ${item.subject ?? ""}`,
    meta: `From ${from ?? "unknown"} to ${[item.to ?? []].flat().join(", ")}`,
    badge: agentBadge(item),
    body: item.view?.text ?? item.body ?? "",
  };
}

function statusEntry(item, session) {
  return {
    kind: "status",
    heading: item.view
      ? `Status Reason changed from ${item.view.from} to ${item.view.to}`
      : `Status Reason set to ${session.statusReasons.label(item.statusReason)}`,
  };
}

function resolutionEntry(item) {
  const { resolution, by } = item.view;
  return {
    kind: "resolved",
    heading: `Case resolved: ${resolution.resolutionType.label}`,
    meta: by ? `by ${by}` : null,
    body: [resolution.resolution, resolution.remarks].filter(Boolean).join("\n\n"),
    // What a Dynamics host would send: shown for developers watching the demo.
    details: { summary: "CloseIncident request sent to Dataverse", text: JSON.stringify(resolution.closeIncident, null, 2) },
  };
}

function activityEntry(item) {
  const name = ACTIVITY_NAMES[item.type] ?? item.type;
  const facts = [item.state === "open" ? "Open" : item.state === "canceled" ? "Canceled" : "Closed"];
  if (item.durationMinutes) facts.push(formatMinutes(item.durationMinutes));
  return { kind: "activity", heading: `${name}: ${item.subject ?? ""}`, meta: facts.join(" · "), body: item.description ?? "" };
}

function entryFor(item, session) {
  switch (item.type) {
    case "email": return emailEntry(item, session);
    case "statusChange": return statusEntry(item, session);
    case "note": return resolutionEntry(item);
    default: return activityEntry(item);
  }
}

/** @param {import("../case-session.js").CaseSession} session */
export function createTimeline(session) {
  const list = byId("timeline");

  function render() {
    const newestFirst = [...session.timeline].reverse();
    replaceChildren(list, ...newestFirst.map((item) => {
      const entry = entryFor(item, session);
      return h("li", { class: `timeline-entry timeline-${entry.kind}`, attrs: { "data-kind": entry.kind, "data-id": item.id } },
        h("div", { class: "timeline-head" },
          h("span", { class: "timeline-heading", text: entry.heading }),
          h("time", { class: "timeline-time", text: formatDateTime(itemTime(item)), attrs: { datetime: itemTime(item) } })),
        entry.meta ? h("p", { class: "timeline-meta", text: entry.meta }) : null,
        entry.badge ? h("span", { class: "badge", text: entry.badge }) : null,
        entry.body ? h("p", { class: "timeline-body pre-wrap", text: entry.body }) : null,
        entry.details ? h("details", { class: "timeline-details" },
          h("summary", { text: entry.details.summary }),
          h("pre", { text: entry.details.text })) : null);
    }));
  }

  return { render };
}
