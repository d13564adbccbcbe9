// A FAKE Dataverse Web API, written for the tests of case-followup-sweep.
// It is not Dataverse and was never compared with one: it answers the way
// Microsoft's Web API documentation says Dataverse answers (see README.md),
// for the requests the sweep makes and no others. It listens on 127.0.0.1
// only and keeps everything in memory.
//
// - GET <set>?$select&$filter&$expand with `Prefer: odata.maxpagesize`,
//   paged through `@odata.nextLink` ($skiptoken with a paging cookie);
//   formatted-value annotations only with `odata.include-annotations`;
//   `activitypointers` is the union of the activity tables
// - GET the two metadata paths and `RetrieveAuditDetails`
// - POST emails (204, OData-EntityId), `SendEmail` (drafts only),
//   `CloseIncident` (refused while the case has open activities)
// - PATCH <set>(<id>)
// - a bearer token on every request (401 without), and Dataverse's error
//   shape `{"error": {"code", "message"}}` for everything refused
// Every request is recorded.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";

import { parseFilter } from "./odata-filter.mjs";

const API = "/api/data/v9.2/";
const ACTIVITY_SETS = ["emails", "phonecalls", "tasks", "appointments"];
/** Columns `activitypointers` has (the activity tables share them). */
const POINTER_COLUMNS = [
  "activityid", "activitytypecode", "subject", "description", "statecode", "statuscode", "actualend", "createdon",
  "actualdurationminutes", "_regardingobjectid_value", "senton",
];
/** The columns of each table beside those its rows carry (`cf_followupkey`: this organisation has the custom column). */
const SCHEMA = {
  emails: [...POINTER_COLUMNS, "directioncode", "sender", "torecipients", "ccrecipients", "messageid", "cf_followupkey"],
  phonecalls: [...POINTER_COLUMNS, "directioncode"],
  tasks: POINTER_COLUMNS,
  appointments: POINTER_COLUMNS,
  audits: ["auditid", "createdon", "operation", "action", "attributemask", "_objectid_value", "objecttypecode"],
  organizations: ["organizationid", "isauditenabled"],
  environmentvariabledefinitions: ["environmentvariabledefinitionid", "schemaname", "defaultvalue"],
  incidents: ["incidentid", "ticketnumber", "title", "statecode", "statuscode", "createdon", "emailaddress", "_customerid_value"],
};
/** What each entity set's rows are called in error messages and its key column. */
const KEYS = {
  incidents: ["incident", "incidentid"], emails: ["email", "activityid"], phonecalls: ["phonecall", "activityid"],
  tasks: ["task", "activityid"], appointments: ["appointment", "activityid"], activitypointers: ["activitypointer", "activityid"],
  audits: ["audit", "auditid"], organizations: ["organization", "organizationid"],
  environmentvariabledefinitions: ["environmentvariabledefinition", "environmentvariabledefinitionid"],
};

class ODataError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const badRequest = (message) => new ODataError(400, "0x80060888", message);

/**
 * Starts the fake.
 * @param {object} options
 * @param {Record<string, object[]>} options.tables rows by entity set name (`incidents`, `emails`, ...)
 * @param {Record<string, object>} options.auditDetails `RetrieveAuditDetails` answers by audit id
 * @param {object} options.incidentAuditMetadata the `EntityDefinitions(LogicalName='incident')` answer
 * @param {object} options.statusOptionsMetadata the Status Reason options answer
 * @param {string} options.token the bearer token it accepts
 * @param {() => string} options.now the time it stamps on sent emails
 */
export async function startFakeDataverse({ tables, auditDetails, incidentAuditMetadata, statusOptionsMetadata, token, now }) {
  const requests = [];
  const columnsOf = (set) => {
    if (set === "activitypointers") return new Set(POINTER_COLUMNS);
    const columns = new Set(SCHEMA[set] ?? []);
    for (const row of tables[set] ?? []) for (const key of Object.keys(row)) if (!key.includes("@")) columns.add(key);
    return columns;
  };

  function rowsOf(set) {
    if (set !== "activitypointers") return tables[set];
    return ACTIVITY_SETS.flatMap((activitySet) => tables[activitySet] ?? []);
  }

  function findRow(set, id) {
    const [, key] = KEYS[set] ?? [];
    const row = key ? (tables[set] ?? []).find((candidate) => candidate[key] === id) : undefined;
    if (!row) throw new ODataError(404, "0x80040217", `${KEYS[set]?.[0] ?? set} With Id = ${id} Does Not Exist`);
    return row;
  }

  function query(set, url, prefer, origin) {
    const rows = rowsOf(set);
    if (!rows) throw new ODataError(404, "0x80060888", `Resource not found for the segment '${set}'.`);
    const params = url.searchParams;
    const entity = KEYS[set]?.[0] ?? set;
    const columns = columnsOf(set);
    const select = params.get("$select")?.split(",");
    for (const column of select ?? []) {
      if (!columns.has(column)) throw badRequest(`Could not find a property named '${column}' on type 'Microsoft.Dynamics.CRM.${entity}'.`);
    }
    let keep = () => true;
    const filter = params.get("$filter");
    if (filter) {
      try {
        keep = parseFilter(filter, columns);
      } catch (error) {
        throw badRequest(error.column ? `Could not find a property named '${error.column}' on type 'Microsoft.Dynamics.CRM.${entity}'.` : error.message);
      }
    }
    const expand = params.get("$expand")?.split("(")[0] ?? null;
    const annotations = /odata\.include-annotations="\*"/.test(prefer);
    const pageSize = Math.min(Number(/odata\.maxpagesize=(\d+)/.exec(prefer)?.[1] ?? 5000), 5000);
    // Paged as Dataverse pages: in primary key order, the paging cookie
    // naming the last row sent, so rows that stop matching between pages
    // (a case resolved meanwhile) shift nothing.
    const key = KEYS[set]?.[1] ?? "id";
    const cookie = params.get("$skiptoken") ?? "";
    const page = Number(/pagenumber="(\d+)"/.exec(cookie)?.[1] ?? 1);
    const last = /last%3d%22%7b([0-9a-f-]{36})%7d%22/.exec(cookie)?.[1] ?? null;
    const matching = rows.filter(keep).sort((a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0));
    const rest = last === null ? matching : matching.filter((row) => row[key] > last);
    const slice = rest.slice(0, pageSize).map((row) => {
      const out = {};
      for (const [name, value] of Object.entries(row)) {
        const [column, annotation] = name.split("@");
        if (select && !select.includes(column) && column !== expand) continue;
        if (annotation && !annotations) continue;
        out[name] = structuredClone(value);
      }
      return out;
    });
    const body = { "@odata.context": `${origin}${API}$metadata#${set}`, value: slice };
    if (rest.length > pageSize) {
      const next = new URL(url);
      const lastSent = slice.at(-1)[key];
      // As in Microsoft's paging example: the paging cookie URL-encoded inside the skip token (encoded again in the URL).
      const pagingCookie = `%3ccookie%20page%3d%22${page}%22%3e%3c${key}%20last%3d%22%7b${lastSent}%7d%22%20%2f%3e%3c%2fcookie%3e`;
      next.searchParams.set("$skiptoken", `<cookie pagenumber="${page + 1}" pagingcookie="${pagingCookie}" istracking="False" />`);
      body["@odata.nextLink"] = `${origin}${next.pathname}${next.search}`;
    }
    return body;
  }

  function get(path, url, prefer, origin) {
    if (path === "EntityDefinitions(LogicalName='incident')") return incidentAuditMetadata;
    if (path === "EntityDefinitions(LogicalName='incident')/Attributes(LogicalName='statuscode')/Microsoft.Dynamics.CRM.StatusAttributeMetadata") {
      return statusOptionsMetadata;
    }
    const details = /^audits\(([0-9a-f-]{36})\)\/Microsoft\.Dynamics\.CRM\.RetrieveAuditDetails$/.exec(path);
    if (details) {
      const answer = auditDetails[details[1]];
      if (!answer) throw new ODataError(404, "0x80040217", `audit With Id = ${details[1]} Does Not Exist`);
      return answer;
    }
    if (/^\w+$/.test(path)) return query(path, url, prefer, origin);
    throw new ODataError(404, "0x80060888", `Resource not found for the segment '${path}'.`);
  }

  function createEmail(body, origin) {
    if (typeof body?.subject !== "string" || !Array.isArray(body.email_activity_parties)) {
      throw badRequest("An email needs a subject and email_activity_parties.");
    }
    const regarding = /^\/incidents\(([0-9a-f-]{36})\)$/.exec(body["regardingobjectid_incident@odata.bind"] ?? "")?.[1];
    if (!regarding) throw badRequest("The email must be regarding a case (regardingobjectid_incident@odata.bind).");
    const incident = findRow("incidents", regarding);
    const known = new Set(["subject", "description", "directioncode", "regardingobjectid_incident@odata.bind", "email_activity_parties", ...columnsOf("emails")]);
    for (const key of Object.keys(body)) {
      if (!known.has(key)) throw badRequest(`Invalid property '${key}' was found in entity 'Microsoft.Dynamics.CRM.email'.`);
    }
    const id = randomUUID();
    const to = body.email_activity_parties.filter((party) => party.participationtypemask === 2);
    const row = {
      activityid: id, activitytypecode: "email", subject: body.subject, description: body.description ?? null,
      directioncode: body.directioncode ?? true, sender: "support@contoso.com",
      // A party bound to the case's customer is addressed at the case's email address.
      torecipients: to.map((party) => party.addressused ?? incident.emailaddress ?? "").join(";"),
      ccrecipients: null, senton: null, actualend: null, createdon: now(), statecode: 0, statuscode: 1,
      messageid: null, actualdurationminutes: null, _regardingobjectid_value: regarding,
      email_activity_parties: structuredClone(body.email_activity_parties),
    };
    for (const column of columnsOf("emails")) if (!(column in row)) row[column] = body[column] ?? null;
    tables.emails.push(row);
    return { status: 204, headers: { "OData-EntityId": `${origin}${API}emails(${id})` } };
  }

  function sendEmail(id) {
    const row = findRow("emails", id);
    if (row.statuscode !== 1) throw badRequest("The email cannot be sent: it is not a draft.");
    Object.assign(row, { statecode: 1, statuscode: 3, senton: now(), actualend: now(), messageid: `<${id}@contoso.com>` });
    return { status: 200, body: { "@odata.context": `${API}$metadata#Microsoft.Dynamics.CRM.SendEmailResponse`, Subject: row.subject } };
  }

  function closeIncident(body) {
    const resolution = body?.IncidentResolution;
    const id = /^\/incidents\(([0-9a-f-]{36})\)$/.exec(resolution?.["incidentid@odata.bind"] ?? "")?.[1];
    if (!id || typeof resolution.subject !== "string") throw badRequest("IncidentResolution needs a subject and incidentid@odata.bind.");
    if (!Number.isInteger(body.Status)) throw badRequest("Status must be an integer.");
    const incident = findRow("incidents", id);
    if (incident.statecode !== 0) throw badRequest("This case is already resolved or canceled.");
    const open = ACTIVITY_SETS.flatMap((set) => tables[set] ?? []).filter((row) => row._regardingobjectid_value === id && row.statecode === 0);
    if (open.length > 0) throw badRequest("The case cannot be resolved because it has open activities.");
    Object.assign(incident, { statecode: 1, statuscode: body.Status, "statuscode@OData.Community.Display.V1.FormattedValue": "Problem Solved" });
    return { status: 204 };
  }

  async function handle(request, response) {
    const origin = `http://${request.headers.host}`;
    const url = new URL(request.url, origin);
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    const text = Buffer.concat(chunks).toString("utf8");
    const entry = { method: request.method, path: decodeURIComponent(url.pathname.slice(API.length)), query: Object.fromEntries(url.searchParams), headers: request.headers, body: text ? JSON.parse(text) : undefined, status: 0 };
    requests.push(entry);
    const send = (status, body, headers = {}) => {
      entry.status = status;
      const payload = body === undefined ? "" : JSON.stringify(body);
      response.writeHead(status, { "OData-Version": "4.0", ...(payload ? { "Content-Type": "application/json; odata.metadata=minimal" } : {}), ...headers });
      response.end(payload);
    };
    try {
      if (!url.pathname.startsWith(API)) throw new ODataError(404, "0x80060888", "Not a Web API path.");
      if (request.headers.authorization !== `Bearer ${token}`) {
        send(401, undefined, { "WWW-Authenticate": 'Bearer authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize"' });
        return;
      }
      const path = entry.path;
      const prefer = request.headers.prefer ?? "";
      if (request.method === "GET") {
        send(200, get(path, url, prefer, origin));
      } else if (request.method === "POST" && path === "emails") {
        const { status, headers } = createEmail(entry.body, origin);
        send(status, undefined, headers);
      } else if (request.method === "POST" && /^emails\([0-9a-f-]{36}\)\/Microsoft\.Dynamics\.CRM\.SendEmail$/.test(path)) {
        if (entry.body?.IssueSend !== true) throw badRequest("IssueSend must be true.");
        const { status, body } = sendEmail(path.slice(7, 43));
        send(status, body);
      } else if (request.method === "POST" && path === "CloseIncident") {
        send(closeIncident(entry.body).status);
      } else if (request.method === "PATCH" && /^\w+\([0-9a-f-]{36}\)$/.test(path)) {
        const [set, id] = [path.slice(0, path.indexOf("(")), path.slice(path.indexOf("(") + 1, -1)];
        Object.assign(findRow(set, id), entry.body);
        send(204);
      } else {
        throw new ODataError(405, "0x80060888", `The ${request.method} request to '${path}' is not supported here.`);
      }
    } catch (error) {
      const status = error instanceof ODataError ? error.status : 500;
      send(status, { error: { code: error.code ?? "0x80040216", message: error.message } });
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error) => {
      response.writeHead(500);
      response.end(String(error));
    });
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests,
    tables,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
