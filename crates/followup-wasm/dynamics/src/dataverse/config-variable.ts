/**
 * The follow-up config kept in a Dataverse environment variable of type
 * JSON: its current value when one is set, else its default value.
 */
import type { DataverseReader } from "./client.js";
import { quoted, type Row, TABLES } from "./odata.js";

/** The schema name of the environment variable the hosts read unless told otherwise. */
export const DEFAULT_CONFIG_VARIABLE = "cf_CaseFollowupConfig";

/** The query for the variable's definition with its value. */
export function configVariableQuery(schemaName: string): string {
  return `$select=schemaname,defaultvalue&$filter=schemaname eq ${quoted(schemaName)}` +
    "&$expand=environmentvariabledefinition_environmentvariablevalue($select=value)";
}

/** The variable's JSON, parsed; throws an `Error` saying what is wrong with it. */
export async function readConfigVariable(reader: DataverseReader, schemaName = DEFAULT_CONFIG_VARIABLE): Promise<unknown> {
  const [definition] = await reader.retrieveAll(TABLES.environmentvariabledefinition, configVariableQuery(schemaName));
  if (!definition) throw new Error(`the environment variable \`${schemaName}\` does not exist`);
  const values = definition["environmentvariabledefinition_environmentvariablevalue"];
  const current = Array.isArray(values) ? (values[0] as Row | undefined)?.["value"] : undefined;
  const text = typeof current === "string" && current !== "" ? current : definition["defaultvalue"];
  if (typeof text !== "string" || text === "") {
    throw new Error(`the environment variable \`${schemaName}\` has no value`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`the environment variable \`${schemaName}\` is not JSON: ${(error as Error).message}`);
  }
}
