// A small fake of the parts of the Dynamics 365 client API the form script
// sample uses: a case form (attributes, the Status Reason control, form
// notifications), Xrm.WebApi over an in-memory list of email rows, and
// Xrm.Navigation. Every call is recorded, in order, so tests can check what
// the script asked Dynamics to do. It answers as the documentation says
// Dynamics answers; it was never compared with a real organisation.

const CLIENT_URL = "https://contoso.crm.dynamics.com";

/**
 * @param {object} options
 * @param {string} options.caseId the incident's GUID (the form returns it braced and upper-case, as Dynamics does)
 * @param {Array<{name: string, type: string, value: unknown, text?: string}>} options.attributes the form's attributes
 * @param {object[]} [options.emails] email rows as the Web API returns them
 * @param {number} [options.pageSize] rows per retrieveMultipleRecords page, to exercise paging
 * @param {boolean} [options.confirm] the answer of openConfirmDialog
 */
export function createFakeXrm({ caseId, attributes, emails = [], pageSize = 2, confirm = true }) {
  const calls = [];
  const record = (api, ...args) => {
    calls.push({ api, args: structuredClone(args) });
  };
  const formNotifications = new Map();
  const controlNotifications = new Map();
  const onChangeHandlers = new Map();
  let createdCount = 0;

  const attributeObjects = attributes.map((spec) => ({
    spec,
    getName: () => spec.name,
    getAttributeType: () => spec.type,
    getValue: () => spec.value,
    getText: () => spec.text ?? null,
    addOnChange(handler) {
      record("attribute.addOnChange", spec.name);
      onChangeHandlers.set(spec.name, [...(onChangeHandlers.get(spec.name) ?? []), handler]);
    },
  }));

  const statusControl = {
    addNotification(options) {
      record("control.addNotification", "statuscode", withoutFunctions(options));
      controlNotifications.set(options.uniqueId, options);
      return true;
    },
    clearNotification(uniqueId) {
      record("control.clearNotification", "statuscode", uniqueId);
      return controlNotifications.delete(uniqueId);
    },
  };

  const formContext = {
    data: {
      entity: {
        getId: () => `{${caseId.toUpperCase()}}`,
        attributes: { forEach: (delegate) => attributeObjects.forEach((attribute, index) => delegate(attribute, index)) },
      },
      refresh(save) {
        record("formContext.data.refresh", save);
        return Promise.resolve();
      },
    },
    getAttribute: (name) => attributeObjects.find((attribute) => attribute.spec.name === name) ?? null,
    getControl: (name) => (name === "statuscode" ? statusControl : null),
    ui: {
      setFormNotification(message, level, uniqueId) {
        record("formContext.ui.setFormNotification", message, level, uniqueId);
        formNotifications.set(uniqueId, { message, level });
        return true;
      },
      clearFormNotification(uniqueId) {
        record("formContext.ui.clearFormNotification", uniqueId);
        return formNotifications.delete(uniqueId);
      },
    },
  };

  const Xrm = {
    WebApi: {
      async retrieveMultipleRecords(entityName, options, maxPageSize) {
        record("Xrm.WebApi.retrieveMultipleRecords", entityName, options, maxPageSize);
        if (entityName !== "email") throw new Error(`the fake holds no ${entityName} rows`);
        // Pages like Dynamics: a nextLink whose query carries a skip token.
        const skip = Number(/\$skiptoken=(\d+)/.exec(options ?? "")?.[1] ?? 0);
        const entities = structuredClone(emails.slice(skip, skip + pageSize));
        const more = skip + pageSize < emails.length;
        const query = (options ?? "").replace(/&\$skiptoken=\d+/, "");
        return { entities, nextLink: more ? `${CLIENT_URL}/api/data/v9.2/emails${query}&$skiptoken=${skip + pageSize}` : undefined };
      },
      async retrieveRecord(entityName, id, options) {
        record("Xrm.WebApi.retrieveRecord", entityName, id, options);
        throw new Error("the fake has no rows to retrieve");
      },
      async createRecord(entityName, data) {
        record("Xrm.WebApi.createRecord", entityName, data);
        createdCount += 1;
        return { entityType: entityName, id: `00000000-0000-4000-8000-${String(createdCount).padStart(12, "0")}` };
      },
      async updateRecord(entityName, id, data) {
        record("Xrm.WebApi.updateRecord", entityName, id, data);
        return { entityType: entityName, id };
      },
      online: {
        async execute(request) {
          record("Xrm.WebApi.online.execute", withoutFunctions(request), request.getMetadata());
          return { ok: true, status: 204 };
        },
      },
    },
    Navigation: {
      async openForm(entityFormOptions, formParameters) {
        record("Xrm.Navigation.openForm", entityFormOptions, formParameters);
        return { savedEntityReference: [] };
      },
      async openConfirmDialog(confirmStrings, confirmOptions) {
        record("Xrm.Navigation.openConfirmDialog", confirmStrings, confirmOptions);
        return { confirmed: confirm };
      },
    },
    Utility: { getGlobalContext: () => ({ getClientUrl: () => CLIENT_URL }) },
  };

  const executionContext = { getFormContext: () => formContext, getEventSource: () => formContext };

  return {
    Xrm,
    executionContext,
    calls,
    formNotifications,
    controlNotifications,
    /** The recorded calls to one API, by name. */
    callsTo: (api) => calls.filter((call) => call.api === api),
    /** Changes an attribute as the representative would, then runs its OnChange handlers. */
    async change(name, value, text) {
      const attribute = formContext.getAttribute(name);
      attribute.spec.value = value;
      attribute.spec.text = text;
      await Promise.all((onChangeHandlers.get(name) ?? []).map((handler) => handler(executionContext)));
    },
    /** The action button of a recommendation shown on the Status Reason field, as a click function. */
    recommendationButton(uniqueId) {
      const notification = controlNotifications.get(uniqueId);
      if (!notification) throw new Error(`no notification ${uniqueId} is shown`);
      return () => {
        for (const action of notification.actions[0].actions) action();
      };
    },
  };
}

/** A copy without functions (structuredClone refuses them), for the call log. */
function withoutFunctions(value) {
  return JSON.parse(JSON.stringify(value));
}
