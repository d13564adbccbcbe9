// The case as the form holds it while a person works on it: the incident
// row, its timeline, the form's clock, and the agent's latest decision.
// No DOM here: the views read this state and call these methods, and every
// change that can alter the agent's answer asks the engine again.

import { addMilliseconds } from "./format.js";
import { StatusReasons } from "./status-reasons.js";

const FORMATTED = "@OData.Community.Display.V1.FormattedValue";

export class CaseSession {
  /**
   * @param {object} options
   * @param {import("../../pkg/web/followup.js").Engine} options.engine the follow-up plugin, config loaded
   * @param {object} options.scenario a data file: `case`, `timeline`, `config`, `startAt`, `representative`
   * @param {string} [options.now] the form clock's start; defaults to the scenario's `startAt`
   */
  constructor({ engine, scenario, now }) {
    this.engine = engine;
    this.config = scenario.config;
    this.representative = scenario.representative ?? "";
    this.statusReasons = new StatusReasons(scenario.config.statusReasons);
    this.caseRecord = structuredClone(scenario.case);
    /** Engine timeline items, oldest first; `view` holds what only the page shows. */
    this.timeline = structuredClone(scenario.timeline ?? []);
    this.now = now ?? scenario.startAt;
    this.decision = null;
    /** Why the engine was last asked (shown under the card). */
    this.lastCheck = null;
    /** Idempotency keys of the steps already carried out: a second click must not send twice. */
    this.doneKeys = new Set();
    /** Thumbs up/down per summary text. */
    this.feedback = new Map();
    this.summaryHidden = false;
    /** What the representative typed in a Case Resolution dialog they closed without resolving. */
    this.unsavedResolution = {};
    this.listeners = new Set();
    this.sequence = 0;
  }

  onChange(listener) {
    this.listeners.add(listener);
  }

  notify() {
    for (const listener of this.listeners) listener(this);
  }

  get isActive() {
    return this.caseRecord.statecode === 0;
  }

  get sender() {
    return this.config.sender?.address ?? "support@example.com";
  }

  /** The timeline as the engine reads it: page-only notes left out, view data stripped. */
  engineTimeline() {
    return this.timeline.filter((item) => item.type !== "note").map(({ view, ...item }) => item);
  }

  /** Asks the agent what happens next, at the form's `now`. */
  evaluate(why) {
    this.decision = this.engine.evaluateRules(this.caseRecord, this.engineTimeline(), this.now);
    this.lastCheck = { why, at: this.now };
    this.notify();
    return this.decision;
  }

  /** The representative picks a Status Reason: the change is recorded at `now` and the agent asked. */
  setStatusReason(value) {
    const from = this.caseRecord.statuscode;
    if (value === from || !this.isActive) return;
    this.setStatus(this.statusReasons.stateOf(value), value);
    this.timeline.push({
      type: "statusChange", at: this.now, statusReason: value,
      view: { from: this.statusReasons.label(from), to: this.statusReasons.label(value) },
    });
    this.evaluate(`Status Reason changed to ${this.statusReasons.label(value)}`);
  }

  setTitle(title) {
    if (title === this.caseRecord.title) return;
    this.caseRecord.title = title;
    this.evaluate("Case Title changed");
  }

  /** Moves the form's clock forward; the agent is asked again, as a host's timer would. */
  advanceClock(milliseconds) {
    this.now = addMilliseconds(this.now, milliseconds);
    this.evaluate("Clock moved forward");
  }

  /** Jumps to the instant the agent asked to be called again. */
  jumpToNextCheck() {
    const next = this.decision?.nextCheckAt;
    if (!next || Date.parse(next) <= Date.parse(this.now)) return;
    this.now = next;
    this.evaluate("Clock moved to the next check");
  }

  /**
   * Sends an email the agent drafted, as the representative edited it.
   * Returns false when the step was already carried out (same idempotency key).
   * @param {object} draft the agent's EmailDraft
   * @param {{to: string[], cc: string[], subject: string, text: string, edited: boolean}} sent
   */
  sendDraft(draft, sent) {
    if (this.doneKeys.has(draft.idempotencyKey)) return false;
    this.doneKeys.add(draft.idempotencyKey);
    const id = this.nextId("email");
    this.timeline.push({
      type: "email", id, direction: "outgoing", status: "sent",
      from: this.sender, to: sent.to, cc: sent.cc, subject: sent.subject,
      // The formatted draft goes out as drafted unless the text was edited.
      body: sent.edited ? sent.text : draft.htmlBody,
      sentAt: this.now,
      // Tells the engine this email carried out that step of the plan.
      followUpKey: draft.idempotencyKey,
      messageId: `<${id}@contoso.example>`,
      view: { text: sent.text, sentBy: this.representative, draftKind: draft.kind, followUpNumber: draft.followUpNumber },
    });
    this.evaluate("Email sent");
    return true;
  }

  /** The customer answers (a demo control: in a real CRM the mailbox delivers it). */
  receiveCustomerEmail(text) {
    const lastOutgoing = this.timeline.findLast((item) => item.type === "email" && item.direction === "outgoing");
    const subject = lastOutgoing ? `RE: ${lastOutgoing.subject}` : `RE: ${this.caseRecord.title ?? ""}`;
    const id = this.nextId("reply");
    this.timeline.push({
      type: "email", id, direction: "incoming", status: "received",
      from: this.caseRecord.emailaddress, to: [this.sender], subject, body: text, sentAt: this.now,
      messageId: `<${id}@customer.example>`,
      view: { text },
    });
    this.evaluate("The customer replied");
  }

  /** The agent's filling of the Case Resolution dialog; what `current` holds is kept. */
  fillResolution(current) {
    return this.engine.fillResolution(this.caseRecord, this.engineTimeline(), current, this.now);
  }

  /** Open activities, for the resolution dialog's list. */
  activity(id) {
    return this.timeline.find((item) => item.id === id);
  }

  /**
   * Resolves the case with the dialog's values, closing the open activities
   * the agent listed. Returns false when it was already resolved.
   * @param {object} resolution a ResolutionDraft whose every field the representative confirmed
   * @param {string} [idempotencyKey] the card item's key, when resolved from the card
   */
  resolve(resolution, idempotencyKey) {
    if (!this.isActive || (idempotencyKey && this.doneKeys.has(idempotencyKey))) return false;
    if (idempotencyKey) this.doneKeys.add(idempotencyKey);
    for (const id of resolution.closeActivityIds) {
      const activity = this.activity(id);
      if (activity && "state" in activity) activity.state = "completed";
    }
    this.setStatus(1, resolution.resolutionType.value);
    this.timeline.push({
      type: "note", at: this.now,
      view: { resolution, by: this.representative },
    });
    this.unsavedResolution = {};
    this.evaluate("Case resolved");
    return true;
  }

  setStatus(statecode, statuscode) {
    this.caseRecord.statecode = statecode;
    this.caseRecord.statuscode = statuscode;
    this.caseRecord[`statuscode${FORMATTED}`] = this.statusReasons.label(statuscode);
  }

  nextId(prefix) {
    this.sequence += 1;
    return `${prefix}-${this.sequence}`;
  }
}
