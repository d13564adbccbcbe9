// The case Status Reasons a Dynamics 365 organisation ships with, grouped by
// the Status (statecode) they belong to, plus any custom ones the follow-up
// config declares. The form's selector offers the active ones; the
// resolution dialog offers the resolved ones as Resolution Types.

const STATES = { active: 0, resolved: 1, canceled: 2 };
const STATE_LABELS = ["Active", "Resolved", "Canceled"];

const BUILT_IN = [
  { value: 1, label: "In Progress", state: "active" },
  { value: 2, label: "On Hold", state: "active" },
  { value: 3, label: "Waiting for Details", state: "active" },
  { value: 4, label: "Researching", state: "active" },
  { value: 5, label: "Problem Solved", state: "resolved" },
  { value: 1000, label: "Information Provided", state: "resolved" },
  { value: 6, label: "Canceled", state: "canceled" },
  { value: 2000, label: "Merged", state: "canceled" },
];

export class StatusReasons {
  /** @param {Array<{value: number, label: string, state?: string}>} [custom] the config's `statusReasons` */
  constructor(custom = []) {
    const byValue = new Map(BUILT_IN.map((reason) => [reason.value, reason]));
    for (const reason of custom) byValue.set(reason.value, { ...reason, state: reason.state ?? "active" });
    this.all = [...byValue.values()];
  }

  /** Status Reasons of an active case, for the form's selector. */
  get active() {
    return this.all.filter((reason) => reason.state === "active");
  }

  /** Status Reasons of a resolved case: the Resolution Types. */
  get resolved() {
    return this.all.filter((reason) => reason.state === "resolved");
  }

  label(value) {
    return this.all.find((reason) => reason.value === value)?.label ?? String(value);
  }

  /** The statecode a Status Reason belongs to. */
  stateOf(value) {
    return STATES[this.all.find((reason) => reason.value === value)?.state ?? "active"];
  }

  static stateLabel(statecode) {
    return STATE_LABELS[statecode] ?? String(statecode);
  }
}
