/// <reference types="xrm" />
/**
 * What the card's buttons do: "Review and send email" and "Draft reply"
 * create the drafted email on the case for the representative to review
 * and send; "Resolve case" asks, then closes the case with Dataverse's
 * `CloseIncident`. Each step's idempotency key guards it: a second click
 * opens the same draft and never resolves twice.
 */
import type { CaseRecord, CloseIncident, EmailDraft, ResolutionDraft } from "case-followup";

import type { KeyColumn } from "../dataverse/activities.js";
import { activitiesToCancel, cancelUpdate } from "../dataverse/close-activities.js";
import { emailRecord } from "../dataverse/email-record.js";

/** Drafts created on this page, by idempotency key (the promise, so a double click waits for the same one). */
const draftedEmails = new Map<string, Promise<string>>();
/** Steps resolved, or being resolved, on this page. */
const resolvedSteps = new Set<string>();

/** Creates the draft as an `email` row regarding the case (once per key) and opens it in a new window. */
export async function openDraft(key: string, draft: EmailDraft, caseRecord: CaseRecord, keyColumn: KeyColumn): Promise<void> {
  let emailId = draftedEmails.get(key);
  if (emailId === undefined) {
    emailId = Promise.resolve(Xrm.WebApi.createRecord("email", emailRecord(draft, caseRecord, key, keyColumn)))
      .then((created) => created.id);
    draftedEmails.set(key, emailId);
    emailId.catch(() => draftedEmails.delete(key));
  }
  await Xrm.Navigation.openForm({ entityName: "email", entityId: await emailId, openInNewWindow: true });
}

/** The CloseIncident action as `Xrm.WebApi.online.execute` takes it. */
export function closeIncidentRequest(body: CloseIncident): CloseIncident & { getMetadata(): object } {
  return {
    ...body,
    getMetadata: () => ({
      boundParameter: null,
      operationType: 0,
      operationName: "CloseIncident",
      parameterTypes: {
        IncidentResolution: { typeName: "mscrm.incidentresolution", structuralProperty: 5 },
        Status: { typeName: "Edm.Int32", structuralProperty: 1 },
      },
    }),
  };
}

/** The confirmation's text: what will be recorded and what will be closed with the case. */
function confirmation(resolution: ResolutionDraft): Xrm.Navigation.ConfirmStrings {
  const open = resolution.closeActivityIds.length;
  return {
    title: "Resolve case",
    subtitle: `${resolution.resolutionType.label}: ${resolution.resolution}`,
    text: [
      resolution.remarks,
      `Billable time: ${resolution.billableTimeMinutes} minutes.`,
      open > 0 ? `Open activities closed with the case: ${open}.` : "",
    ].filter(Boolean).join("\n\n"),
    confirmButtonLabel: "Resolve",
  };
}

/**
 * "Resolve case": confirms, cancels the open activities the resolution
 * lists (`CloseIncident` refuses a case that has any), runs
 * `CloseIncident` with the filled resolution and refreshes the form.
 * `tables` gives each activity id's table. `true` when the case was resolved.
 */
export async function resolveCase(
  form: Xrm.FormContext,
  key: string,
  resolution: ResolutionDraft,
  tables: ReadonlyMap<string, string>,
): Promise<boolean> {
  // Claimed before the dialog opens: a double click must not ask twice or resolve twice.
  if (resolvedSteps.has(key)) return false;
  resolvedSteps.add(key);
  try {
    const answer = await Xrm.Navigation.openConfirmDialog(confirmation(resolution));
    if (!answer.confirmed) {
      resolvedSteps.delete(key);
      return false;
    }
    for (const { id, table } of activitiesToCancel(resolution.closeActivityIds, tables)) {
      await Xrm.WebApi.updateRecord(table, id, cancelUpdate(table) ?? {});
    }
    if (resolution.closeIncident === null) throw new Error(`case \`${resolution.caseId}\` has no GUID: CloseIncident cannot name it`);
    await Xrm.WebApi.online.execute(closeIncidentRequest(resolution.closeIncident));
  } catch (error) {
    resolvedSteps.delete(key);
    throw error;
  }
  await form.data.refresh(false);
  return true;
}
