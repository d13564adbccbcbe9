// Deterministic fixtures for the side-by-side benchmarks: rule sets of 1,
// 10 and 50 rules in the plugin's format, the same conditions translated
// for json-logic-js, and cases with timelines of 5
// and 50 items, as a Dataverse form would pass them.

/** A small seeded PRNG (mulberry32), so every run sees the same data. */
export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const NOW = "2026-11-20T12:00:00Z";
const NOW_MS = Date.parse(NOW);
const DAY = 86_400_000;

/** The conditions of rule `index`, in the plugin's format. */
function conditions(index) {
  return {
    all: [
      { field: "new_productline", operator: "eq", value: `Line ${index}` },
      index % 2 === 0
        ? { field: "prioritycode", operator: "in", value: [1, 2] }
        : { field: "prioritycode", operator: "eq", value: 3 },
      {
        any: [
          { field: "caseorigincode", operator: "eq", value: 2 },
          { field: "caseAge", operator: "gt", value: 7 },
        ],
      },
    ],
  };
}

/** The plugin's config with `count` rules. */
export function pluginConfig(count) {
  const rules = [];
  for (let index = 0; index < count; index++) {
    rules.push({
      id: `rule-${index}`,
      conditions: conditions(index),
      automation: index % 3 === 0 ? "full" : "confirm",
      triggerStatusReasons: ["On Hold"],
      followUps: { count: 3, waitTimes: "PT48H" },
    });
  }
  return { sender: { name: "Contoso Support", address: "support@contoso.com" }, rules };
}

/** The same rules for json-logic-js. */
export function jsonLogicRules(count) {
  const rules = [];
  for (let index = 0; index < count; index++) {
    rules.push({
      id: `rule-${index}`,
      logic: {
        and: [
          { "==": [{ var: "new_productline" }, `Line ${index}`] },
          index % 2 === 0
            ? { in: [{ var: "prioritycode" }, [1, 2]] }
            : { "==": [{ var: "prioritycode" }, 3] },
          { or: [{ "==": [{ var: "caseorigincode" }, 2] }, { ">": [{ var: "caseAgeDays" }, 7] }] },
        ],
      },
    });
  }
  return rules;
}

const F = "@OData.Community.Display.V1.FormattedValue";

/** `count` cases for a rule set of `rules`, each with `items` timeline items. */
export function cases(count, rules, items, seed = 7) {
  const next = random(seed + rules * 1000 + items);
  const out = [];
  for (let index = 0; index < count; index++) {
    const line = Math.floor(next() * (rules + 5));
    const priority = 1 + Math.floor(next() * 3);
    const origin = 1 + Math.floor(next() * 4);
    const age = Math.floor(next() * 30);
    const created = new Date(NOW_MS - age * DAY - Math.floor(next() * DAY)).toISOString();
    const statusAt = NOW_MS - Math.floor(next() * 5 * DAY) - DAY;
    const id = `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`;
    const caseRecord = {
      "@odata.etag": `W/"${index}"`,
      incidentid: id,
      ticketnumber: `CAS-${String(index).padStart(5, "0")}-B3NCH`,
      title: `Coffee machine case ${index}`,
      statecode: 0,
      statuscode: 2,
      [`statuscode${F}`]: "On Hold",
      prioritycode: priority,
      [`prioritycode${F}`]: ["High", "Normal", "Low"][priority - 1],
      caseorigincode: origin,
      [`caseorigincode${F}`]: ["Phone", "Email", "Web", "Facebook"][origin - 1],
      new_productline: `Line ${line}`,
      createdon: created,
      emailaddress: `customer${index}@fabrikam.com`,
      _customerid_value: `c${index}`,
      [`_customerid_value${F}`]: `Customer ${index}`,
      _ownerid_value: "owner",
      [`_ownerid_value${F}`]: "Sam Rivera",
      description: "The machine stops after a few cups and shows error E42.",
    };
    out.push({ case: caseRecord, timeline: timeline(items, statusAt, next, index) });
  }
  return out;
}

function timeline(items, statusAt, next, index) {
  // Earlier back-and-forth, then the status change and the representative's email.
  const events = [];
  const earlier = items - 2;
  let at = statusAt - earlier * 3_600_000;
  for (let i = 0; i < earlier; i++) {
    const outgoing = i % 2 === 0;
    events.push({
      type: "email",
      id: `e-${index}-${i}`,
      direction: outgoing ? "outgoing" : "incoming",
      from: outgoing ? "support@contoso.com" : `customer${index}@fabrikam.com`,
      to: [outgoing ? `customer${index}@fabrikam.com` : "support@contoso.com"],
      subject: outgoing ? "About your coffee machine" : "RE: About your coffee machine",
      body: outgoing
        ? "<p>Could you try descaling the machine and tell us whether the error comes back?</p>"
        : "<p>I tried, but it still shows E42 after two cups.</p><p>On Mon, Support wrote:</p><blockquote>Could you try descaling</blockquote>",
      sentAt: new Date(at).toISOString(),
    });
    at += 3_600_000;
  }
  events.push({ type: "statusChange", at: new Date(statusAt).toISOString(), statusReason: 2 });
  events.push({
    type: "email",
    id: `e-${index}-rep`,
    direction: "outgoing",
    to: [`customer${index}@fabrikam.com`],
    subject: "We replaced the pump",
    body: "<p>We replaced the pump. Does the machine work now?</p>",
    sentAt: new Date(statusAt + Math.floor(next() * 3_600_000)).toISOString(),
  });
  return events;
}

/** The facts the peers decide on, worked out from the case at `now`. */
export function facts(caseRecord, nowMs = NOW_MS) {
  return {
    new_productline: caseRecord.new_productline,
    prioritycode: caseRecord.prioritycode,
    caseorigincode: caseRecord.caseorigincode,
    caseAgeDays: (nowMs - Date.parse(caseRecord.createdon)) / DAY,
  };
}
