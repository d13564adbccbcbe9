// The sweep's cases: `count` open cases as a scheduled sweep reads them
// from Dataverse's Web API (incident rows with their formatted values),
// each with a timeline of `items` rows: emails as `emails` rows
// (`directioncode`, `sender`, `torecipients`, `senton`, HTML
// `description`, the OData annotations), a phone call as an
// `activitypointers` row, and the On Hold change from the audit history.
// The config has 50 rules. Seeded: the same arguments write the same bytes.
//
//   node sweep-cases.mjs DIR [count] [items]
// writes DIR/config.json, DIR/cases.jsonl (one `{case, timeline}` per
// line) and DIR/meta.json (`now`, the batch size, the counts), which
// sweep.bench.mjs and the native `followup-bench sweep` both read.
import { mkdirSync, writeFileSync, createWriteStream } from "node:fs";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

import { NOW, cases, pluginConfig, random } from "./fixtures.mjs";

/** Cases per `evaluateMany` call: a sweep pages through its cases. */
export const BATCH = 500;
export const RULES = 50;

const F = "@OData.Community.Display.V1.FormattedValue";
const HOUR = 3_600_000;
const INCOMING = [
  "<div>I tried, but it still shows E42 after two cups.</div><div>On Mon, Support wrote:</div><blockquote>Could you try descaling</blockquote>",
  "<div>Thanks, that fixed it! The machine works fine now.</div>",
  "<div>Which descaler should I use, and how often?</div>",
  "<p>I am out of the office until Monday.</p>",
];

function emailRow({ id, outgoing, customer, subject, body, at, caseId }) {
  const sent = new Date(at).toISOString().replace(/\.000Z$/, "Z");
  return {
    "@odata.etag": `W/"${4_400_000 + (Math.floor(at / 1000) % 100_000)}"`,
    activityid: id,
    [`activitytypecode${F}`]: "Email",
    activitytypecode: "email",
    subject,
    description: body,
    [`directioncode${F}`]: outgoing ? "Outgoing" : "Incoming",
    directioncode: outgoing,
    sender: outgoing ? "support@contoso.com" : customer,
    torecipients: `${outgoing ? customer : "support@contoso.com"};`,
    ccrecipients: null,
    [`senton${F}`]: new Date(at).toLocaleString("en-US", { timeZone: "UTC" }),
    senton: sent,
    actualend: sent,
    createdon: sent,
    [`statecode${F}`]: "Completed",
    statecode: 1,
    [`statuscode${F}`]: outgoing ? "Sent" : "Received",
    statuscode: outgoing ? 3 : 4,
    messageid: `<${id}@${outgoing ? "contoso.com" : "fabrikam.com"}>`,
    actualdurationminutes: outgoing ? 5 : null,
    [`_regardingobjectid_value${F}`]: "Coffee machine case",
    "_regardingobjectid_value@Microsoft.Dynamics.CRM.associatednavigationproperty": "regardingobjectid_incident_email",
    "_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "incident",
    _regardingobjectid_value: caseId,
    cf_followupkey: null,
  };
}

function phoneRow({ id, at, caseId }) {
  const done = new Date(at).toISOString().replace(/\.000Z$/, "Z");
  return {
    "@odata.etag": `W/"${4_500_000 + (Math.floor(at / 1000) % 100_000)}"`,
    activityid: id,
    [`activitytypecode${F}`]: "Phone Call",
    activitytypecode: "phonecall",
    subject: "Called the customer about the error",
    description: "Walked the customer through descaling.",
    actualend: done,
    createdon: done,
    [`statecode${F}`]: "Completed",
    statecode: 1,
    actualdurationminutes: 10,
    "_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "incident",
    _regardingobjectid_value: caseId,
  };
}

/** A case's timeline of `items` rows, in the order the Web API returns them. */
function timeline(caseRecord, items, next, index) {
  const caseId = caseRecord.incidentid;
  const customer = caseRecord.emailaddress;
  const statusAt = Date.parse(NOW) - Math.floor(next() * 5 * 24 * HOUR) - 24 * HOUR;
  const rows = [];
  const earlier = items - 3; // then a phone call, the status change and the representative's email
  let at = statusAt - (earlier + 1) * HOUR;
  for (let i = 0; i < earlier; i++) {
    const outgoing = i % 2 === 0;
    rows.push(emailRow({
      id: `e0000000-0000-4000-8000-${String(index * 100 + i).padStart(12, "0")}`,
      outgoing,
      customer,
      subject: outgoing ? "About your coffee machine" : "RE: About your coffee machine",
      body: outgoing
        ? "<p>Hello,</p><p>Could you try descaling the machine and tell us whether the error comes back?</p><p>Sam</p>"
        : INCOMING[Math.floor(next() * INCOMING.length)],
      at,
      caseId,
    }));
    at += HOUR;
  }
  rows.push(phoneRow({ id: `p0000000-0000-4000-8000-${String(index).padStart(12, "0")}`, at, caseId }));
  rows.push({ type: "statusChange", at: new Date(statusAt).toISOString(), statusReason: 2 });
  const repAt = statusAt + Math.floor(next() * HOUR);
  rows.push(emailRow({
    id: `e0000000-0000-4000-8000-${String(index * 100 + 99).padStart(12, "0")}`,
    outgoing: true,
    customer,
    subject: "We replaced the pump",
    body: "<p>We replaced the pump. Does the machine work now?</p>",
    at: repAt,
    caseId,
  }));
  // A third of the customers answered after it.
  if (next() < 0.33) {
    rows.pop();
    rows.push(emailRow({
      id: `e0000000-0000-4000-8000-${String(index * 100 + 98).padStart(12, "0")}`,
      outgoing: true,
      customer,
      subject: "We replaced the pump",
      body: "<p>We replaced the pump. Does the machine work now?</p>",
      at: repAt,
      caseId,
    }));
    rows.splice(rows.length - 3, 1); // keep `items` rows: one earlier email fewer
    rows.push(emailRow({
      id: `e0000000-0000-4000-8000-${String(index * 100 + 97).padStart(12, "0")}`,
      outgoing: false,
      customer,
      subject: "RE: We replaced the pump",
      body: INCOMING[Math.floor(next() * INCOMING.length)],
      at: repAt + 2 * HOUR,
      caseId,
    }));
  }
  return rows;
}

/** Writes the sweep of `count` cases with `items` timeline rows to `dir`. */
export async function writeSweep(dir, count, items = 30) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/config.json`, `${JSON.stringify(pluginConfig(RULES))}\n`);
  writeFileSync(`${dir}/meta.json`, `${JSON.stringify({ now: NOW, batch: BATCH, cases: count, items, rules: RULES })}\n`);
  const out = createWriteStream(`${dir}/cases.jsonl`);
  const next = random(22);
  const PAGE = 1000;
  for (let start = 0; start < count; start += PAGE) {
    const page = cases(Math.min(PAGE, count - start), RULES, 0, 1000 + start);
    const lines = page.map((entry, offset) => {
      const index = start + offset;
      entry.case.incidentid = `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`;
      return JSON.stringify({ case: entry.case, timeline: timeline(entry.case, items, next, index) });
    });
    if (!out.write(`${lines.join("\n")}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, count = "10000", items = "30"] = process.argv.slice(2);
  if (!dir) {
    console.error("usage: node sweep-cases.mjs DIR [count] [items]");
    process.exit(2);
  }
  await writeSweep(dir, Number(count), Number(items));
}
