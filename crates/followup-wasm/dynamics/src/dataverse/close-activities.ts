/**
 * Closing a case's open activities before `CloseIncident`, which refuses a
 * case that still has some: each one is set to its table's Canceled state.
 */

import { isGuid } from "./odata.js";

/** `statuscode` of the Canceled state (`statecode` 2) per activity table. */
export const CANCELED_STATUS: Readonly<Record<string, number>> = {
  email: 5,
  phonecall: 3,
  task: 6,
  appointment: 4,
};

/** The update that cancels one open activity of `table`. */
export function cancelUpdate(table: string): { statecode: 2; statuscode: number } | null {
  const statuscode = CANCELED_STATUS[table];
  return statuscode === undefined ? null : { statecode: 2, statuscode };
}

/** Each id with its table, from the timeline the decision was made on; ids of unknown tables, and ids that are not GUIDs (they would go into a record's path), are left out. */
export function activitiesToCancel(ids: readonly string[], tables: ReadonlyMap<string, string>): Array<{ id: string; table: string }> {
  return ids.flatMap((id) => {
    const table = tables.get(id);
    return table !== undefined && cancelUpdate(table) && isGuid(id) ? [{ id, table }] : [];
  });
}

/** Activity id to table (`activitytypecode`) for the items of a timeline. */
export function activityTables(items: readonly unknown[]): Map<string, string> {
  const tables = new Map<string, string>();
  for (const item of items) {
    const row = item as Record<string, unknown>;
    if (typeof row["activityid"] === "string" && typeof row["activitytypecode"] === "string") {
      tables.set(row["activityid"], row["activitytypecode"]);
    }
  }
  return tables;
}
