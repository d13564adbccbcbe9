// The Suggested actions card (what the representative is asked to do, with
// the agent's summary and thumbs up/down feedback) and, below it, the
// agent's status: the state, the rule, the follow-ups and when the agent
// looks again, so a person watching a whole cycle can follow it.

import { byId, h, replaceChildren } from "../dom.js";
import { formatDateTime } from "../format.js";
import { icon } from "../icons.js";

const STATE_NAMES = {
  notEligible: "Not running",
  waiting: "Waiting for the customer",
  followUpDue: "Follow-up due",
  replyNeeded: "Reply needed",
  resolutionDue: "Resolution due",
  stopped: "Stopped",
  paused: "Paused",
};

/** Why no rule was looked at, by the decision's reason. */
const NOT_CHECKED = {
  caseNotActive: "not checked: the case is no longer active",
  automationOff: "not checked: automatic follow-up is turned off",
};

const OUTCOME_NAMES = {
  matched: "applies",
  inactive: "is switched off",
  conditionsNotMet: "does not apply",
  conditionError: "could not be checked",
  notEvaluated: "was not checked (an earlier rule applies)",
};

/**
 * @param {import("../case-session.js").CaseSession} session
 * @param {{onItem: (item: object) => void}} handlers what the item buttons open
 */
export function createSuggestedActions(session, handlers) {
  const card = byId("suggested-actions");
  const status = byId("agent-status");

  function feedbackButtons(summary) {
    const vote = session.feedback.get(summary);
    const choose = (value) => () => {
      session.feedback.set(summary, vote === value ? undefined : value);
      render();
    };
    return h("div", { class: "feedback", attrs: { role: "group", "aria-label": "Feedback on the summary" } },
      h("span", { class: "feedback-question", text: "Was this summary helpful?" }),
      h("button", { class: "icon-button", attrs: { type: "button", "aria-label": "Thumbs up", "aria-pressed": String(vote === "up") }, on: { click: choose("up") } }, icon("thumbUp")),
      h("button", { class: "icon-button", attrs: { type: "button", "aria-label": "Thumbs down", "aria-pressed": String(vote === "down") }, on: { click: choose("down") } }, icon("thumbUp", { flip: true })),
      vote ? h("span", { class: "feedback-thanks", attrs: { role: "status" }, text: "Thanks for your feedback." }) : null);
  }

  function itemView(item) {
    const done = session.doneKeys.has(item.idempotencyKey);
    return h("li", { class: "card-item", attrs: { "data-kind": item.kind } },
      h("h3", { class: "card-item-label", text: item.label }),
      h("p", { class: "card-item-description", text: item.description }),
      h("button", {
        class: "primary", text: item.button,
        attrs: { type: "button", "data-action": item.kind, disabled: done },
        on: { click: () => handlers.onItem(item) },
      }));
  }

  function renderCard(decision) {
    const content = decision?.card;
    card.hidden = !content;
    if (!content) {
      replaceChildren(card);
      return;
    }
    const toggle = h("button", {
      class: "link-button", text: session.summaryHidden ? "Show summary" : "Hide summary",
      attrs: { type: "button", "aria-expanded": String(!session.summaryHidden), "aria-controls": "card-summary" },
      on: { click: () => { session.summaryHidden = !session.summaryHidden; render(); } },
    });
    replaceChildren(card,
      h("header", { class: "card-header" },
        icon("sparkle"),
        h("h2", { attrs: { id: "card-title" }, text: content.title }),
        toggle),
      content.notice ? h("p", { class: "card-notice", attrs: { role: "alert" }, text: content.notice }) : null,
      h("div", { class: "card-summary", attrs: { id: "card-summary" }, props: { hidden: session.summaryHidden } },
        h("p", { class: "card-summary-text", text: content.summary }),
        feedbackButtons(content.summary)),
      h("ul", { class: "card-items" }, ...content.items.map(itemView)),
      h("footer", { class: "card-footer", text: `Checked ${formatDateTime(session.lastCheck.at)}: ${session.lastCheck.why}.` }));
  }

  function fact(label, value) {
    return value ? h("div", {}, h("dt", { text: label }), h("dd", { text: value })) : null;
  }

  /** The rule in charge, or why there is none: a resolved case was not checked against the rules. */
  function ruleFact(decision) {
    if (decision.rule) {
      return `${decision.rule.name} (${decision.rule.automation === "full" ? "full automation" : "representative confirms"})`;
    }
    return NOT_CHECKED[decision.reason] ?? "none applies";
  }

  function whyNotChecked(decision) {
    const why = NOT_CHECKED[decision.reason];
    return why ? [h("li", { text: `No rule was checked: ${why.replace(/^not checked: /, "")}.` })] : [];
  }

  function ruleName(id) {
    return session.config.rules?.find((rule) => rule.id === id)?.name ?? id;
  }

  /** One rule's outcome: for the rule in charge the conditions that held, for the others the first that failed. */
  function outcomeView(outcome) {
    const verdict = `Rule “${ruleName(outcome.ruleId)}” ${OUTCOME_NAMES[outcome.outcome] ?? outcome.outcome}`;
    if (outcome.held?.length) {
      return h("li", {}, `${verdict}, because:`, h("ul", {}, ...outcome.held.map((held) => h("li", { text: held }))));
    }
    if (outcome.outcome === "matched") {
      return h("li", { text: `${verdict}: it has no conditions` });
    }
    return h("li", { text: `${verdict}${outcome.detail ? `: ${outcome.detail}` : ""}` });
  }

  function renderStatus(decision) {
    if (!decision) {
      replaceChildren(status);
      return;
    }
    const progress = decision.followUps;
    replaceChildren(status,
      h("h2", { text: "Follow-up agent" }),
      h("p", {}, h("span", { class: `state-badge state-${decision.state}`, attrs: { "data-state": decision.state }, text: STATE_NAMES[decision.state] ?? decision.state })),
      // The card carries the summary when there is one; otherwise it lives here.
      decision.card ? null : h("p", { class: "agent-summary", text: decision.summary }),
      h("dl", { class: "agent-facts" },
        fact("Rule", ruleFact(decision)),
        fact("Follow-ups", progress ? `${progress.sent} of ${progress.total} sent` : null),
        fact("Next step due", formatDateTime(decision.dueAt)),
        fact("Agent looks again", formatDateTime(decision.nextCheckAt)),
        fact("Resolution at the earliest", formatDateTime(decision.projectedResolutionAt)),
        fact("Last checked", session.lastCheck ? `${formatDateTime(session.lastCheck.at)}: ${session.lastCheck.why}` : null)),
      h("details", { class: "agent-why" },
        h("summary", { text: "Why" }),
        h("ul", {},
          ...whyNotChecked(decision),
          ...decision.explanation.rules.map(outcomeView),
          ...decision.explanation.notes.map((note) => h("li", { text: note })))));
  }

  function render() {
    renderCard(session.decision);
    renderStatus(session.decision);
  }

  return { render };
}
