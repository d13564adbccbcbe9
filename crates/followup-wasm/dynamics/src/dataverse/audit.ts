/**
 * A case's Status Reason history from Dataverse auditing, as the engine's
 * `statusChange` timeline items.
 *
 * The Web API gives the *time* of a change on the `audits` row and its
 * *values* only through a function: `RetrieveAuditDetails` (one audit row)
 * or `RetrieveRecordChangeHistory` (a whole record, but its Web API answer
 * leaves out each change's audit row, so it has no times). So:
 * 1. once, whether auditing is on for the organisation, the Case table and
 *    its Status Reason column, and that column's `ColumnNumber`;
 * 2. the case's `audits` rows (creates and updates), every page;
 * 3. for each row whose `attributemask` lists the Status Reason column,
 *    `RetrieveAuditDetails`: its `NewValue.statuscode` is the new Status
 *    Reason, the row's `createdon` its time.
 */
import type { Decision, TimelineStatusChange } from "case-followup";

import type { DataverseReader } from "./client.js";
import { anyOf, messageOf, type Row, TABLES } from "./odata.js";

/** Whether the Status Reason history can be read, and what to tell people when it cannot. */
export type AuditAvailability =
  | { available: true; statusColumnNumber: number }
  | { available: false; reason: string };

/** The metadata query: the Case table's audit setting and its Status Reason column's. */
export const INCIDENT_AUDIT_METADATA =
  "EntityDefinitions(LogicalName='incident')?$select=IsAuditEnabled" +
  "&$expand=Attributes($select=LogicalName,ColumnNumber,IsAuditEnabled;$filter=LogicalName eq 'statuscode')";

/** A metadata `IsAuditEnabled`: a managed property `{"Value": true, ...}`. */
function flag(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (typeof value === "object" && value !== null && typeof (value as { Value?: unknown }).Value === "boolean") {
    return (value as { Value: boolean }).Value;
  }
  return undefined;
}

/** Reads whether Status Reason changes are audited (two requests; a host reads it once). */
export async function readAuditAvailability(reader: DataverseReader): Promise<AuditAvailability> {
  try {
    const [organizations, metadata] = await Promise.all([
      reader.retrieveAll(TABLES.organization, "$select=isauditenabled"),
      reader.getJson(INCIDENT_AUDIT_METADATA),
    ]);
    if (organizations[0]?.["isauditenabled"] !== true) {
      return { available: false, reason: "auditing is off for this organisation" };
    }
    const entity = (metadata ?? {}) as { IsAuditEnabled?: unknown; Attributes?: unknown };
    if (flag(entity.IsAuditEnabled) !== true) {
      return { available: false, reason: "auditing is off for the Case table" };
    }
    const attributes = Array.isArray(entity.Attributes) ? (entity.Attributes as Row[]) : [];
    const statuscode = attributes.find((attribute) => attribute["LogicalName"] === "statuscode");
    if (!statuscode || flag(statuscode["IsAuditEnabled"]) !== true) {
      return { available: false, reason: "auditing is off for the Case's Status Reason column" };
    }
    const columnNumber = statuscode["ColumnNumber"];
    if (typeof columnNumber !== "number") {
      return { available: false, reason: "the Status Reason column's number is not in the table's metadata" };
    }
    return { available: true, statusColumnNumber: columnNumber };
  } catch (error) {
    return { available: false, reason: `the audit settings could not be read (${messageOf(error)})` };
  }
}

/** The `audits` query for the cases' creates and updates. */
export function auditQuery(caseIds: readonly string[]): string {
  return "$select=auditid,createdon,operation,action,attributemask,_objectid_value" +
    `&$filter=${anyOf("_objectid_value", caseIds)} and objecttypecode eq 'incident' and (operation eq 1 or operation eq 2)`;
}

/** Whether an audit row's `attributemask` (`"47,45,42"`, sometimes `",47,45,"`) lists the column. */
export function masksColumn(row: Row, columnNumber: number): boolean {
  const mask = row["attributemask"];
  if (typeof mask !== "string") return false;
  return mask.split(",").some((part) => part.trim() !== "" && Number(part) === columnNumber);
}

/** The path of `RetrieveAuditDetails` for one audit row. */
export function auditDetailsPath(auditId: string): string {
  return `audits(${auditId})/Microsoft.Dynamics.CRM.RetrieveAuditDetails`;
}

/** The Status Reason a change set, from a `RetrieveAuditDetails` answer (`AuditDetail.NewValue.statuscode`). */
export function newStatusReason(details: unknown): number | null {
  const detail = (details as { AuditDetail?: { NewValue?: Row } } | null)?.AuditDetail;
  const value = detail?.NewValue?.["statuscode"];
  return typeof value === "number" ? value : null;
}

/** A status-change item from an audit row and its details; `null` when the change did not touch the Status Reason. */
export function statusChangeFromAudit(row: Row, details: unknown): TimelineStatusChange | null {
  const statusReason = newStatusReason(details);
  const at = row["createdon"];
  if (statusReason === null || typeof at !== "string") return null;
  return { type: "statusChange", at, statusReason };
}

/**
 * Status changes from a `RetrieveRecordChangeHistory` answer, for hosts that
 * have one with each change's audit row (the SDK's answer, serialised): the
 * Web API's answer leaves `AuditRecord` out, so its changes have no time and
 * are counted in `undated` instead.
 */
export function statusChangesFromRecordChangeHistory(response: unknown): {
  items: TimelineStatusChange[];
  undated: number;
} {
  const collection = (response as { AuditDetailCollection?: { AuditDetails?: unknown } } | null)?.AuditDetailCollection;
  const details = Array.isArray(collection?.AuditDetails) ? (collection.AuditDetails as Row[]) : [];
  const items: TimelineStatusChange[] = [];
  let undated = 0;
  for (const detail of details) {
    const statusReason = newStatusReason({ AuditDetail: detail });
    if (statusReason === null) continue;
    const record = detail["AuditRecord"] as Row | undefined;
    const at = record?.["createdon"];
    if (typeof at === "string") items.push({ type: "statusChange", at, statusReason });
    else undated += 1;
  }
  return { items, undated };
}

/** The Status Reason history of each case, or why there is none. */
export interface StatusHistory {
  /** Status changes by case id (cases without any are absent). */
  byCase: Map<string, TimelineStatusChange[]>;
  /** Why the history is missing, when it is: for a note beside the card. */
  unavailable: string | null;
}

/** Reads the Status Reason history of the cases from audit. */
export async function retrieveStatusHistory(
  reader: DataverseReader,
  caseIds: readonly string[],
  availability: AuditAvailability,
): Promise<StatusHistory> {
  const byCase = new Map<string, TimelineStatusChange[]>();
  if (!availability.available) return { byCase, unavailable: availability.reason };
  let rows: Row[];
  try {
    rows = await reader.retrieveAll(TABLES.audit, auditQuery(caseIds));
  } catch (error) {
    // Most often the prvReadAuditSummary privilege is missing.
    return { byCase, unavailable: `the audit history could not be read (${messageOf(error)})` };
  }
  const changes = rows.filter((row) => masksColumn(row, availability.statusColumnNumber));
  const details = await Promise.all(changes.map((row) => reader.getJson(auditDetailsPath(String(row["auditid"])))));
  changes.forEach((row, index) => {
    const item = statusChangeFromAudit(row, details[index]);
    const caseId = row["_objectid_value"];
    if (!item || typeof caseId !== "string") return;
    const items = byCase.get(caseId);
    if (items) items.push(item);
    else byCase.set(caseId, [item]);
  });
  return { byCase, unavailable: null };
}

/**
 * The sentence for people when the Status Reason history was unavailable
 * (`reason`) and the decision had to guess the cycle's start; `null` when
 * it did not need the history.
 */
export function auditNote(reason: string, decision: Decision): string | null {
  const source = decision.cycle?.startSource;
  if (source === "createdOn") {
    return `Status Reason history is unavailable (${reason}), so the agent counts this follow-up cycle from when the case was created.`;
  }
  if (source === "modifiedOn") {
    return `Status Reason history is unavailable (${reason}), so the agent counts this follow-up cycle from the case's last modification.`;
  }
  return null;
}
