/**
 * The Dataverse Web API over `fetch`, for `case-followup-sweep`: queries
 * followed page by page through `@odata.nextLink`, functions, creates and
 * actions, each request signed with a bearer token from `token()` (asked
 * again once when the Web API answers 401). Errors become
 * `DataverseError`s with Dataverse's own code and message.
 */
import type { DataverseReader } from "../dataverse/client.js";
import { dataverseError, DataverseError, type Row, type Table, WEB_API_PATH } from "../dataverse/odata.js";

/** How to reach one organisation. */
export interface WebApiOptions {
  /** The organisation's URL, `https://contoso.crm.dynamics.com`. */
  url: string;
  /** A bearer token for it; called for the first request and again after a 401. */
  token: () => Promise<string>;
  /** The `fetch` to use (tests pass their own). */
  fetch?: typeof fetch;
}

/** The most rows the Web API returns in one page. */
export const MAX_PAGE_SIZE = 5000;

/** One request made, for the report and the tests. */
export interface RequestRecord {
  method: string;
  url: string;
  status: number;
}

/** The answer of a POST or PATCH. */
export interface WriteResult {
  status: number;
  headers: Headers;
  body: unknown;
}

export class WebApi implements DataverseReader {
  readonly root: string;
  readonly requests: RequestRecord[] = [];
  readonly #options: WebApiOptions;
  #token: Promise<string> | null = null;

  constructor(options: WebApiOptions) {
    this.#options = options;
    this.root = `${options.url.replace(/\/+$/, "")}${WEB_API_PATH}`;
  }

  async #send(method: string, url: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<Response> {
    const doFetch = this.#options.fetch ?? fetch;
    const attempt = async (): Promise<Response> => {
      this.#token ??= this.#options.token();
      const headers: Record<string, string> = {
        Accept: "application/json",
        "OData-MaxVersion": "4.0",
        "OData-Version": "4.0",
        Authorization: `Bearer ${await this.#token}`,
        ...extraHeaders,
      };
      if (body !== undefined) headers["Content-Type"] = "application/json; charset=utf-8";
      const init: RequestInit = { method, headers };
      if (body !== undefined) init.body = JSON.stringify(body);
      const response = await doFetch(url, init);
      this.requests.push({ method, url, status: response.status });
      return response;
    };
    let response = await attempt();
    if (response.status === 401) {
      // The token may have expired during a long sweep: ask once more.
      this.#token = null;
      response = await attempt();
    }
    return response;
  }

  async #json(response: Response): Promise<unknown> {
    const text = await response.text();
    let body: unknown = null;
    if (text !== "") {
      try {
        body = JSON.parse(text);
      } catch {
        throw new DataverseError(`the Web API answered ${response.status} with a body that is not JSON`, undefined, response.status);
      }
    }
    if (!response.ok) throw dataverseError(body, response.status);
    return body;
  }

  #readHeaders(pageSize = MAX_PAGE_SIZE): Record<string, string> {
    return { Prefer: `odata.include-annotations="*",odata.maxpagesize=${pageSize}` };
  }

  /**
   * The pages of a query, one at a time, `pageSize` rows each at most
   * (`Prefer: odata.maxpagesize`, 5000 at most): the sweep decides each
   * page of cases before it reads the next.
   */
  async *pages(table: Table, query: string, pageSize = MAX_PAGE_SIZE): AsyncGenerator<Row[]> {
    let url: string | null = `${this.root}${table.setName}?${query}`;
    while (url !== null) {
      // The same page size on every page, as the paging cookie expects.
      const page = (await this.#json(await this.#send("GET", url, undefined, this.#readHeaders(pageSize)))) as
        | { value?: unknown; "@odata.nextLink"?: unknown }
        | null;
      yield Array.isArray(page?.value) ? (page.value as Row[]) : [];
      const next = page?.["@odata.nextLink"];
      // Used as given: the paging cookie inside must not be changed or encoded again.
      url = typeof next === "string" ? next : null;
    }
  }

  async retrieveAll(table: Table, query: string): Promise<Row[]> {
    const rows: Row[] = [];
    for await (const page of this.pages(table, query)) rows.push(...page);
    return rows;
  }

  async getJson(path: string): Promise<unknown> {
    return this.#json(await this.#send("GET", `${this.root}${path}`, undefined, this.#readHeaders()));
  }

  /** POSTs to an entity set or an action; the body and headers of the answer. */
  async post(path: string, body: unknown): Promise<WriteResult> {
    const response = await this.#send("POST", `${this.root}${path}`, body);
    return { status: response.status, headers: response.headers, body: await this.#json(response) };
  }

  /** Updates one row. */
  async patch(table: Table, id: string, changes: Row): Promise<void> {
    await this.#json(await this.#send("PATCH", `${this.root}${table.setName}(${id})`, changes, { "If-Match": "*" }));
  }

  /** Creates a row; its id, read from the `OData-EntityId` header of the 204 answer. */
  async create(table: Table, row: Row): Promise<string> {
    const { headers } = await this.post(table.setName, row);
    const entityId = headers.get("OData-EntityId") ?? "";
    const id = /\(([0-9a-fA-F-]{36})\)$/.exec(entityId)?.[1];
    if (!id) throw new DataverseError(`the Web API created the ${table.logicalName} but sent no OData-EntityId header`);
    return id.toLowerCase();
  }
}
