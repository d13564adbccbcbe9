// Input shapes that are read from open JSON records rather than derived from
// a Rust type: the case row, the timeline items, and the small request
// objects. `tests/node/types/` checks them, and the shared scenario corpus
// against them, with `tsc --noEmit`.

import type { ReplyKind } from "./engine.js";

/**
 * A case as the Dataverse Web API returns an `incident` row (or a form's
 * attributes give it). Any other column may be present and can be used by
 * conditions and templates.
 */
export type CaseRecord = {
  /** The case's GUID. */
  incidentid: string;
  /** 0 Active, 1 Resolved, 2 Canceled (a number, as a form attribute gives it). */
  statecode: number;
  /** The Status Reason value (1 In Progress, 2 On Hold, 3 Waiting for Details, ...). */
  statuscode: number;
  /** When the case was opened, RFC 3339. */
  createdon: string;
  ticketnumber?: string | null;
  title?: string | null;
  emailaddress?: string | null;
  [column: string]: string | number | boolean | null | undefined | object;
};

/** Which way a message went. */
export type Direction = "incoming" | "outgoing";

/** An email in our own shape. */
export type TimelineEmail = {
  type: "email";
  id?: string;
  direction: Direction;
  from?: string;
  to?: string | string[];
  cc?: string | string[];
  subject?: string;
  /** Plain text or HTML. */
  body?: string;
  /** When it was sent or received, RFC 3339. */
  sentAt: string;
  status?: "sent" | "received" | "draft" | "pendingSend" | "sending" | "failed" | "canceled";
  headers?: { [name: string]: string };
  /** The host's own reading of a customer message; it wins over the engine's. */
  classification?: ReplyKind;
  /** The idempotency key of the follow-up this email carried out. */
  followUpKey?: string;
  messageId?: string;
  durationMinutes?: number;
};

/** A phone call, task, appointment or other activity in our own shape. */
export type TimelineActivity = {
  type: "activity" | "phonecall" | "task" | "appointment" | "letter" | "fax" | "serviceappointment" | "socialactivity" | "chat";
  activityType?: string;
  id?: string;
  direction?: Direction;
  at: string;
  state?: "open" | "completed" | "canceled";
  durationMinutes?: number;
  subject?: string;
  description?: string;
  classification?: ReplyKind;
};

/** A Status Reason change. */
export type TimelineStatusChange = {
  type: "statusChange";
  at: string;
  /** The new Status Reason, by value or label. */
  statusReason: number | string;
};

/**
 * The columns of a Dataverse row that are not named in
 * `DataverseActivityRow`, by the shapes Dataverse gives them: annotations
 * (`statuscode@OData.Community.Display.V1.FormattedValue`, `@odata.etag`),
 * lookups (`_regardingobjectid_value`) and custom columns with their
 * publisher prefix (`new_channel`). A misspelt standard column (`sbject`)
 * has none of these shapes and is refused.
 */
export type DataverseColumns = {
  [annotation: `${string}@${string}`]: string | number | boolean | null | undefined;
  [column: `${string}_${string}`]: string | number | boolean | null | undefined | object;
};

/** An `email` or other activity row as the Dataverse Web API returns it. */
export type DataverseActivityRow = DataverseColumns & {
  /** Rows carry no `type`: it marks the engine's own item shapes. */
  type?: never;
  activityid?: string;
  activitytypecode?: string;
  /** true: outgoing. */
  directioncode?: boolean;
  sender?: string;
  torecipients?: string;
  ccrecipients?: string;
  subject?: string;
  description?: string;
  senton?: string | null;
  actualstart?: string | null;
  actualend?: string | null;
  scheduledstart?: string | null;
  scheduledend?: string | null;
  createdon?: string;
  modifiedon?: string;
  statecode?: number;
  statuscode?: number;
  prioritycode?: number;
  messageid?: string | null;
  inreplyto?: string | null;
  trackingtoken?: string | null;
  actualdurationminutes?: number | null;
  headers?: { [name: string]: string };
  classification?: ReplyKind;
  followUpKey?: string;
};

/** One timeline item; a timeline may list them in any order (the engine orders them by their instants). */
export type TimelineItem = TimelineEmail | TimelineActivity | TimelineStatusChange | DataverseActivityRow;

/** One case for `evaluateMany`. */
export type CaseInput = { case: CaseRecord; timeline?: TimelineItem[] | null };

/** What `draftEmail` is asked for. */
export type DraftRequest =
  | { kind: "followUp"; followUpNumber?: number; ruleId?: string }
  | { kind: "reply"; activityId?: string };

/** What the representative already entered in the Case Resolution dialog. */
export type CurrentResolution = {
  resolutionType?: number | string | null;
  resolution?: string | null;
  remarks?: string | null;
  billableTimeMinutes?: number | null;
};
