// Generated from the Rust types of followup-engine by
// `UPDATE_TYPES=1 cargo test -p followup-engine --features typescript --test typescript`.
// Do not edit by hand.
/* eslint-disable */

export type Action = { "type": "sendFollowUp", 
/**
 * Which follow-up (1-based, of N).
 */
followUpNumber: number, 
/**
 * Stable key: the host must not send twice for the same key.
 */
idempotencyKey: string, 
/**
 * When it became due.
 */
dueAt: string, 
/**
 * The email to send.
 */
email: EmailDraft, } | { "type": "resolveCase", 
/**
 * Stable key: the host must not resolve twice for the same key.
 */
idempotencyKey: string, 
/**
 * When it became due.
 */
dueAt: string, 
/**
 * The filled Case Resolution, ready for `CloseIncident`.
 */
resolution: ResolutionDraft, } | { "type": "reopenCase", 
/**
 * Stable key: the host must not reopen twice for the same key.
 */
idempotencyKey: string, 
/**
 * The Status Reason value to set (an active one).
 */
statusReason: number, 
/**
 * Its label.
 */
statusLabel: string, 
/**
 * When the customer's response was recorded.
 */
responseAt: string, };

export type Automation = "full" | "confirm";

export type CalendarConfig = { 
/**
 * A fixed UTC offset for dates shown to people and for working hours
 * (`+01:00`).
 */
utcOffset?: string, 
/**
 * An IANA time zone with daylight saving time (`Europe/Paris`), one
 * of those the build carries.
 */
timeZone?: string, 
/**
 * A zone by its rule, as a POSIX TZ string (`<+0545>-5:45`,
 * `CET-1CEST,M3.5.0,M10.5.0/3`).
 */
timeZoneRule?: string, 
/**
 * Name shown after times.
 */
zoneName?: string, 
/**
 * Days on which steps may happen (`mon` ... `sun`, or `monday` ...).
 */
workingDays?: Array<Weekday>, 
/**
 * Hours in which steps may happen.
 */
workingHours?: WorkingHours, 
/**
 * Days on which no step happens: `2026-12-24`, or `12-25` every year.
 */
holidays?: Array<string>, 
/**
 * The case field giving the customer's time zone (an IANA name, an
 * offset such as `-05:00`, or minutes east of UTC); working hours are
 * then the customer's.
 */
customerTimeZoneField?: string, };

export type Card = { 
/**
 * The card's title.
 */
title: string, 
/**
 * When the customer last responded and what happens next.
 */
summary: string, 
/**
 * The suggestions.
 */
items: Array<CardItem>, 
/**
 * Something the representative must know (a bounced email).
 */
notice?: string, };

export type CardItem = { 
/**
 * What it proposes.
 */
kind: CardItemKind, 
/**
 * The item's title (`Send next follow-up`).
 */
label: string, 
/**
 * One sentence on why.
 */
description: string, 
/**
 * The button's text (`Review and send email`).
 */
button: string, 
/**
 * Stable key for the step.
 */
idempotencyKey: string, 
/**
 * Which follow-up, for follow-up items.
 */
followUpNumber?: number, 
/**
 * The drafted email, for email items.
 */
email?: EmailDraft, 
/**
 * The filled resolution, for the resolve item.
 */
resolution?: ResolutionDraft, };

export type CardItemKind = "sendFollowUp" | "sendNextFollowUp" | "replyToCustomer" | "resolveCase";

export type CaseState = "active" | "resolved" | "canceled";

export type CloseIncident = { 
/**
 * The resolution record.
 */
IncidentResolution: IncidentResolution, 
/**
 * The resolved Status Reason value.
 */
Status: number, };

export type Condition = { 
/**
 * The children.
 */
all: Array<Condition>, 
/**
 * Not beside `all`.
 */
any?: never, 
/**
 * Not beside `all`.
 */
not?: never, 
/**
 * Not beside `all`.
 */
field?: never, } | { 
/**
 * The children.
 */
any: Array<Condition>, 
/**
 * Not beside `any`.
 */
all?: never, 
/**
 * Not beside `any`.
 */
not?: never, 
/**
 * Not beside `any`.
 */
field?: never, } | { 
/**
 * The child.
 */
not: Condition, 
/**
 * Not beside `not`.
 */
all?: never, 
/**
 * Not beside `not`.
 */
any?: never, 
/**
 * Not beside `not`.
 */
field?: never, } | { 
/**
 * The case field's logical name, or `caseAge`.
 */
field: string, 
/**
 * The `FetchXML` operator.
 */
operator: Operator, 
/**
 * The value to compare with (absent for `null` / `not-null`).
 */
value?: string | number | boolean | Array<string | number | boolean> | null, 
/**
 * Not in a leaf.
 */
all?: never, 
/**
 * Not in a leaf.
 */
any?: never, 
/**
 * Not in a leaf.
 */
not?: never, };

export type CueSource = "host" | "header" | "sender" | "subject" | "body" | "default";

export type CustomerMessage = { 
/**
 * When it arrived.
 */
at: string, 
/**
 * Its activity id, if known.
 */
activityId?: string, 
/**
 * What it means.
 */
kind: ReplyKind, 
/**
 * Where the deciding cue was found.
 */
source: CueSource, 
/**
 * The cue.
 */
cue: string, };

export type Cycle = { 
/**
 * When the Status Reason became a trigger (as far as the input says).
 */
startedAt: string, 
/**
 * How that instant was found.
 */
startSource: CycleStartSource, 
/**
 * When the current run of follow-ups began: the cycle start, or the
 * customer's last response if later.
 */
sequenceStartedAt: string, };

export type CycleStartSource = "statusChange" | "modifiedOn" | "createdOn";

export type Decision = { 
/**
 * The case's `incidentid`.
 */
caseId: string, 
/**
 * The instant the decision is for.
 */
evaluatedAt: string, 
/**
 * Where the process stands.
 */
state: ProcessState, 
/**
 * Why.
 */
reason: Reason, 
/**
 * The rule in charge, if any.
 */
rule: RuleRef | null, 
/**
 * The current cycle, when the process runs or ran.
 */
cycle: Cycle | null, 
/**
 * Follow-ups sent and to come, when the process runs.
 */
followUps: FollowUpProgress | null, 
/**
 * The customer's latest real response (not an automatic reply).
 */
lastCustomerResponse: CustomerMessage | null, 
/**
 * Every incoming message of the current cycle, oldest first, and how
 * it was read (responses, automatic replies and bounces alike);
 * empty when no cycle runs.
 */
messages: Array<MessageReading>, 
/**
 * When the next step is (or was) due.
 */
dueAt: string | null, 
/**
 * When, at the latest, the host should evaluate again if nothing
 * happens on the case; `null` when only an event can change the
 * decision (or the host must act first).
 */
nextCheckAt: string | null, 
/**
 * When the case would be resolved if nobody answers and every step
 * happens on time.
 */
projectedResolutionAt: string | null, 
/**
 * Steps for the host to carry out now (full automation).
 */
actions: Array<Action>, 
/**
 * The Suggested actions card, when a person should act.
 */
card: Card | null, 
/**
 * A short summary for people.
 */
summary: string, 
/**
 * Why each rule did or did not apply, and other facts.
 */
explanation: Explanation, 
/**
 * Problems that did not stop the decision (a condition that could not
 * apply to this case's data).
 */
warnings: Array<Problem>, };

export type DraftKind = "followUp" | "reply";

export type EmailDraft = { 
/**
 * Follow-up or reply.
 */
kind: DraftKind, 
/**
 * Recipients: checked addresses, never empty.
 */
to: Array<string>, 
/**
 * Copy recipients: checked addresses.
 */
cc: Array<string>, 
/**
 * Subject line: one line, the case number included.
 */
subject: string, 
/**
 * HTML body; every inserted value is escaped.
 */
htmlBody: string, 
/**
 * Plain-text body.
 */
textBody: string, 
/**
 * The template used, as an id for machines (`rule:contoso:final`,
 * `global:next`, `builtIn:de:first`).
 */
template: string, 
/**
 * The template used, in words for the representative, in their
 * language (`the rule's final follow-up template`).
 */
templateName: string, 
/**
 * The language the email is written in (the customer's).
 */
language: Lang, 
/**
 * The follow-up's number, for follow-ups.
 */
followUpNumber?: number, 
/**
 * Internet message id of the email this one follows or answers, so the
 * host can thread it.
 */
inReplyTo?: string, 
/**
 * Activity id of the email this one follows or answers.
 */
regardingActivityId?: string, 
/**
 * The case (`incidentid`) the email is about.
 */
caseId: string, 
/**
 * Stable key for the step: sending twice with the same key is a bug.
 */
idempotencyKey: string, };

export type EmailTemplate = { 
/**
 * Subject line template.
 */
subject: string, 
/**
 * Plain-text body template; the HTML body is made from it unless
 * `html` is given.
 */
body: string, 
/**
 * Optional HTML body template.
 */
html?: string, };

export type EngineOptions = { 
/**
 * Whether `explanation.rules` gives every rule's outcome (default
 * `true`). `false` leaves the list empty and changes nothing else:
 * less to write and read on every call when a config has many rules.
 */
explainRules?: boolean, 
/**
 * The language the representative reads the summary, the card and
 * the drafts' template names in: `en` (the default), `de`, `fr` or
 * `es` (a tag such as `de-DE` is read as its language). The customer's
 * emails follow the config's `language` instead.
 */
representativeLanguage?: string, 
/**
 * The most bytes of JSON one case may take: its record and its
 * timeline together, and each change passed to an open case
 * (default 8 MiB).
 */
maxCaseBytes?: number, 
/**
 * The most bytes of JSON the cases of one `evaluateMany` call may take
 * together (default 64 MiB).
 */
maxBatchBytes?: number, 
/**
 * The most bytes of JSON the config may take (default 4 MiB).
 */
maxConfigBytes?: number, };

export type EvaluateResponse = { "type": "success", 
/**
 * What happens next.
 */
decision: Decision, } | { "type": "failure", 
/**
 * Every problem found.
 */
errors: Array<Problem>, };

export type Explanation = { 
/**
 * Each rule's outcome, in config order; empty when the engine was made
 * with `explainRules: false`.
 */
rules: Array<RuleOutcome>, 
/**
 * Other facts that shaped the decision.
 */
notes: Array<string>, };

export type FollowUpProgress = { 
/**
 * Follow-ups sent in this sequence (k).
 */
sent: number, 
/**
 * Follow-ups still to send before resolution.
 */
remaining: number, 
/**
 * Follow-ups in the plan (N).
 */
total: number, 
/**
 * When the last one was sent.
 */
lastSentAt?: string, 
/**
 * Activity ids of the emails counted as follow-ups, oldest first.
 */
emailIds: Array<string>, };

export type FollowUpsConfig = { 
/**
 * Number of follow-ups N before the case is resolved.
 */
count: number, 
/**
 * One ISO 8601 duration per follow-up, or one for all.
 */
waitTimes: string | Array<string>, 
/**
 * Whether the representative's own unanswered email counts as the first
 * follow-up (the current product behaviour, default true). False keeps
 * the older reading: the agent sends all N itself.
 */
representativeEmailCounts?: boolean, 
/**
 * How long before an agent follow-up a customer reply may be recorded
 * and still count as unanswered by it (clock skew), an ISO 8601
 * duration; default `PT5M`.
 */
replyTolerance?: string, 
/**
 * Email templates for this rule (first, next, final, reply).
 */
templates?: TemplateSet, 
/**
 * Case fields the drafted emails refer to.
 */
fields?: Array<string>, };

export type FollowupConfig = { 
/**
 * The global switch (default true).
 */
enabled?: boolean, 
/**
 * Rules in evaluation order.
 */
rules?: Array<Rule>, 
/**
 * The organisation's custom Status Reasons.
 */
statusReasons?: Array<StatusReasonConfig>, 
/**
 * Offset, working days and hours.
 */
calendar?: CalendarConfig, 
/**
 * Who the emails come from.
 */
sender?: SenderConfig, 
/**
 * The organisation's own addresses (`support@contoso.com`) and domains
 * (`@contoso.com`): incoming mail from them is never a customer
 * response. Default: the sender's address.
 */
ownAddresses?: Array<string>, 
/**
 * Default email templates.
 */
templates?: TemplateSet, 
/**
 * The case columns (logical names) email templates may read, as
 * `case.<column>` and in a rule's `followUps.fields`. Default: `title`,
 * `ticketnumber`, `customerid` and `ownerid`.
 */
templateFields?: Array<string>, 
/**
 * How cases are resolved.
 */
resolution?: ResolutionConfig, 
/**
 * Which case column holds the customer's language, and the fallback.
 */
language?: LanguageSettings, };

export type IncidentResolution = { 
/**
 * Always `Microsoft.Dynamics.CRM.incidentresolution`.
 */
"@odata.type": string, 
/**
 * The Resolution field.
 */
subject: string, 
/**
 * The Remarks field.
 */
description: string, 
/**
 * Billable time in minutes.
 */
timespent: number, 
/**
 * The case, as `/incidents(<id>)`.
 */
"incidentid@odata.bind": string, };

export type Lang = "en" | "de" | "fr" | "es";

export type LanguageSettings = { 
/**
 * The case column that holds the customer's language: a tag (`de`,
 * `de-DE`, `de_AT`), a language's name, or a Dataverse language code
 * (`1031`).
 */
field?: string, 
/**
 * The language when the field is empty or names another language, and
 * the language of templates given without one: `en` (the default),
 * `de`, `fr` or `es`.
 */
fallback?: string, };

export type MessageReading = { 
/**
 * When it arrived.
 */
at: string, 
/**
 * Its activity id, if known.
 */
activityId?: string, 
/**
 * Who wrote it.
 */
sender: SenderRole, 
/**
 * What it means.
 */
kind: ReplyKind, 
/**
 * Where the deciding cue was found.
 */
source: CueSource, 
/**
 * The cue, whole (`Auto-Submitted: auto-replied`, `is back again`).
 */
cue: string, 
/**
 * The language its words were read in (`en`, `de`, `fr`, `es`).
 */
language?: string, 
/**
 * For an automatic reply, the day it says its sender is back.
 */
returnDate?: ReturnDate, };

export type Operator = "eq" | "ne" | "gt" | "ge" | "lt" | "le" | "like" | "not-like" | "begins-with" | "ends-with" | "in" | "not-in" | "null" | "not-null" | "olderthan-x-hours" | "olderthan-x-days" | "last-x-hours" | "last-x-days";

export type Problem = { 
/**
 * Stable code for the kind of problem.
 */
code: ProblemCode, 
/**
 * JSON path of the offending value, such as `rules[0].followUps.waitTimes[1]`;
 * empty for the input as a whole.
 */
path: string, 
/**
 * What is wrong, for a person.
 */
message: string, };

export type ProblemCode = "invalid-json" | "invalid-type" | "invalid-value" | "unknown-field" | "missing-field" | "invalid-date-time" | "invalid-duration" | "follow-up-count" | "wait-time-count" | "unknown-operator" | "condition-shape" | "condition-value" | "condition-not-applicable" | "unknown-status-reason" | "empty-trigger" | "duplicate-rule-id" | "invalid-rule-id" | "unknown-timeline-item" | "unknown-placeholder" | "template-syntax" | "unsafe-template" | "too-large" | "invalid-address" | "no-recipient" | "invalid-request" | "not-initialized";

export type ProcessState = "notEligible" | "waiting" | "followUpDue" | "replyNeeded" | "resolutionDue" | "stopped" | "paused" | "reopenSuggested";

export type Reason = "automationOff" | "caseNotActive" | "noRuleMatched" | "statusNotTrigger" | "statusChanged" | "awaitingResponse" | "followUpDue" | "followUpsUnanswered" | "favorableResponse" | "responseNeedsReply" | "deliveryFailed" | "noWorkingTime" | "cycleStartUnknown" | "noCustomerAddress" | "responseAfterResolution";

export type RemarksSource = { 
/**
 * A case field (`description`), shown as `Label: value`.
 */
field?: string, 
/**
 * The label for `field`.
 */
label?: string, 
/**
 * The last N emails, one line each.
 */
lastEmails?: number, 
/**
 * A text template.
 */
text?: string, 
/**
 * The follow-ups sent and the customer's last response.
 */
followUpHistory?: boolean, };

export type ReplyKind = "favorable" | "negative" | "question" | "other" | "autoReply" | "bounce";

export type ResolutionConfig = { 
/**
 * Whether the agent fills the dialog (default true).
 */
fill?: boolean, 
/**
 * Default resolution type, label or value (default Problem Solved).
 */
type?: string | number, 
/**
 * Template for the Resolution text.
 */
text?: string, 
/**
 * Where remarks come from, in order.
 */
remarks?: Array<RemarksSource>, 
/**
 * Whether open activities are closed with the case (default true).
 */
closeOpenActivities?: boolean, };

export type ResolutionDraft = { 
/**
 * The case's `incidentid`.
 */
caseId: string, 
/**
 * Resolution type: a Status Reason of resolved cases.
 */
resolutionType: StatusRef, 
/**
 * The Resolution text.
 */
resolution: string, 
/**
 * Remarks.
 */
remarks: string, 
/**
 * Billable time, in minutes.
 */
billableTimeMinutes: number, 
/**
 * Time spent on the case's completed activities, in minutes.
 */
totalTimeMinutes: number, 
/**
 * Open activities to close with the case.
 */
closeActivityIds: Array<string>, 
/**
 * Fields the agent filled.
 */
filledFields: Array<ResolutionField>, 
/**
 * Fields the representative had filled, kept as they were.
 */
keptFields: Array<ResolutionField>, 
/**
 * Ready-to-send body for Dataverse's `CloseIncident` action; `null`
 * when the case's id is not a GUID (then the case is not a Dataverse
 * row, and its id must not reach an OData bind).
 */
closeIncident: CloseIncident | null, };

export type ResolutionField = "resolutionType" | "resolution" | "remarks" | "billableTime";

export type ReturnDate = { 
/**
 * Day of the month, 1 to 31.
 */
day: number, 
/**
 * Month, 1 to 12.
 */
month: number, 
/**
 * The year, when the message gives it.
 */
year?: number, };

export type Rule = { 
/**
 * Stable id, used in idempotency keys and explanations.
 */
id: string, 
/**
 * Name shown to people; defaults to the id.
 */
name?: string, 
/**
 * Whether the rule is switched on; defaults to true.
 */
active?: boolean, 
/**
 * When the rule applies; absent means always.
 */
conditions?: Condition, 
/**
 * Full automation or representative confirmation.
 */
automation: Automation, 
/**
 * Status Reasons (labels or integer values) that start the process.
 */
triggerStatusReasons: Array<string | number>, 
/**
 * The follow-up plan.
 */
followUps: FollowUpsConfig, 
/**
 * Customer-confirmed resolution: after a favorable reply, offer
 * "Resolve case" (confirm) or resolve (full automation). Default false.
 */
resolveOnFavorableReply?: boolean, 
/**
 * How this rule's cases are resolved.
 */
resolution?: RuleResolutionConfig, 
/**
 * Whether a favorable reading needs explicit resolution wording
 * (`solved`, `fixed`, `please close`): thanks or praise alone is then
 * `other`, and a person reads it. Default false.
 */
favorableNeedsResolutionWording?: boolean, 
/**
 * Life after resolution: how long after the case is resolved a
 * customer response suggests reopening it, an ISO 8601 duration
 * (`P7D`). Absent: never.
 */
reopenWindow?: string, 
/**
 * The Status Reason (label or value, an active one) a reopened case
 * gets; default In Progress (1).
 */
reopenStatusReason?: string | number, };

export type RuleOutcome = { 
/**
 * The rule's id.
 */
ruleId: string, 
/**
 * What happened.
 */
outcome: RuleOutcomeKind, 
/**
 * The config path of the condition that decided, if any.
 */
conditionPath?: string, 
/**
 * What that condition saw.
 */
detail?: string, 
/**
 * For the rule in charge, the comparisons that held and what the case
 * has for each (`` `title` like %Contoso Coffee% held: the case has
 * `Contoso Coffee grinder` ``); empty for a rule without conditions.
 */
held?: Array<string>, };

export type RuleOutcomeKind = "matched" | "inactive" | "conditionsNotMet" | "conditionError" | "notEvaluated";

export type RuleRef = { 
/**
 * The rule's id.
 */
id: string, 
/**
 * The rule's name.
 */
name: string, 
/**
 * Full automation or representative confirmation.
 */
automation: Automation, };

export type RuleResolutionConfig = { 
/**
 * Resolution type for this rule's cases.
 */
type?: string | number, 
/**
 * Template for the Resolution text.
 */
text?: string, 
/**
 * The dialog fields the agent fills (default all).
 */
fields?: Array<ResolutionField>, };

export type SenderConfig = { 
/**
 * Display name (`Contoso Support`).
 */
name?: string, 
/**
 * Mailbox address (`support@contoso.com`).
 */
address?: string, };

export type SenderRole = "customer" | "ourAddress" | "thirdParty" | "mailSystem";

export type StatusReasonConfig = { 
/**
 * The integer option value.
 */
value: number, 
/**
 * The label.
 */
label: string, 
/**
 * `active` (default), `resolved` or `canceled`.
 */
state?: CaseState, };

export type StatusRef = { 
/**
 * The integer value (`5`).
 */
value: number, 
/**
 * The label (`Problem Solved`).
 */
label: string, };

export type TemplateSet = { 
/**
 * The first follow-up the agent drafts.
 */
first?: EmailTemplate, 
/**
 * Later follow-ups.
 */
next?: EmailTemplate, 
/**
 * The last follow-up.
 */
final?: EmailTemplate, 
/**
 * Replies to a customer's message.
 */
reply?: EmailTemplate, 
/**
 * The same templates in other languages, by code (`de`, `fr`, `es`,
 * `en`): a customer whose language is one of them gets these.
 */
languages?: Partial<Record<"en" | "de" | "fr" | "es", TemplateSet>>, };

export type ValidateResponse = { "type": "success", 
/**
 * Number of rules.
 */
rules: number, 
/**
 * Number of active rules.
 */
activeRules: number, } | { "type": "failure", 
/**
 * Every problem found, with paths relative to the config.
 */
errors: Array<Problem>, };

export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun" | "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";

export type WorkingHours = { 
/**
 * Opening time, `HH:MM`.
 */
start: string, 
/**
 * Closing time, `HH:MM` (exclusive).
 */
end: string, };
