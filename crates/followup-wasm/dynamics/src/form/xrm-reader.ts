/// <reference types="xrm" />
/**
 * The form's way to Dataverse: queries through `Xrm.WebApi`, page after
 * page; function and metadata calls, which `Xrm.WebApi` has no plain GET
 * for, with `fetch` on the organisation's Web API, signed in as the form's
 * user by the page's own session.
 */
import type { DataverseReader } from "../dataverse/client.js";
import { dataverseError, type Row, type Table, WEB_API_PATH } from "../dataverse/odata.js";

/** The `?...` part of a `nextLink`, which `retrieveMultipleRecords` takes as its options. */
function queryOf(nextLink: string): string {
  const start = nextLink.indexOf("?");
  return start === -1 ? "" : nextLink.slice(start);
}

/** A reader over `Xrm.WebApi` and `fetch`. */
export function xrmReader(): DataverseReader {
  return {
    async retrieveAll(table: Table, query: string): Promise<Row[]> {
      const rows: Row[] = [];
      let options: string | null = `?${query}`;
      while (options !== null) {
        const page: Xrm.RetrieveMultipleResult = await Xrm.WebApi.retrieveMultipleRecords(table.logicalName, options);
        rows.push(...(page.entities as Row[]));
        options = page.nextLink ? queryOf(page.nextLink) : null;
      }
      return rows;
    },
    async getJson(path: string): Promise<unknown> {
      const url = `${Xrm.Utility.getGlobalContext().getClientUrl()}${WEB_API_PATH}${path}`;
      const response = await fetch(url, {
        credentials: "same-origin",
        headers: {
          Accept: "application/json",
          "OData-MaxVersion": "4.0",
          "OData-Version": "4.0",
          Prefer: 'odata.include-annotations="*"',
        },
      });
      const body: unknown = await response.json().catch(() => null);
      if (!response.ok) throw dataverseError(body, response.status);
      return body;
    },
  };
}
