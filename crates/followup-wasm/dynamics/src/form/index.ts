/// <reference types="xrm" />
/**
 * The Dynamics 365 form library of case-followup, for the Case (incident)
 * main form: `onLoad` and `onStatusReasonChange` as form event handlers,
 * and the helpers they are made of, for form scripts of your own.
 *
 * In the web resource it is `CaseFollowup.form`; in the package,
 * `import * as form from "case-followup/form"` (after `init()` in a
 * browser).
 */
import { Engine, validateConfig } from "case-followup";
import type { CardItem, CaseRecord, Decision, FollowupConfig, TimelineItem } from "case-followup";

import { DEFAULT_KEY_COLUMN, type KeyColumn, retrieveActivities } from "../dataverse/activities.js";
import { type AuditAvailability, readAuditAvailability, retrieveStatusHistory } from "../dataverse/audit.js";
import type { DataverseReader } from "../dataverse/client.js";
import { activityTables } from "../dataverse/close-activities.js";
import { DEFAULT_CONFIG_VARIABLE, readConfigVariable } from "../dataverse/config-variable.js";
import { openDraft, resolveCase } from "./actions.js";
import { caseFromForm } from "./case-row.js";
import { clearDecision, clearError, showDecision, showError } from "./card.js";
import { xrmReader } from "./xrm-reader.js";

export { caseFromForm, columnsOf } from "./case-row.js";
export { clearDecision, NOTIFICATION, showDecision } from "./card.js";
export { closeIncidentRequest, openDraft, resolveCase } from "./actions.js";
export { xrmReader } from "./xrm-reader.js";
export * from "../dataverse/index.js";

/** What the engine is asked; `Engine` has it, and a test or another host may wrap it. */
export type DecidingEngine = Pick<Engine, "evaluateRules">;

/** What the library takes from its surroundings; `configure` replaces parts of it. */
export interface FormSettings {
  /** Resolves once the engine can be called (the web resource's `CaseFollowup.ready`). */
  whenReady(): Promise<unknown>;
  /** Where Dataverse is read from: `Xrm.WebApi`, and `fetch` for functions and metadata. */
  reader(): DataverseReader;
  /** Reads the follow-up config: by default the JSON environment variable `configVariable`. */
  loadConfig(reader: DataverseReader): Promise<unknown>;
  /** Makes the engine from a valid config. */
  createEngine(config: FollowupConfig): DecidingEngine;
  /** The instant to decide for, ISO 8601. */
  now(): string;
  /** The schema name of the environment variable holding the config. */
  configVariable: string;
  /** The email column holding each follow-up's idempotency key; `null` if the organisation has none. */
  keyColumn: KeyColumn;
}

const defaults: FormSettings = {
  whenReady: () => Promise.resolve(),
  reader: xrmReader,
  loadConfig: (reader) => readConfigVariable(reader, settings.configVariable),
  createEngine: (config) => new Engine(config),
  now: () => new Date().toISOString(),
  configVariable: DEFAULT_CONFIG_VARIABLE,
  keyColumn: DEFAULT_KEY_COLUMN,
};

let settings: FormSettings = { ...defaults };
let engine: Promise<DecidingEngine> | null = null;
let audit: Promise<AuditAvailability> | null = null;

/** Replaces parts of the settings; the config and the audit settings are read again on the next call. */
export function configure(overrides: Partial<FormSettings>): void {
  settings = { ...settings, ...overrides };
  engine = null;
  audit = null;
}

/** The problems of a config as one message: each with its JSON path. */
export function configProblems(config: unknown): string | null {
  const result = validateConfig(config as FollowupConfig);
  if (result.type === "success") return null;
  const shown = result.errors.slice(0, 3).map((problem) => (problem.path ? `${problem.path}: ${problem.message}` : problem.message));
  const more = result.errors.length > 3 ? `; and ${result.errors.length - 3} more` : "";
  return `the follow-up config in \`${settings.configVariable}\` is not valid: ${shown.join("; ")}${more}`;
}

/** The engine for this page: the config read and validated once, then kept (a failure too, until `configure`). */
function getEngine(reader: DataverseReader): Promise<DecidingEngine> {
  engine ??= (async () => {
    await settings.whenReady();
    const config = await settings.loadConfig(reader);
    const problems = configProblems(config);
    if (problems) throw new Error(problems);
    return settings.createEngine(config as FollowupConfig);
  })();
  return engine;
}

function getAudit(reader: DataverseReader): Promise<AuditAvailability> {
  audit ??= readAuditAvailability(reader);
  return audit;
}

/** The case's history: its activities and its audited Status Reason changes, with why the latter is missing. */
export async function caseTimeline(
  reader: DataverseReader,
  caseId: string,
): Promise<{ timeline: TimelineItem[]; auditUnavailable: string | null }> {
  const [activities, history] = await Promise.all([
    retrieveActivities(reader, caseId, settings.keyColumn),
    getAudit(reader).then((availability) => retrieveStatusHistory(reader, [caseId], availability)),
  ]);
  return { timeline: [...activities, ...(history.byCase.get(caseId) ?? [])], auditUnavailable: history.unavailable };
}

/**
 * Decides for the case on the form: reads the case (current values), its
 * activities and Status Reason history; `statusChangedNow` adds the
 * unsaved Status Reason change at `now`.
 */
export async function decide(form: Xrm.FormContext, { statusChangedNow }: { statusChangedNow: boolean }): Promise<{
  decision: Decision;
  caseRecord: CaseRecord;
  timeline: TimelineItem[];
  auditUnavailable: string | null;
} | null> {
  const now = settings.now();
  const reader = settings.reader();
  const caseRecord = await caseFromForm(form);
  if (!caseRecord) return null; // a new case, not saved yet: it has no history
  const [followup, { timeline, auditUnavailable }] = await Promise.all([
    getEngine(reader),
    caseTimeline(reader, caseRecord.incidentid),
  ]);
  if (statusChangedNow) timeline.push({ type: "statusChange", at: now, statusReason: caseRecord.statuscode });
  return { decision: followup.evaluateRules(caseRecord, timeline, now), caseRecord, timeline, auditUnavailable };
}

/** Decides and shows the answer. Never throws: a failure becomes an ERROR notification. */
async function evaluate(form: Xrm.FormContext, statusChangedNow: boolean): Promise<void> {
  clearError(form);
  try {
    const result = await decide(form, { statusChangedNow });
    if (!result) return;
    const { decision, caseRecord, timeline, auditUnavailable } = result;
    const tables = activityTables(timeline);
    const act = (item: CardItem): void => {
      void (async () => {
        try {
          if (item.email) await openDraft(item.idempotencyKey, item.email, caseRecord, settings.keyColumn);
          else if (item.resolution && await resolveCase(form, item.idempotencyKey, item.resolution, tables)) clearDecision(form);
        } catch (error) {
          showError(form, error);
        }
      })();
    };
    showDecision(form, decision, act, auditUnavailable);
  } catch (error) {
    clearDecision(form);
    showError(form, error);
  }
}

/**
 * The form's OnLoad handler (register with "Pass execution context as
 * first parameter"): registers `onStatusReasonChange` on `statuscode` and
 * decides once, so that a case opened days after it was put on hold shows
 * its card.
 */
export function onLoad(executionContext: Xrm.Events.EventContext): Promise<void> {
  const form = executionContext.getFormContext();
  form.getAttribute("statuscode")?.addOnChange(onStatusReasonChange);
  return evaluate(form, false);
}

/**
 * The Status Reason's OnChange handler. The change is not saved yet: it is
 * taken to happen now. (Registered by `onLoad`; register it on `statuscode`
 * yourself only if you do not use `onLoad`.)
 */
export function onStatusReasonChange(executionContext: Xrm.Events.EventContext): Promise<void> {
  const form = executionContext.getFormContext();
  const status = form.getAttribute("statuscode");
  // Changed back to the saved value: nothing new happened.
  return evaluate(form, status ? status.getIsDirty() : true);
}
