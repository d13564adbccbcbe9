// A form script's use of the package, type-checked with `tsc --noEmit`:
// completion and type errors come from the package's own declarations. The
// `@ts-expect-error` lines prove mistakes are caught (an `any` would let
// them through, and tsc would then fail on the unused directive).
import init, {
  Engine,
  FollowupError,
  draftEmail,
  evaluateMany,
  evaluateRules,
  fillResolution,
  validateConfig,
  version,
} from "case-followup";
import type {
  Action,
  CardItem,
  CaseRecord,
  Decision,
  EmailDraft,
  FollowupConfig,
  Problem,
  ProcessState,
  ResolutionDraft,
  TimelineItem,
} from "case-followup";
import initWeb, { evaluateRules as evaluateInBrowser, FollowupError as WebFollowupError } from "case-followup/web";

const config: FollowupConfig = {
  sender: { name: "Contoso Support", address: "support@contoso.com" },
  calendar: { utcOffset: "+01:00", workingDays: ["mon", "tue", "wed", "thu", "fri"] },
  rules: [
    {
      id: "contoso-coffee",
      name: "Contoso Coffee follow-up and closure",
      conditions: {
        all: [
          { field: "title", operator: "like", value: "%Contoso Coffee%" },
          { field: "caseAge", operator: "gt", value: "P7D" },
        ],
      },
      automation: "confirm",
      triggerStatusReasons: ["On Hold", 2],
      followUps: {
        count: 3,
        waitTimes: ["PT48H", "PT48H", "PT48H"],
        templates: { final: { subject: "Last call: {{case.number}}", body: "Hello {{customer.firstName}}" } },
      },
      resolution: { type: "Problem Solved", fields: ["resolutionType", "resolution"] },
    },
  ],
  resolution: { remarks: [{ followUpHistory: true }, { lastEmails: 2 }, { field: "description", label: "Issue" }] },
};

const caseRecord: CaseRecord = {
  "@odata.etag": 'W/"1"',
  incidentid: "0f8fad5b-d9cb-469f-a165-70867728950e",
  ticketnumber: "CAS-01001-C0F3E3",
  title: "Contoso Coffee grinder jams",
  statecode: 0,
  statuscode: 2,
  "statuscode@OData.Community.Display.V1.FormattedValue": "On Hold",
  createdon: "2026-10-20T09:00:00Z",
};

const timeline: TimelineItem[] = [
  { type: "email", direction: "outgoing", to: ["alex@fabrikam.com"], subject: "Fixed?", sentAt: "2026-11-02T14:00:00Z" },
  { type: "statusChange", at: "2026-11-02T14:05:00Z", statusReason: "On Hold" },
  { activityid: "e2", directioncode: false, sender: "alex@fabrikam.com", senton: "2026-11-03T09:00:00Z", description: "<p>Still jams</p>" },
  { type: "phonecall", at: "2026-11-03T10:00:00Z", state: "completed", durationMinutes: 15 },
];

export function onStatusReasonChange(now: Date): string {
  const decision: Decision = evaluateRules(config, caseRecord, timeline, now);
  const state: ProcessState = decision.state;
  const next: string | null = decision.nextCheckAt;
  const items: CardItem[] = decision.card?.items ?? [];
  const labels = items.map((item) => `${item.label}: ${item.email?.subject ?? item.resolution?.resolution ?? ""}`);
  const done = decision.actions.map(describe);
  return [state, next, ...labels, ...done, decision.summary].join("\n");
}

function describe(action: Action): string {
  switch (action.type) {
    case "sendFollowUp":
      return `send ${action.followUpNumber}: ${action.email.subject}`;
    case "resolveCase":
      return `resolve as ${action.resolution.resolutionType.label}`;
    case "reopenCase":
      return `reopen with Status Reason ${action.statusReason}`;
  }
}

export function drafts(): [EmailDraft, ResolutionDraft] {
  const email = draftEmail(config, caseRecord, timeline, { kind: "followUp", followUpNumber: 2 }, "2026-11-04T14:00:00Z");
  const reply = draftEmail(config, caseRecord, timeline, { kind: "reply" }, new Date());
  const resolution = fillResolution(config, caseRecord, timeline, { remarks: "typed" }, new Date());
  const status: number = resolution.closeIncident?.Status ?? 0;
  return [status > 0 ? email : reply, resolution];
}

export function sweep(): number {
  const engine = new Engine(config);
  const results = engine.evaluateMany([{ case: caseRecord, timeline }], new Date());
  const report = validateConfig(config);
  const rules = report.type === "success" ? report.activeRules : report.errors.length;
  const failures = evaluateMany(config, [], "2026-11-04T14:00:00Z").filter((result) => result.type === "failure");
  engine.free();
  return results.length + rules + failures.length + version().length;
}

export function onTheForm(): ProcessState {
  const engine = new Engine(config, { explainRules: false });
  const open = engine.openCase(caseRecord, timeline);
  open.updateCase({ statuscode: 1, "statuscode@OData.Community.Display.V1.FormattedValue": "In Progress" });
  open.addTimelineItems([{ type: "statusChange", at: "2026-11-07T09:00:00Z", statusReason: 1 }]);
  const state = open.evaluateRules(new Date()).state;
  open.free();
  engine.free();
  return state;
}

export function errors(): string {
  try {
    evaluateRules(config, caseRecord, timeline, "soon");
    return "";
  } catch (thrown) {
    if (!(thrown instanceof FollowupError)) throw thrown;
    const problems: Problem[] = thrown.errors;
    return problems.map((problem) => `${problem.path}: ${problem.code}: ${problem.message}`).join("\n");
  }
}

export async function anywhere(): Promise<string> {
  // The same two lines in Node and in a browser.
  await init();
  return new Engine(config).evaluateRules(caseRecord, timeline, new Date()).state;
}

export async function inTheBrowser(): Promise<string> {
  await initWeb();
  try {
    return evaluateInBrowser(config, caseRecord, timeline, new Date()).state;
  } catch (thrown) {
    return thrown instanceof WebFollowupError ? thrown.code : "";
  }
}

export function withDisposal(): string {
  // `Symbol.dispose` is declared by the package: this file's lib has no ESNext.Disposable.
  const engine = new Engine(config);
  const version = typeof engine[Symbol.dispose];
  engine.free();
  return version;
}

export function fromAForm(statecode: number, statuscode: number): CaseRecord {
  // A form attribute gives plain numbers.
  return { incidentid: "x", statecode, statuscode, createdon: "2026-01-01T00:00:00Z" };
}

export const mistakes = [
  // @ts-expect-error statecode is a number
  { incidentid: "x", statecode: "0", statuscode: 1, createdon: "2026-01-01T00:00:00Z" } satisfies CaseRecord,
  // @ts-expect-error automation is full or confirm
  { id: "x", automation: "fully", triggerStatusReasons: [], followUps: { count: 1, waitTimes: "PT1H" } } satisfies FollowupConfig["rules"][number],
  // @ts-expect-error a request kind is followUp or reply
  { kind: "letter" } satisfies Parameters<typeof draftEmail>[3],
  // @ts-expect-error the engine option is `explainRules`
  { explain: false } satisfies NonNullable<ConstructorParameters<typeof Engine>[1]>,
  // @ts-expect-error a template set has no `last` slot: it is `final`
  { last: { subject: "s", body: "b" } } satisfies NonNullable<FollowupConfig["templates"]>,
];

export function misuse(decision: Decision): void {
  // @ts-expect-error the decision has no `nextCheck`; it is `nextCheckAt`
  void decision.nextCheck;
  // @ts-expect-error states are a closed set
  const state: ProcessState = "resolved";
  void state;
}
