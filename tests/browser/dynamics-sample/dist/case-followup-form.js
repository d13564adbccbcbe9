"use strict";
/// <reference types="xrm" />
/**
 * case-followup: a Dynamics 365 form script sample for the Case (incident)
 * main form. When the representative changes the Status Reason, it reads
 * the case from the form, fetches the case's emails with the Web API, asks
 * the follow-up plugin what happens next, and shows the Suggested actions
 * card through the form's notifications: the summary as a form
 * notification, each suggestion as a recommendation on the Status Reason
 * field whose action opens the drafted email or resolves the case.
 *
 * A classic script (no import or export), as form libraries must be: it
 * defines the global `CaseFollowup`. Register `CaseFollowup.onLoad` as the
 * form's OnLoad handler with "Pass execution context as first parameter".
 *
 * Written against @types/xrm and tested against a fake Xrm only; never run
 * in a real organisation (see README.md).
 */
var CaseFollowup;
(function (CaseFollowup) {
    /** Where the package's web build is uploaded (see README.md about the wasm file). */
    const WEB_RESOURCE_FOLDER = "cf_/case-followup/";
    /** A JSON environment variable holding the follow-up config. */
    const CONFIG_VARIABLE = "cf_CaseFollowupConfig";
    const FORMATTED = "@OData.Community.Display.V1.FormattedValue";
    const LOOKUP_TYPE = "@Microsoft.Dynamics.CRM.lookuplogicalname";
    const EMAIL_COLUMNS = [
        "activityid", "activitytypecode", "subject", "description", "directioncode", "sender", "torecipients",
        "ccrecipients", "senton", "actualend", "createdon", "statecode", "statuscode", "messageid", "actualdurationminutes",
    ];
    const NOTIFICATION = {
        summary: "case-followup.summary",
        notice: "case-followup.notice",
        error: "case-followup.error",
        item: (item) => `case-followup.${item.kind}`,
    };
    let environment = {
        loadPlugin: loadPluginFromWebResources,
        loadConfig: loadConfigFromEnvironmentVariable,
        now: () => new Date().toISOString(),
    };
    let engine = null;
    /** Recommendations shown on the Status Reason field, to clear them next time. */
    let shownItems = [];
    /** Steps already acted on, by idempotency key: a second click opens the same draft and never resolves twice. */
    const draftedEmails = new Map();
    const resolvedSteps = new Set();
    /** Replaces parts of the environment (another hosting of the plugin, or tests). */
    function configure(overrides) {
        environment = { ...environment, ...overrides };
        engine = null;
    }
    CaseFollowup.configure = configure;
    /**
     * The form's OnLoad handler: watches the Status Reason, and asks the agent
     * once, so that a case opened days after it was put on hold shows its card.
     */
    function onLoad(executionContext) {
        const form = executionContext.getFormContext();
        form.getAttribute("statuscode")?.addOnChange(onStatusReasonChange);
        // When the Status Reason became what it is is not on the form: the engine
        // then counts the cycle from the case's creation (README.md).
        return evaluate(form, { statusChangedNow: false });
    }
    CaseFollowup.onLoad = onLoad;
    /** The Status Reason's OnChange handler. */
    function onStatusReasonChange(executionContext) {
        // The change happens now, on this form: the follow-up cycle starts here.
        return evaluate(executionContext.getFormContext(), { statusChangedNow: true });
    }
    CaseFollowup.onStatusReasonChange = onStatusReasonChange;
    /** Asks the agent and shows its answer. Never throws: a failure becomes a form notification. */
    async function evaluate(form, { statusChangedNow }) {
        const now = environment.now();
        form.ui.clearFormNotification(NOTIFICATION.error);
        try {
            const caseRecord = await readCase(form);
            if (!caseRecord)
                return; // a new case, not saved yet: it has no emails
            const [followup, emails] = await Promise.all([getEngine(), retrieveEmails(caseRecord.incidentid)]);
            const statusChange = statusChangedNow
                ? [{ type: "statusChange", at: now, statusReason: caseRecord.statuscode }]
                : [];
            const timeline = inTimeOrder([...emails, ...statusChange]);
            showDecision(form, followup.evaluateRules(caseRecord, timeline, now), caseRecord);
        }
        catch (error) {
            showError(form, error);
        }
    }
    function getEngine() {
        if (!engine) {
            engine = Promise.all([environment.loadPlugin(), environment.loadConfig()])
                .then(([plugin, config]) => new plugin.Engine(config));
            // A failure is not cached: the next change tries again.
            engine.catch(() => { engine = null; });
        }
        return engine;
    }
    async function loadPluginFromWebResources() {
        const base = `${Xrm.Utility.getGlobalContext().getClientUrl()}/WebResources/${WEB_RESOURCE_FOLDER}`;
        const plugin = (await import(`${base}followup.js`));
        await plugin.default({ module_or_path: `${base}followup_bg.wasm` });
        return plugin;
    }
    async function loadConfigFromEnvironmentVariable() {
        const result = await Xrm.WebApi.retrieveMultipleRecords("environmentvariabledefinition", `?$select=defaultvalue&$filter=schemaname eq '${CONFIG_VARIABLE}'` +
            "&$expand=environmentvariabledefinition_environmentvariablevalue($select=value)");
        const definition = result.entities[0];
        if (!definition)
            throw new Error(`the environment variable ${CONFIG_VARIABLE} does not exist`);
        const current = definition["environmentvariabledefinition_environmentvariablevalue"]?.[0]?.value;
        const text = typeof current === "string" ? current : definition["defaultvalue"];
        if (typeof text !== "string")
            throw new Error(`the environment variable ${CONFIG_VARIABLE} has no value`);
        return JSON.parse(text);
    }
    /**
     * The case as the Web API would return its row, built from the form's
     * attributes so that conditions can use any field on the form. Columns the
     * engine needs but the form lacks are fetched.
     */
    async function readCase(form) {
        const id = form.data.entity.getId();
        if (!id)
            return null;
        const row = { incidentid: id.replace(/[{}]/g, "").toLowerCase() };
        form.data.entity.attributes.forEach((attribute) => Object.assign(row, columnsOf(attribute)));
        const missing = ["statecode", "createdon"].filter((column) => row[column] === undefined || row[column] === null);
        if (missing.length > 0) {
            const fetched = await Xrm.WebApi.retrieveRecord("incident", String(row["incidentid"]), `?$select=${missing.join(",")}`);
            for (const column of missing)
                row[column] = fetched[column];
        }
        return row;
    }
    /** One form attribute as Web API columns: lookups as `_name_value` with their annotations, option sets with their labels. */
    function columnsOf(attribute) {
        const name = attribute.getName();
        switch (attribute.getAttributeType()) {
            case "lookup": {
                const value = attribute.getValue()?.[0];
                if (!value)
                    return { [`_${name}_value`]: null };
                return {
                    [`_${name}_value`]: value.id.replace(/[{}]/g, "").toLowerCase(),
                    [`_${name}_value${FORMATTED}`]: value.name ?? null,
                    [`_${name}_value${LOOKUP_TYPE}`]: value.entityType,
                };
            }
            case "optionset": {
                const options = attribute;
                return { [name]: options.getValue(), [`${name}${FORMATTED}`]: options.getText() };
            }
            case "multiselectoptionset":
                return { [name]: attribute.getValue() };
            case "datetime":
                return { [name]: attribute.getValue()?.toISOString() ?? null };
            default: {
                const value = attribute.getValue();
                const plain = typeof value === "string" || typeof value === "number" || typeof value === "boolean";
                return { [name]: plain ? value : null };
            }
        }
    }
    /** The case's emails, oldest first, every page of them. */
    async function retrieveEmails(caseId) {
        const rows = [];
        let options = `?$select=${EMAIL_COLUMNS.join(",")}&$filter=_regardingobjectid_value eq ${caseId}&$orderby=createdon asc`;
        while (options !== null) {
            const page = await Xrm.WebApi.retrieveMultipleRecords("email", options);
            rows.push(...page.entities);
            options = page.nextLink ? page.nextLink.slice(page.nextLink.indexOf("?")) : null;
        }
        return rows;
    }
    /** When an item happened, read as the engine reads it. */
    function timeOf(item) {
        const fields = item;
        for (const key of ["at", "sentAt", "senton", "actualend", "createdon"]) {
            if (typeof fields[key] === "string")
                return fields[key];
        }
        return "";
    }
    /** Oldest first, as the engine requires (a stable sort keeps equal times in place). */
    function inTimeOrder(items) {
        return [...items].sort((a, b) => Date.parse(timeOf(a)) - Date.parse(timeOf(b)));
    }
    function showDecision(form, decision, caseRecord) {
        clearDecision(form);
        const card = decision.card;
        if (!card) {
            // No card: the summary still tells the representative what the agent waits for.
            if (decision.state !== "notEligible") {
                form.ui.setFormNotification(decision.summary, decision.state === "paused" ? "WARNING" : "INFO", NOTIFICATION.summary);
            }
            return;
        }
        form.ui.setFormNotification(`${card.title}: ${card.summary}`, "INFO", NOTIFICATION.summary);
        if (card.notice)
            form.ui.setFormNotification(card.notice, "WARNING", NOTIFICATION.notice);
        const statusControl = form.getControl("statuscode");
        for (const item of card.items) {
            const uniqueId = NOTIFICATION.item(item);
            statusControl?.addNotification({
                uniqueId,
                notificationLevel: "RECOMMENDATION",
                messages: [`${item.label}: ${item.description}`],
                actions: [{ message: item.button, actions: [() => void act(form, item, caseRecord)] }],
            });
            shownItems.push(uniqueId);
        }
    }
    function clearDecision(form) {
        form.ui.clearFormNotification(NOTIFICATION.summary);
        form.ui.clearFormNotification(NOTIFICATION.notice);
        const statusControl = form.getControl("statuscode");
        for (const uniqueId of shownItems)
            statusControl?.clearNotification(uniqueId);
        shownItems = [];
    }
    async function act(form, item, caseRecord) {
        try {
            if (item.email)
                await openDraft(item.idempotencyKey, item.email, caseRecord);
            else if (item.resolution)
                await resolveCase(form, item.idempotencyKey, item.resolution);
        }
        catch (error) {
            showError(form, error);
        }
    }
    /** "Review and send email" / "Draft reply": the draft becomes a draft email on the case, opened in a new window. */
    async function openDraft(key, draft, caseRecord) {
        // The promise is kept, not its result: a double click waits for the same draft.
        let emailId = draftedEmails.get(key);
        if (emailId === undefined) {
            emailId = Promise.resolve(Xrm.WebApi.createRecord("email", emailRecord(draft, caseRecord))).then((created) => created.id);
            draftedEmails.set(key, emailId);
            emailId.catch(() => draftedEmails.delete(key));
        }
        await Xrm.Navigation.openForm({ entityName: "email", entityId: await emailId, openInNewWindow: true });
    }
    /** The draft as a Web API `email` row regarding the case. */
    function emailRecord(draft, caseRecord) {
        const customerId = caseRecord["_customerid_value"];
        const customerType = caseRecord[`_customerid_value${LOOKUP_TYPE}`];
        const party = (address, participationtypemask) => {
            const isCustomer = address === caseRecord.emailaddress && typeof customerId === "string"
                && (customerType === "contact" || customerType === "account");
            return isCustomer
                ? { participationtypemask, [`partyid_${customerType}@odata.bind`]: `/${customerType}s(${customerId})` }
                : { participationtypemask, addressused: address };
        };
        return {
            subject: draft.subject,
            description: draft.htmlBody,
            directioncode: true,
            "regardingobjectid_incident@odata.bind": `/incidents(${draft.caseId})`,
            email_activity_parties: [...draft.to.map((address) => party(address, 2)), ...draft.cc.map((address) => party(address, 3))],
        };
    }
    /** "Resolve case": the representative confirms the filled resolution, then Dataverse's CloseIncident runs. */
    async function resolveCase(form, key, resolution) {
        // Claimed before the dialog opens: a double click must not ask twice or resolve twice.
        if (resolvedSteps.has(key))
            return;
        resolvedSteps.add(key);
        try {
            const answer = await Xrm.Navigation.openConfirmDialog({
                title: "Resolve case",
                subtitle: `${resolution.resolutionType.label}: ${resolution.resolution}`,
                text: [
                    resolution.remarks,
                    `Billable time: ${resolution.billableTimeMinutes} minutes.`,
                    resolution.closeActivityIds.length ? `Open emails canceled with the case: ${resolution.closeActivityIds.length}.` : "",
                ].filter(Boolean).join("\n\n"),
                confirmButtonLabel: "Resolve",
            });
            if (!answer.confirmed) {
                resolvedSteps.delete(key);
                return;
            }
            // Only emails were fetched, so the open activities listed are draft emails.
            for (const id of resolution.closeActivityIds) {
                await Xrm.WebApi.updateRecord("email", id, { statecode: 2, statuscode: 5 });
            }
            await Xrm.WebApi.online.execute(closeIncidentRequest(resolution.closeIncident));
        }
        catch (error) {
            resolvedSteps.delete(key);
            throw error;
        }
        clearDecision(form);
        await form.data.refresh(false);
    }
    /** The CloseIncident action as `Xrm.WebApi.online.execute` takes it. */
    function closeIncidentRequest(body) {
        return {
            ...body,
            getMetadata: () => ({
                boundParameter: null,
                operationType: 0,
                operationName: "CloseIncident",
                parameterTypes: {
                    IncidentResolution: { typeName: "mscrm.incidentresolution", structuralProperty: 5 },
                    Status: { typeName: "Edm.Int32", structuralProperty: 1 },
                },
            }),
        };
    }
    function showError(form, error) {
        // Duck-typed: errors may come from another window (frame) than this script's.
        const message = typeof error === "object" && error !== null && "message" in error ? String(error.message) : String(error);
        form.ui.setFormNotification(`Case follow-up could not run: ${message}`, "ERROR", NOTIFICATION.error);
    }
})(CaseFollowup || (CaseFollowup = {}));
