// Each mistake the declarations must catch: every line under a
// `@ts-expect-error` is a typo or a mix-up a form developer could make, and
// tsc fails if it is accepted (the directive would then be unused). The
// lines without one are the correct spellings, which must be accepted.
import type {
  CalendarConfig,
  Condition,
  DraftRequest,
  EngineOptions,
  FollowupConfig,
  Rule,
  RuleResolutionConfig,
  StatusReasonConfig,
  TimelineItem,
} from "case-followup";

// Operators.
export const operators: Condition[] = [
  { field: "title", operator: "like", value: "%Contoso%" },
  { field: "createdon", operator: "olderthan-x-days", value: 7 },
  // @ts-expect-error `lik` is not an operator
  { field: "title", operator: "lik", value: "%Contoso%" },
  // @ts-expect-error operators are FetchXML names: `not-like`, not `notLike`
  { field: "title", operator: "notLike", value: "%Contoso%" },
];

// A condition is a group or a leaf, never both.
export const shapes: Condition[] = [
  { all: [{ field: "title", operator: "null" }] },
  { not: { any: [{ field: "prioritycode", operator: "eq", value: 1 }] } },
  // @ts-expect-error a group with a leaf's field
  { all: [{ field: "title", operator: "null" }], field: "title", operator: "null" },
  // @ts-expect-error two groups in one node
  { all: [], any: [] },
  // @ts-expect-error a leaf needs its operator
  { field: "title", value: "x" },
];

// Weekdays.
export const calendars: CalendarConfig[] = [
  { workingDays: ["mon", "tue", "wednesday"] },
  // @ts-expect-error `tues` is not a weekday
  { workingDays: ["tues"] },
];

// Resolution fields.
export const resolutions: RuleResolutionConfig[] = [
  { fields: ["remarks", "billableTime"] },
  // @ts-expect-error `remarkz` is not a field of the Case Resolution dialog
  { fields: ["remarkz"] },
];

// Other closed sets.
export const states: StatusReasonConfig[] = [
  { value: 5, label: "Problem Solved", state: "resolved" },
  // @ts-expect-error a Status Reason's state is active, resolved or canceled
  { value: 5, label: "Problem Solved", state: "closed" },
];
// @ts-expect-error automation is full or confirm
export const automation: Rule["automation"] = "auto";
// @ts-expect-error a request kind is followUp or reply
export const request: DraftRequest = { kind: "followup" };
// @ts-expect-error the limit option is `maxCaseBytes`
export const options: EngineOptions = { maxCaseByte: 1 };
// @ts-expect-error a template set's slots are first, next, final and reply
export const templates: FollowupConfig["templates"] = { last: { subject: "s", body: "b" } };

// Timeline items in the engine's own shapes.
export const items: TimelineItem[] = [
  { type: "statusChange", at: "2026-11-02T14:05:00Z", statusReason: 2 },
  { type: "email", direction: "outgoing", sentAt: "2026-11-02T14:00:00Z", subject: "Fixed?" },
  { type: "phonecall", at: "2026-11-03T10:00:00Z", state: "completed" },
  // @ts-expect-error `statusReasn`
  { type: "statusChange", at: "2026-11-02T14:05:00Z", statusReasn: 2 },
  // @ts-expect-error `sbject`
  { type: "email", direction: "outgoing", sentAt: "2026-11-02T14:00:00Z", sbject: "Fixed?" },
  // @ts-expect-error an activity's state is open, completed or canceled
  { type: "task", at: "2026-11-03T10:00:00Z", state: "complete" },
  // @ts-expect-error a customer message's classification is a reply kind
  { type: "email", direction: "incoming", sentAt: "2026-11-03T09:00:00Z", classification: "happy" },
];

// Dataverse rows: their own columns, annotations, lookups and custom columns.
export const rows: TimelineItem[] = [
  {
    activityid: "e2",
    directioncode: false,
    sender: "alex@fabrikam.com",
    senton: "2026-11-03T09:00:00Z",
    subject: "RE: grinder",
    "@odata.etag": 'W/"123"',
    "statuscode@OData.Community.Display.V1.FormattedValue": "Received",
    _regardingobjectid_value: "0f8fad5b-d9cb-469f-a165-70867728950e",
    new_channel: "web",
  },
  // @ts-expect-error `sbject` is not a Dataverse column
  { activityid: "e3", directioncode: false, senton: "2026-11-03T09:00:00Z", sbject: "RE: grinder" },
  // @ts-expect-error `directioncode` is a boolean in the Web API
  { activityid: "e4", directioncode: "incoming", senton: "2026-11-03T09:00:00Z" },
];
