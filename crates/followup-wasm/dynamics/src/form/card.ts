/// <reference types="xrm" />
/**
 * The agent's answer on the form: the card's summary as a form
 * notification, each suggestion as a recommendation on the Status Reason
 * field with its action button, a bounce notice and the audit note as
 * warnings, a failure as an error.
 */
import type { CardItem, Decision } from "case-followup";

import { auditNote } from "../dataverse/audit.js";
import { messageOf } from "../dataverse/odata.js";

/** The unique ids of the notifications this library shows. */
export const NOTIFICATION = {
  summary: "case-followup.summary",
  notice: "case-followup.notice",
  audit: "case-followup.audit",
  error: "case-followup.error",
  item: (item: CardItem): string => `case-followup.${item.kind}`,
} as const;

/** What a suggestion's button does. */
export type ItemAction = (item: CardItem) => void;

/** Recommendations shown on the Status Reason field, per form, to clear them next time. */
const shownItems = new WeakMap<Xrm.FormContext, string[]>();

/** Shows a decision: its card, or its summary when there is no card; `auditUnavailable` adds the audit note where it matters. */
export function showDecision(
  form: Xrm.FormContext,
  decision: Decision,
  act: ItemAction,
  auditUnavailable: string | null,
): void {
  clearDecision(form);
  const note = auditUnavailable === null ? null : auditNote(auditUnavailable, decision);
  if (note) form.ui.setFormNotification(note, "WARNING", NOTIFICATION.audit);
  const card = decision.card;
  if (!card) {
    // No card: the summary still says what the agent waits for.
    if (decision.state !== "notEligible") {
      form.ui.setFormNotification(decision.summary, decision.state === "paused" ? "WARNING" : "INFO", NOTIFICATION.summary);
    }
    return;
  }
  form.ui.setFormNotification(`${card.title}: ${card.summary}`, "INFO", NOTIFICATION.summary);
  if (card.notice) form.ui.setFormNotification(card.notice, "WARNING", NOTIFICATION.notice);
  const statusControl = form.getControl<Xrm.Controls.StandardControl>("statuscode");
  const shown: string[] = [];
  for (const item of card.items) {
    const uniqueId = NOTIFICATION.item(item);
    statusControl?.addNotification({
      uniqueId,
      notificationLevel: "RECOMMENDATION",
      messages: [`${item.label}: ${item.description}`],
      actions: [{ message: item.button, actions: [() => act(item)] }],
    });
    shown.push(uniqueId);
  }
  shownItems.set(form, shown);
}

/** Takes the card and its notes off the form. */
export function clearDecision(form: Xrm.FormContext): void {
  form.ui.clearFormNotification(NOTIFICATION.summary);
  form.ui.clearFormNotification(NOTIFICATION.notice);
  form.ui.clearFormNotification(NOTIFICATION.audit);
  const statusControl = form.getControl<Xrm.Controls.StandardControl>("statuscode");
  for (const uniqueId of shownItems.get(form) ?? []) statusControl?.clearNotification(uniqueId);
  shownItems.delete(form);
}

/** A failure as an ERROR form notification: the handlers never throw into the form. */
export function showError(form: Xrm.FormContext, error: unknown): void {
  form.ui.setFormNotification(`Case follow-up could not run: ${messageOf(error)}`, "ERROR", NOTIFICATION.error);
}

/** Clears an earlier failure. */
export function clearError(form: Xrm.FormContext): void {
  form.ui.clearFormNotification(NOTIFICATION.error);
}
