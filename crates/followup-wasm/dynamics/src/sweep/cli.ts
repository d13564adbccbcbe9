/**
 * `case-followup-sweep`: the scheduled host for full automation. See
 * `--help` and the package README.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";

import { Engine, validateConfig } from "case-followup";
import type { FollowupConfig } from "case-followup";

import { DEFAULT_KEY_COLUMN } from "../dataverse/activities.js";
import { DEFAULT_CONFIG_VARIABLE, readConfigVariable } from "../dataverse/config-variable.js";
import { messageOf } from "../dataverse/odata.js";
import { type CaseOutcome, runSweep } from "./sweep.js";
import { WebApi } from "./web-api.js";

const USAGE = `Usage: case-followup-sweep --url https://ORG.crm.dynamics.com [options]

Finds the active cases in a trigger Status Reason of the follow-up rules,
reads their activities and Status Reason history over the Dataverse Web API,
decides with the engine, and prints what full automation would do. With
--execute it does it: creates and sends the follow-up emails (SendEmail) and
resolves the cases (CloseIncident). A dry run is the default.

Options:
  --url URL              the organisation (or DATAVERSE_URL)
  --execute              carry out the actions (default: a dry run)
  --dry-run              only report (the default)
  --config FILE          the follow-up config as a JSON file
  --config-variable NAME the JSON environment variable holding it
                         (default ${DEFAULT_CONFIG_VARIABLE}; used without --config)
  --token-command CMD    a shell command that prints a bearer token; run again
                         when the token expires (default: DATAVERSE_TOKEN)
  --key-column NAME      the email column for idempotency keys
                         (default ${DEFAULT_KEY_COLUMN}; "none" for none)
  --sender-queue ID      send from this queue (default: the signed-in user)
  --page-size N          cases per page and per evaluateMany call (default 50)
  --now ISO              decide for this instant (default: now)
  --format text|jsonl    the report's format (default text)
  --help                 this text

Exit status: 0 done, 1 some case or step failed, 2 could not run.
`;

/** Why the sweep could not run at all (exit status 2). */
class UsageError extends Error {}

function tokenSource(command: string | undefined): () => Promise<string> {
  if (command) {
    return () =>
      new Promise((resolve, reject) => {
        execFile("/bin/sh", ["-c", command], { timeout: 60_000, maxBuffer: 1 << 20 }, (error, stdout) => {
          const token = stdout.trim();
          if (error) reject(new UsageError(`the token command failed: ${error.message}`));
          else if (token === "") reject(new UsageError("the token command printed no token"));
          else resolve(token);
        });
      });
  }
  return async () => {
    const token = process.env["DATAVERSE_TOKEN"]?.trim();
    if (!token) throw new UsageError("no token: set DATAVERSE_TOKEN or give --token-command");
    return token;
  };
}

function textLine(outcome: CaseOutcome): string {
  const name = outcome.ticketNumber ?? outcome.caseId;
  const steps = outcome.steps.map((step) => `  ${step.type} ${step.result}${step.detail ? ` (${step.detail})` : ""}`);
  const note = outcome.note ? [`  note: ${outcome.note}`] : [];
  return [`${name}: ${outcome.state}: ${outcome.summary}`, ...steps, ...note].join("\n");
}

/** Runs the command; the exit status. */
export async function main(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        url: { type: "string" },
        execute: { type: "boolean", default: false },
        "dry-run": { type: "boolean", default: false },
        config: { type: "string" },
        "config-variable": { type: "string", default: DEFAULT_CONFIG_VARIABLE },
        "token-command": { type: "string" },
        "key-column": { type: "string", default: DEFAULT_KEY_COLUMN },
        "sender-queue": { type: "string" },
        "page-size": { type: "string", default: "50" },
        now: { type: "string" },
        format: { type: "string", default: "text" },
        help: { type: "boolean", default: false },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`case-followup-sweep: ${messageOf(error)}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    out(USAGE);
    return 0;
  }
  try {
    const url = values.url ?? process.env["DATAVERSE_URL"];
    if (!url) throw new UsageError("give the organisation's URL: --url or DATAVERSE_URL");
    if (values.execute && values["dry-run"]) throw new UsageError("--execute and --dry-run contradict each other");
    const pageSize = Number(values["page-size"]);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 5000) throw new UsageError("--page-size must be 1 to 5000");
    if (values.format !== "text" && values.format !== "jsonl") throw new UsageError("--format must be text or jsonl");
    const now = values.now ?? new Date().toISOString();
    if (Number.isNaN(Date.parse(now))) throw new UsageError(`--now \`${now}\` is not a date-time`);
    const api = new WebApi({ url, token: tokenSource(values["token-command"]) });
    const config = (values.config
      ? JSON.parse(await readFile(values.config, "utf8"))
      : await readConfigVariable(api, values["config-variable"])) as FollowupConfig;
    const validation = validateConfig(config);
    if (validation.type === "failure") {
      throw new UsageError(`the config is not valid: ${validation.errors.map((problem) => `${problem.path}: ${problem.message}`).join("; ")}`);
    }
    const engine = new Engine(config, { explainRules: false });
    const report = await runSweep({
      api,
      engine,
      config,
      now,
      execute: values.execute,
      pageSize,
      keyColumn: values["key-column"] === "none" ? null : values["key-column"],
      senderQueueId: values["sender-queue"] ?? null,
      onCase: (outcome) => out(values.format === "jsonl" ? JSON.stringify(outcome) : textLine(outcome)),
    });
    const summary = { cases: report.cases.length, failures: report.failures, requests: report.requests, dryRun: !values.execute };
    out(values.format === "jsonl" ? JSON.stringify({ summary }) :
      `${summary.cases} case(s), ${summary.failures} failure(s), ${summary.requests} request(s)${summary.dryRun ? " (dry run: nothing was changed)" : ""}`);
    return report.failures > 0 ? 1 : 0;
  } catch (error) {
    console.error(`case-followup-sweep: ${messageOf(error)}`);
    return 2;
  }
}
