/**
 * What every Dataverse Web API answer shares: rows are plain JSON objects
 * with annotations beside their columns, ids are GUIDs written without
 * braces, and an error answer is `{"error": {"code", "message"}}`.
 */

/** One row as the Web API returns it (`value[i]` of a query, or one record). */
export type Row = Record<string, unknown>;

/** The annotation holding a column's label (option sets, lookups, dates). */
export const FORMATTED = "@OData.Community.Display.V1.FormattedValue";
/** The annotation holding the table a lookup points at. */
export const LOOKUP_TABLE = "@Microsoft.Dynamics.CRM.lookuplogicalname";
/** The annotation holding the navigation property a lookup sets. */
export const NAVIGATION_PROPERTY = "@Microsoft.Dynamics.CRM.associatednavigationproperty";

/** A table as both APIs name it: `Xrm.WebApi` by logical name, the HTTP API by entity set. */
export interface Table {
  /** `activitypointer`, `email`, `audit`, ... */
  logicalName: string;
  /** `activitypointers`, `emails`, `audits`, ... */
  setName: string;
}

export const TABLES = {
  activitypointer: { logicalName: "activitypointer", setName: "activitypointers" },
  email: { logicalName: "email", setName: "emails" },
  phonecall: { logicalName: "phonecall", setName: "phonecalls" },
  audit: { logicalName: "audit", setName: "audits" },
  incident: { logicalName: "incident", setName: "incidents" },
  organization: { logicalName: "organization", setName: "organizations" },
  environmentvariabledefinition: {
    logicalName: "environmentvariabledefinition",
    setName: "environmentvariabledefinitions",
  },
} as const satisfies Record<string, Table>;

/** The Web API path under the organisation's URL. */
export const WEB_API_PATH = "/api/data/v9.2/";

/** A GUID as the Web API writes it: lower case, no braces (forms give `{ABC-...}`). */
export function plainGuid(id: string): string {
  return id.replace(/[{}]/g, "").toLowerCase();
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether `id` is a GUID, so that it can go into a `$filter` unquoted. */
export function isGuid(id: string): boolean {
  return GUID.test(id);
}

/** `column eq a or column eq b ...` over GUIDs, parenthesised; throws on anything that is not a GUID. */
export function anyOf(column: string, ids: readonly string[]): string {
  if (ids.length === 0) throw new Error(`no ids to filter \`${column}\` on`);
  for (const id of ids) {
    if (!isGuid(id)) throw new Error(`\`${id}\` is not a GUID`);
  }
  return `(${ids.map((id) => `${column} eq ${id}`).join(" or ")})`;
}

/** Text for a `$filter` string literal: single quotes doubled, as OData wants. */
export function quoted(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** An error answer of the Web API, or of `Xrm.WebApi` (which passes the same `code` and `message` on). */
export class DataverseError extends Error {
  override name = "DataverseError";
  /** Dataverse's error code (`0x80040217`), when it gave one. */
  readonly code: string | undefined;
  /** The HTTP status, when known. */
  readonly status: number | undefined;

  constructor(message: string, code?: string, status?: number) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

/** Reads `{"error": {"code", "message"}}` out of an error answer's body. */
export function dataverseError(body: unknown, status: number): DataverseError {
  const error = typeof body === "object" && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof error === "object" && error !== null) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    return new DataverseError(
      typeof message === "string" ? message : `the Web API answered ${status}`,
      typeof code === "string" ? code : undefined,
      status,
    );
  }
  return new DataverseError(`the Web API answered ${status}`, undefined, status);
}

/** `error.message` of anything thrown, across frames (an `Error` from another window is not `instanceof Error`). */
export function messageOf(error: unknown): string {
  if (typeof error === "object" && error !== null && "message" in error) return String(error.message);
  return String(error);
}
