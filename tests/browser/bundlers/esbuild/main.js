// The esbuild recipe's app: the package's web build, its wasm
// found by the bundler by esbuild's `file` loader (never copied by hand), deciding the Contoso case.
import init, { Engine } from "case-followup";
import wasmUrl from "case-followup/web/followup_bg.wasm"; // the `file` loader: copied to the output, its URL here

const config = {
  rules: [{
    id: "contoso-coffee",
    conditions: { field: "title", operator: "like", value: "%Contoso Coffee%" },
    automation: "confirm",
    triggerStatusReasons: ["On Hold"],
    followUps: { count: 3, waitTimes: "PT48H" },
  }],
};
const incident = {
  incidentid: "11111111-0000-4000-8000-000000000001", ticketnumber: "CAS-01001-C0F3E3",
  title: "Contoso Coffee grinder jams", statecode: 0, statuscode: 2, createdon: "2026-10-20T09:00:00Z",
  emailaddress: "alex@fabrikam.com",
};
const timeline = [
  { type: "statusChange", at: "2026-11-02T13:00:00Z", statusReason: "On Hold" },
  { type: "email", direction: "outgoing", from: "support@contoso.com", to: "alex@fabrikam.com", subject: "Your grinder", sentAt: "2026-11-02T14:00:00Z" },
];

await init({ module_or_path: wasmUrl });
const decision = new Engine(config).evaluateRules(incident, timeline, "2026-11-04T14:05:00Z");
document.body.dataset.state = decision.state;
