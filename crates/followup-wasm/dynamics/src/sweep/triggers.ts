/**
 * The Status Reason values the sweep looks for: every trigger of every
 * active rule, labels turned into values with the organisation's own
 * Status Reason option set (custom values included).
 */
import type { FollowupConfig } from "case-followup";

import type { DataverseReader } from "../dataverse/client.js";

/** The metadata query for the Case's Status Reason options. */
export const STATUS_OPTIONS_METADATA =
  "EntityDefinitions(LogicalName='incident')/Attributes(LogicalName='statuscode')" +
  "/Microsoft.Dynamics.CRM.StatusAttributeMetadata?$select=LogicalName&$expand=OptionSet($select=Options)";

/** One Status Reason option: its value, the state it belongs to and its label. */
export interface StatusOption {
  value: number;
  state: number;
  label: string;
}

/** Reads the options of the Case's Status Reason. */
export async function readStatusOptions(reader: DataverseReader): Promise<StatusOption[]> {
  const metadata = (await reader.getJson(STATUS_OPTIONS_METADATA)) as { OptionSet?: { Options?: unknown } } | null;
  const options = Array.isArray(metadata?.OptionSet?.Options) ? (metadata.OptionSet.Options as Record<string, unknown>[]) : [];
  return options.flatMap((option) => {
    const label = (option["Label"] as { UserLocalizedLabel?: { Label?: unknown } } | undefined)?.UserLocalizedLabel?.Label;
    const { Value: value, State: state } = option;
    return typeof value === "number" && typeof state === "number" && typeof label === "string"
      ? [{ value, state, label }]
      : [];
  });
}

/** The trigger values of the config's active rules; throws naming a label the organisation does not have. */
export function triggerValues(config: FollowupConfig, options: readonly StatusOption[]): number[] {
  const values = new Set<number>();
  for (const rule of config.rules ?? []) {
    if (rule.active === false) continue;
    for (const trigger of rule.triggerStatusReasons) {
      if (typeof trigger === "number") {
        values.add(trigger);
        continue;
      }
      const option = options.find((candidate) => candidate.label.toLowerCase() === trigger.trim().toLowerCase());
      if (!option) {
        throw new Error(`rule \`${rule.id}\` triggers on \`${trigger}\`, which is not a Status Reason of the Case table here`);
      }
      values.add(option.value);
    }
  }
  return [...values].sort((a, b) => a - b);
}

/** The cases query: active cases in one of the trigger Status Reasons. */
export function casesQuery(triggers: readonly number[]): string {
  const statuses = triggers.map((value) => `statuscode eq ${value}`).join(" or ");
  return `$filter=statecode eq 0 and (${statuses})`;
}
