// The demo bar: the form's clock, which a person moves forward to watch a
// whole follow-up cycle (the agent is asked again at each move, as a host's
// timer would), and a stand-in for the customer's mailbox.

import { byId } from "../dom.js";
import { formatDateTime, formatSpan } from "../format.js";

const HOUR = 3_600_000;

export function createDemoControls(session) {
  const nextCheck = byId("clock-next-check");
  const replyForm = byId("customer-reply-form");
  const replyText = byId("customer-reply-text");

  byId("clock-plus-hour").addEventListener("click", () => session.advanceClock(HOUR));
  byId("clock-plus-day").addEventListener("click", () => session.advanceClock(24 * HOUR));
  nextCheck.addEventListener("click", () => session.jumpToNextCheck());

  replyForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = replyText.value.trim() || replyText.placeholder;
    session.receiveCustomerEmail(text);
    replyText.value = "";
  });

  function render() {
    const clock = byId("clock-now");
    clock.textContent = formatDateTime(session.now);
    clock.dataset.now = session.now;
    const next = session.decision?.nextCheckAt;
    nextCheck.disabled = !next;
    byId("clock-next-hint").textContent = next
      ? `The agent looks again on ${formatDateTime(next)} (${formatSpan(session.now, next)}).`
      : session.decision?.card ? "The agent waits for you to act on the card." : "The agent has nothing scheduled.";
    for (const control of replyForm.elements) control.disabled = !session.isActive || !session.caseRecord.emailaddress;
  }

  return { render };
}
