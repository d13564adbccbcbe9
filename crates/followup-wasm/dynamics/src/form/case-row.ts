/// <reference types="xrm" />
/**
 * The case on the form as the Web API would return its `incident` row, with
 * the values the representative sees now, saved or not: OnChange runs
 * before the save, and a decision on the saved row would be for the old
 * Status Reason.
 */
import type { CaseRecord } from "case-followup";

import { FORMATTED, LOOKUP_TABLE, plainGuid } from "../dataverse/odata.js";

/** Columns the engine needs; read from the saved row when the form does not show them. */
export const REQUIRED_COLUMNS = ["statecode", "statuscode", "createdon"] as const;

type Column = CaseRecord[string];

/**
 * The case row from `formContext`: every attribute on the form as its Web
 * API column (lookups as `_name_value` with their formatted-value and
 * table annotations, option sets with their labels, dates in ISO 8601),
 * plus the required columns the form lacks, read once with
 * `Xrm.WebApi.retrieveRecord`. `null` for a case not saved yet.
 */
export async function caseFromForm(form: Xrm.FormContext): Promise<CaseRecord | null> {
  const id = form.data.entity.getId();
  if (!id) return null;
  const row: Record<string, Column> = { incidentid: plainGuid(id) };
  form.data.entity.attributes.forEach((attribute) => Object.assign(row, columnsOf(attribute)));
  const missing = REQUIRED_COLUMNS.filter((column) => row[column] === undefined || row[column] === null);
  if (missing.length > 0) {
    const saved = await Xrm.WebApi.retrieveRecord("incident", String(row["incidentid"]), `?$select=${missing.join(",")}`);
    for (const column of missing) {
      row[column] = saved[column] as Column;
      const label = saved[`${column}${FORMATTED}`];
      if (typeof label === "string") row[`${column}${FORMATTED}`] = label;
    }
  }
  return row as CaseRecord;
}

/** One form attribute as the Web API columns it stands for. */
export function columnsOf(attribute: Xrm.Attributes.Attribute): Record<string, Column> {
  const name = attribute.getName();
  switch (attribute.getAttributeType()) {
    case "lookup": {
      const value = (attribute as Xrm.Attributes.LookupAttribute).getValue()?.[0];
      if (!value) return { [`_${name}_value`]: null };
      return {
        [`_${name}_value`]: plainGuid(value.id),
        [`_${name}_value${FORMATTED}`]: value.name ?? null,
        [`_${name}_value${LOOKUP_TABLE}`]: value.entityType,
      };
    }
    case "optionset": {
      const options = attribute as Xrm.Attributes.OptionSetAttribute;
      const value = options.getValue();
      return value === null ? { [name]: null } : { [name]: value, [`${name}${FORMATTED}`]: options.getText() };
    }
    case "multiselectoptionset": {
      // The Web API writes a choices column as its values joined by commas, its labels by "; ".
      const choices = attribute as Xrm.Attributes.MultiSelectOptionSetAttribute;
      const values = choices.getValue();
      if (!values || values.length === 0) return { [name]: null };
      return { [name]: values.join(","), [`${name}${FORMATTED}`]: (choices.getText() ?? []).join("; ") };
    }
    case "datetime":
      return { [name]: (attribute as Xrm.Attributes.DateAttribute).getValue()?.toISOString() ?? null };
    default: {
      const value: unknown = attribute.getValue();
      const plain = typeof value === "string" || typeof value === "number" || typeof value === "boolean";
      return { [name]: plain ? value : null };
    }
  }
}
