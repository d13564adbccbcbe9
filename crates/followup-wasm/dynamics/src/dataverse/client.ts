import type { Row, Table } from "./odata.js";

/**
 * What the helpers that read a case's history need from Dataverse. The form
 * library answers it with `Xrm.WebApi` (and the page's own session for
 * function and metadata calls); `case-followup-sweep` with `fetch` and a
 * bearer token.
 */
export interface DataverseReader {
  /**
   * Every row a query returns, page after page, following `@odata.nextLink`
   * until there is none. `query` is what follows the `?`
   * (`$select=...&$filter=...`), without the `?`.
   */
  retrieveAll(table: Table, query: string): Promise<Row[]>;
  /**
   * The JSON answer of a GET under the Web API root: a function
   * (`audits(<id>)/Microsoft.Dynamics.CRM.RetrieveAuditDetails`) or a
   * metadata query (`EntityDefinitions(...)`).
   */
  getJson(path: string): Promise<unknown>;
}
