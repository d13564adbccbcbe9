/** A drafted email as the `email` row to create, regarding its case. */
import type { CaseRecord, EmailDraft } from "case-followup";

import type { KeyColumn } from "./activities.js";
import { LOOKUP_TABLE, isGuid } from "./odata.js";

/** `participationtypemask` values of `activityparty`. */
const TO = 2;
const CC = 3;

/**
 * The `email` row for `draft`: subject, HTML body, outgoing, regarding the
 * case, one activity party per recipient (the case's customer by reference,
 * anyone else by address), and the step's idempotency key in `keyColumn`
 * so that the next run, or another host, finds the email again. Ids go
 * into binds only as GUIDs: a case id that is not one throws, a customer
 * id that is not one is written by address instead.
 */
export function emailRecord(draft: EmailDraft, caseRecord: CaseRecord, key: string, keyColumn: KeyColumn): Record<string, unknown> {
  if (!isGuid(draft.caseId)) throw new Error(`case \`${draft.caseId}\` has no GUID: the email cannot be bound to it`);
  const customerId = caseRecord["_customerid_value"];
  const customerTable = caseRecord[`_customerid_value${LOOKUP_TABLE}`];
  const customerAddress = typeof caseRecord.emailaddress === "string" ? caseRecord.emailaddress.toLowerCase() : null;
  const party = (address: string, participationtypemask: number): Record<string, unknown> => {
    const isCustomer = address.toLowerCase() === customerAddress && typeof customerId === "string" && isGuid(customerId) &&
      (customerTable === "contact" || customerTable === "account");
    return isCustomer
      ? { participationtypemask, [`partyid_${customerTable}@odata.bind`]: `/${customerTable}s(${customerId})` }
      : { participationtypemask, addressused: address };
  };
  return {
    subject: draft.subject,
    description: draft.htmlBody,
    directioncode: true,
    "regardingobjectid_incident@odata.bind": `/incidents(${draft.caseId})`,
    email_activity_parties: [...draft.to.map((address) => party(address, TO)), ...draft.cc.map((address) => party(address, CC))],
    ...(keyColumn ? { [keyColumn]: key } : {}),
  };
}
