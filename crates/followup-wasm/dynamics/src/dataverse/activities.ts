/**
 * A case's activities, read from Dataverse and turned into the timeline
 * items the engine reads.
 *
 * Three queries, each followed page by page:
 * - `activitypointers` for the phone calls, tasks and appointments regarding
 *   the case (the columns every activity shares: subject, description,
 *   state, `actualend`, `createdon`, `actualdurationminutes`);
 * - `emails` for the emails, with the columns only an email has (direction,
 *   sender, recipients, message id, the idempotency key column);
 * - `phonecalls` for the one column a phone call has that `activitypointer`
 *   lacks: `directioncode` (an incoming call is the customer's response).
 *
 * The items come back in no particular order: the engine places each by its
 * own time.
 */
import type { TimelineItem } from "case-followup";

import type { DataverseReader } from "./client.js";
import { anyOf, type Row, TABLES } from "./odata.js";

/** Activity types read besides emails. */
export const OTHER_ACTIVITY_TYPES = ["phonecall", "task", "appointment"] as const;

/** Columns every activity has, read from `activitypointers`. */
export const POINTER_COLUMNS = [
  "activityid", "activitytypecode", "subject", "description", "statecode", "statuscode",
  "actualend", "createdon", "actualdurationminutes", "_regardingobjectid_value",
] as const;

/** Columns read from `emails`. */
export const EMAIL_COLUMNS = [
  "activityid", "activitytypecode", "subject", "description", "directioncode", "sender", "torecipients",
  "ccrecipients", "senton", "actualend", "createdon", "statecode", "statuscode", "messageid",
  "actualdurationminutes", "_regardingobjectid_value",
] as const;

/** Where the idempotency key of a follow-up is kept on its email; `null` when the organisation has no such column. */
export type KeyColumn = string | null;

/** The column `case-followup` writes each follow-up's idempotency key to, unless told otherwise. */
export const DEFAULT_KEY_COLUMN = "cf_followupkey";

/** The three queries for the cases' activities (each `$filter`s on the cases' ids). */
export function activityQueries(caseIds: readonly string[], keyColumn: KeyColumn): {
  pointers: string;
  emails: string;
  phonecalls: string;
} {
  const regarding = anyOf("_regardingobjectid_value", caseIds);
  const types = `(${OTHER_ACTIVITY_TYPES.map((type) => `activitytypecode eq '${type}'`).join(" or ")})`;
  const emailColumns = keyColumn ? [...EMAIL_COLUMNS, keyColumn] : [...EMAIL_COLUMNS];
  return {
    pointers: `$select=${POINTER_COLUMNS.join(",")}&$filter=${regarding} and ${types}`,
    emails: `$select=${emailColumns.join(",")}&$filter=${regarding}`,
    phonecalls: `$select=activityid,directioncode,_regardingobjectid_value&$filter=${regarding}`,
  };
}

/** The rows the three queries returned. */
export interface ActivityRows {
  pointers: Row[];
  emails: Row[];
  phonecalls: Row[];
}

/** Reads the activities of one or more cases: three queries, every page of each. */
export async function retrieveActivityRows(
  reader: DataverseReader,
  caseIds: readonly string[],
  keyColumn: KeyColumn,
): Promise<ActivityRows> {
  const queries = activityQueries(caseIds, keyColumn);
  const [pointers, emails, phonecalls] = await Promise.all([
    reader.retrieveAll(TABLES.activitypointer, queries.pointers),
    reader.retrieveAll(TABLES.email, queries.emails),
    reader.retrieveAll(TABLES.phonecall, queries.phonecalls),
  ]);
  return { pointers, emails, phonecalls };
}

/** The engine's timeline items for each case id, from the rows of `retrieveActivityRows`. */
export function timelinesFromActivityRows(rows: ActivityRows, keyColumn: KeyColumn): Map<string, TimelineItem[]> {
  const byCase = new Map<string, TimelineItem[]>();
  const add = (row: Row, item: TimelineItem): void => {
    const caseId = row["_regardingobjectid_value"];
    if (typeof caseId !== "string") return;
    const items = byCase.get(caseId);
    if (items) items.push(item);
    else byCase.set(caseId, [item]);
  };
  for (const row of rows.emails) add(row, emailItem(row, keyColumn));
  const directions = new Map<string, unknown>();
  for (const call of rows.phonecalls) {
    if (typeof call["activityid"] === "string") directions.set(call["activityid"], call["directioncode"]);
  }
  for (const row of rows.pointers) {
    // An email listed by activitypointer is read from `emails`, which has its direction and recipients.
    if (row["activitytypecode"] === "email") continue;
    const direction = typeof row["activityid"] === "string" ? directions.get(row["activityid"]) : undefined;
    add(row, activityItem(row, direction));
  }
  return byCase;
}

/** Only the annotations the engine reads stay; the rest (etags, formatted dates) goes. */
function withoutAnnotations(row: Row): Row {
  const plain: Row = {};
  for (const [column, value] of Object.entries(row)) {
    if (!column.includes("@") && column !== "_regardingobjectid_value") plain[column] = value;
  }
  return plain;
}

/** An `emails` row as a timeline item: the row itself, its key column read as `followUpKey`. */
export function emailItem(row: Row, keyColumn: KeyColumn): TimelineItem {
  const item = withoutAnnotations(row);
  item["activitytypecode"] = "email";
  if (keyColumn) {
    const key = item[keyColumn];
    delete item[keyColumn];
    if (typeof key === "string" && key !== "") item["followUpKey"] = key;
  }
  return item as TimelineItem;
}

/** An `activitypointers` row (phone call, task, appointment) as a timeline item, with the call's direction when known. */
export function activityItem(row: Row, directioncode: unknown): TimelineItem {
  const item = withoutAnnotations(row);
  if (typeof directioncode === "boolean") item["directioncode"] = directioncode;
  return item as TimelineItem;
}

/** The activities of one case as timeline items. */
export async function retrieveActivities(
  reader: DataverseReader,
  caseId: string,
  keyColumn: KeyColumn = DEFAULT_KEY_COLUMN,
): Promise<TimelineItem[]> {
  const rows = await retrieveActivityRows(reader, [caseId], keyColumn);
  return timelinesFromActivityRows(rows, keyColumn).get(caseId) ?? [];
}
