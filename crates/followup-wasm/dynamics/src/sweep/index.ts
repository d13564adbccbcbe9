/**
 * `case-followup/sweep`: the scheduled host for full automation, as a
 * library (the `case-followup-sweep` command is `main`), for hosts that
 * schedule it themselves (an Azure Function, a container job).
 */
export { main } from "./cli.js";
export { runSweep } from "./sweep.js";
export type { CaseOutcome, StepOutcome, SweepEngine, SweepOptions, SweepReport } from "./sweep.js";
export { casesQuery, readStatusOptions, STATUS_OPTIONS_METADATA, triggerValues } from "./triggers.js";
export type { StatusOption } from "./triggers.js";
export { WebApi } from "./web-api.js";
export type { RequestRecord, WebApiOptions, WriteResult } from "./web-api.js";
