// The names a README's js block tagged `<!-- run: given=contoso -->` may use
// without defining them: the Contoso case of tests/scenarios/contoso-coffee.json.
import { readFileSync } from "node:fs";

const scenario = JSON.parse(readFileSync(new URL("../scenarios/contoso-coffee.json", import.meta.url), "utf8"));
const { case: incident, timeline } = scenario.cases[0];
Object.assign(globalThis, { config: scenario.config, caseRecord: incident, incident, timeline });
