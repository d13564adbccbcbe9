/**
 * One sweep: every active case in a trigger Status Reason, page by page;
 * each page's activities and Status Reason history read in a few batched
 * queries; one `evaluateMany` call per page; then, when executing, what
 * full automation says: send the follow-up (create the email with its
 * idempotency key, then `SendEmail`) or resolve the case (cancel its open
 * activities, then `CloseIncident`).
 *
 * Idempotency: a follow-up's key is stored on the email the sweep creates
 * (the key column, `cf_followupkey` by default). The next run reads it back
 * with the case's emails: a sent email carrying the key counts as that
 * follow-up, so the engine moves on; a draft carrying it (a run stopped
 * between create and send) is sent instead of creating another.
 */
import type { CaseInput, CaseRecord, EvaluateResponse, FollowupConfig, TimelineItem } from "case-followup";

import { type KeyColumn, retrieveActivityRows, timelinesFromActivityRows } from "../dataverse/activities.js";
import { auditNote, readAuditAvailability, retrieveStatusHistory } from "../dataverse/audit.js";
import { activitiesToCancel, activityTables, cancelUpdate } from "../dataverse/close-activities.js";
import { emailRecord } from "../dataverse/email-record.js";
import { messageOf, TABLES } from "../dataverse/odata.js";
import { casesQuery, readStatusOptions, triggerValues } from "./triggers.js";
import type { WebApi } from "./web-api.js";

/** What the sweep decides with: `Engine` has it. */
export interface SweepEngine {
  evaluateMany(cases: CaseInput[], now: string | Date): EvaluateResponse[];
}

/** How to sweep. */
export interface SweepOptions {
  api: WebApi;
  engine: SweepEngine;
  config: FollowupConfig;
  /** The instant to decide for, ISO 8601. */
  now: string;
  /** Carry out what full automation says; `false` (a dry run) only reports it. */
  execute: boolean;
  keyColumn: KeyColumn;
  /** Cases per page, and so per batch of activity and audit queries and per `evaluateMany` call. */
  pageSize: number;
  /** A queue to send from (`activityparty` of type From); without one, Dataverse sends as the signed-in user. */
  senderQueueId?: string | null;
  /** Called for each case as soon as it is done. */
  onCase?: (outcome: CaseOutcome) => void;
}

/** What happened to one step of full automation. */
export type StepOutcome =
  | { type: "sendFollowUp" | "resolveCase" | "reopenCase"; idempotencyKey: string; result: "wouldDo" | "done" | "sentExistingDraft" | "skipped"; detail?: string }
  | { type: "sendFollowUp" | "resolveCase" | "reopenCase"; idempotencyKey: string; result: "failed"; detail: string };

/** One case's line in the report. */
export interface CaseOutcome {
  caseId: string;
  ticketNumber: string | null;
  /** The decision's state, or `failed` when the engine refused the case. */
  state: string;
  summary: string;
  nextCheckAt: string | null;
  /** The audit note, when the Status Reason history was missing. */
  note: string | null;
  steps: StepOutcome[];
}

/** The whole run. */
export interface SweepReport {
  cases: CaseOutcome[];
  /** Web API requests made. */
  requests: number;
  /** Cases whose decision or a step failed. */
  failures: number;
}

/** The case's id. */
function caseIdOf(row: CaseRecord): string {
  return String(row.incidentid);
}

/** Sweeps once. */
export async function runSweep(options: SweepOptions): Promise<SweepReport> {
  const { api, config } = options;
  const [statusOptions, availability] = await Promise.all([readStatusOptions(api), readAuditAvailability(api)]);
  const triggers = triggerValues(config, statusOptions);
  const outcomes: CaseOutcome[] = [];
  if (triggers.length === 0) return { cases: outcomes, requests: api.requests.length, failures: 0 };
  for await (const page of api.pages(TABLES.incident, casesQuery(triggers), options.pageSize)) {
    if (page.length === 0) continue;
    const cases = page as CaseRecord[];
    const ids = cases.map(caseIdOf);
    const [activityRows, history] = await Promise.all([
      retrieveActivityRows(api, ids, options.keyColumn),
      retrieveStatusHistory(api, ids, availability),
    ]);
    const activities = timelinesFromActivityRows(activityRows, options.keyColumn);
    const inputs: CaseInput[] = cases.map((caseRecord) => ({
      case: caseRecord,
      timeline: [...(activities.get(caseIdOf(caseRecord)) ?? []), ...(history.byCase.get(caseIdOf(caseRecord)) ?? [])],
    }));
    const results = options.engine.evaluateMany(inputs, options.now);
    for (const [index, result] of results.entries()) {
      const input = inputs[index];
      if (!input) continue;
      const outcome = await handleCase(options, input, result, history.unavailable);
      outcomes.push(outcome);
      options.onCase?.(outcome);
    }
  }
  const failures = outcomes.filter((outcome) => outcome.state === "failed" || outcome.steps.some((step) => step.result === "failed")).length;
  return { cases: outcomes, requests: api.requests.length, failures };
}

async function handleCase(
  options: SweepOptions,
  input: CaseInput,
  result: EvaluateResponse,
  auditUnavailable: string | null,
): Promise<CaseOutcome> {
  const caseRecord = input.case;
  const base = {
    caseId: caseIdOf(caseRecord),
    ticketNumber: typeof caseRecord.ticketnumber === "string" ? caseRecord.ticketnumber : null,
  };
  if (result.type === "failure") {
    const message = result.errors.map((problem) => `${problem.path}: ${problem.message}`).join("; ");
    return { ...base, state: "failed", summary: message, nextCheckAt: null, note: null, steps: [] };
  }
  const { decision } = result;
  const note = auditUnavailable === null ? null : auditNote(auditUnavailable, decision);
  const timeline = input.timeline ?? [];
  const steps: StepOutcome[] = [];
  for (const action of decision.actions) {
    if (!options.execute) {
      steps.push({ type: action.type, idempotencyKey: action.idempotencyKey, result: "wouldDo" });
      continue;
    }
    try {
      if (action.type === "sendFollowUp") {
        steps.push(await sendFollowUp(options, caseRecord, timeline, action.idempotencyKey, action.email));
      } else if (action.type === "reopenCase") {
        // docs/behaviour.md 7.1: back to Active, in the rule's Status Reason.
        await options.api.patch(TABLES.incident, caseIdOf(caseRecord), { statecode: 0, statuscode: action.statusReason });
        steps.push({ type: "reopenCase", idempotencyKey: action.idempotencyKey, result: "done" });
      } else {
        steps.push(await resolve(options, timeline, action.idempotencyKey, action.resolution));
      }
    } catch (error) {
      steps.push({ type: action.type, idempotencyKey: action.idempotencyKey, result: "failed", detail: messageOf(error) });
    }
  }
  return { ...base, state: decision.state, summary: decision.summary, nextCheckAt: decision.nextCheckAt, note, steps };
}

type SendAction = Extract<EvaluateResponse, { type: "success" }>["decision"]["actions"][number] & { type: "sendFollowUp" };
type ResolveAction = Extract<EvaluateResponse, { type: "success" }>["decision"]["actions"][number] & { type: "resolveCase" };

async function sendFollowUp(
  options: SweepOptions,
  caseRecord: CaseRecord,
  timeline: TimelineItem[],
  key: string,
  email: SendAction["email"],
): Promise<StepOutcome> {
  const { api } = options;
  // The email an earlier run created for this step, found by its key.
  const existing = timeline.find((item) => (item as Record<string, unknown>)["followUpKey"] === key) as Record<string, unknown> | undefined;
  if (existing && existing["statuscode"] !== 1) {
    return { type: "sendFollowUp", idempotencyKey: key, result: "skipped", detail: `email ${String(existing["activityid"])} already carries this key` };
  }
  let emailId = typeof existing?.["activityid"] === "string" ? existing["activityid"] : null;
  const reused = emailId !== null;
  if (emailId === null) {
    const row = emailRecord(email, caseRecord, key, options.keyColumn);
    if (options.senderQueueId) {
      (row["email_activity_parties"] as unknown[]).push({ participationtypemask: 1, "partyid_queue@odata.bind": `/queues(${options.senderQueueId})` });
    }
    emailId = await api.create(TABLES.email, row);
  }
  await api.post(`emails(${emailId})/Microsoft.Dynamics.CRM.SendEmail`, { IssueSend: true });
  return { type: "sendFollowUp", idempotencyKey: key, result: reused ? "sentExistingDraft" : "done", detail: `email ${emailId}` };
}

async function resolve(
  options: SweepOptions,
  timeline: TimelineItem[],
  key: string,
  resolution: ResolveAction["resolution"],
): Promise<StepOutcome> {
  const { api } = options;
  if (resolution.closeIncident === null) {
    return { type: "resolveCase", idempotencyKey: key, result: "failed", detail: `case ${resolution.caseId} has no GUID: CloseIncident cannot name it` };
  }
  for (const { id, table } of activitiesToCancel(resolution.closeActivityIds, activityTables(timeline))) {
    const tableRef = { logicalName: table, setName: `${table}s` };
    await api.patch(tableRef, id, cancelUpdate(table) ?? {});
  }
  await api.post("CloseIncident", resolution.closeIncident);
  return { type: "resolveCase", idempotencyKey: key, result: "done" };
}
