/** The Dataverse helpers the form library and the sweep share, for hosts of their own. */
export * from "./activities.js";
export * from "./audit.js";
export type { DataverseReader } from "./client.js";
export * from "./close-activities.js";
export * from "./config-variable.js";
export * from "./email-record.js";
export { anyOf, DataverseError, dataverseError, FORMATTED, LOOKUP_TABLE, plainGuid, TABLES, WEB_API_PATH } from "./odata.js";
export type { Row, Table } from "./odata.js";
