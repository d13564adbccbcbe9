// "Review and send email" / "Draft reply": the agent's draft opened for the
// representative to edit. The plain text is editable; the formatted HTML
// body is shown as the customer would see it, in a sandboxed frame (no
// scripts, no access to this page), and goes out unless the text was edited.

import { byId } from "../dom.js";

/** `a@x.com, b@y.com` -> ["a@x.com", "b@y.com"] */
function addresses(text) {
  return text.split(/[;,]/).map((part) => part.trim()).filter(Boolean);
}

export function createEmailDialog(session) {
  const dialog = byId("email-dialog");
  const form = byId("email-form");
  const fields = {
    to: byId("email-to"), cc: byId("email-cc"), subject: byId("email-subject"), body: byId("email-body"),
  };
  const preview = byId("email-preview");
  const frame = byId("email-preview-frame");
  const editedNote = byId("email-edited-note");
  const error = byId("email-error");
  /** The card item whose draft is open. */
  let open = null;

  function bodyEdited() {
    return open !== null && fields.body.value !== open.email.textBody;
  }

  fields.body.addEventListener("input", () => {
    // An edited text replaces the formatted draft: stop showing what would not be sent.
    const edited = bodyEdited();
    editedNote.hidden = !edited;
    preview.hidden = edited;
  });

  byId("email-discard").addEventListener("click", () => dialog.close("discard"));

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!open) return;
    const to = addresses(fields.to.value);
    if (to.length === 0) {
      error.textContent = "Add at least one recipient.";
      error.hidden = false;
      return;
    }
    const { email } = open;
    session.sendDraft(email, {
      to, cc: addresses(fields.cc.value), subject: fields.subject.value.replace(/[\r\n]+/g, " "),
      text: fields.body.value, edited: bodyEdited(),
    });
    dialog.close("sent");
  });

  dialog.addEventListener("close", () => {
    open = null;
    frame.srcdoc = "";
  });

  /** Opens a card item's drafted email. */
  function show(item) {
    const { email } = item;
    open = item;
    byId("email-dialog-title").textContent = item.kind === "replyToCustomer" ? "Draft reply" : "Review and send email";
    byId("email-dialog-hint").textContent =
      `${item.label}: drafted by the agent from ${email.templateName}. Edit anything before you send it.`;
    byId("email-from").textContent = `${session.config.sender?.name ?? ""} <${session.sender}>`;
    fields.to.value = email.to.join(", ");
    fields.cc.value = email.cc.join(", ");
    fields.subject.value = email.subject;
    fields.body.value = email.textBody;
    editedNote.hidden = true;
    preview.hidden = false;
    error.hidden = true;
    frame.srcdoc = email.htmlBody;
    dialog.showModal();
    fields.body.focus();
    fields.body.setSelectionRange(0, 0);
    fields.body.scrollTop = 0;
  }

  return { show };
}
