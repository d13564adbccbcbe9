// A fake of the parts of the Dynamics 365 client API the form library uses:
// a Case form (attributes, the Status Reason control, form notifications),
// Xrm.WebApi over in-memory tables of Web API rows (paged through
// nextLink), a `fetch` answering the Web API function and metadata paths
// the library asks for, Xrm.Navigation and Xrm.Utility. Every call is
// recorded, in order. It answers as Microsoft's documentation says
// Dynamics answers (the rows come from tests/browser/fixtures/dataverse/,
// see its README); it was never compared with a real organisation.
//
// A classic script, like the web resource: it defines `FakeXrm.create`, so
// that a page without a module loader, or a `vm` context, can use it.
(function () {
  "use strict";
  var CLIENT_URL = "https://contoso.crm.dynamics.com";
  var API = CLIENT_URL + "/api/data/v9.2/";
  var FORMATTED = "@OData.Community.Display.V1.FormattedValue";

  function clone(value) {
    return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
  }

  /** The GUIDs a `$filter` compares `column` with. */
  function idsIn(filter, column) {
    var pattern = new RegExp(column + " eq ([0-9a-f-]{36})", "g");
    var ids = [];
    var match;
    while ((match = pattern.exec(filter))) ids.push(match[1]);
    return ids;
  }

  function dataverseError(status, code, message) {
    // Xrm.WebApi rejects with the Web API's error: `code`, `message` (and the HTTP status).
    return { errorCode: parseInt(code, 16) | 0, code: code, message: message, status: status };
  }

  /**
   * @param {object} options
   * @param {string} options.caseId the incident's GUID (the form returns it braced and upper-case, as Dynamics does)
   * @param {Array<{name: string, type: string, value: unknown, text?: unknown}>} options.attributes the form's attributes (datetime values as ISO text)
   * @param {Object<string, object[]>} [options.tables] Web API rows by table logical name
   * @param {Object<string, unknown>} [options.json] answers of `fetch` by Web API path (without the query)
   * @param {Object<string, {code: string, message: string, status: number}>} [options.failures] tables whose queries fail
   * @param {number} [options.pageSize] rows per retrieveMultipleRecords page
   * @param {boolean} [options.confirm] the answer of openConfirmDialog
   */
  function create(options) {
    var caseId = options.caseId;
    var tables = options.tables || {};
    var json = options.json || {};
    var failures = options.failures || {};
    var pageSize = options.pageSize || 50;
    var confirm = options.confirm !== false;
    var calls = [];
    function record(api) {
      calls.push({ api: api, args: clone(Array.prototype.slice.call(arguments, 1)) });
    }
    var formNotifications = new Map();
    var controlNotifications = new Map();
    var onChangeHandlers = new Map();
    var createdCount = 0;

    var attributeObjects = options.attributes.map(function (spec) {
      var saved = clone(spec.value);
      return {
        spec: spec,
        getName: function () { return spec.name; },
        getAttributeType: function () { return spec.type; },
        // Dates are given as ISO text (so that the options can be JSON) and returned as the form does: a Date.
        getValue: function () { return spec.type === "datetime" && typeof spec.value === "string" ? new Date(spec.value) : spec.value; },
        getText: function () { return spec.text === undefined ? null : spec.text; },
        getIsDirty: function () { return JSON.stringify(spec.value) !== JSON.stringify(saved); },
        addOnChange: function (handler) {
          record("attribute.addOnChange", spec.name);
          onChangeHandlers.set(spec.name, (onChangeHandlers.get(spec.name) || []).concat([handler]));
        },
      };
    });

    var statusControl = {
      addNotification: function (notification) {
        record("control.addNotification", "statuscode", notification);
        controlNotifications.set(notification.uniqueId, notification);
        return true;
      },
      clearNotification: function (uniqueId) {
        record("control.clearNotification", "statuscode", uniqueId);
        return controlNotifications.delete(uniqueId);
      },
    };

    var formContext = {
      data: {
        entity: {
          getId: function () { return "{" + caseId.toUpperCase() + "}"; },
          attributes: { forEach: function (delegate) { attributeObjects.forEach(delegate); } },
        },
        refresh: function (save) {
          record("formContext.data.refresh", save);
          return Promise.resolve();
        },
      },
      getAttribute: function (name) {
        return attributeObjects.find(function (attribute) { return attribute.spec.name === name; }) || null;
      },
      getControl: function (name) { return name === "statuscode" ? statusControl : null; },
      ui: {
        setFormNotification: function (message, level, uniqueId) {
          record("formContext.ui.setFormNotification", message, level, uniqueId);
          formNotifications.set(uniqueId, { message: message, level: level });
          return true;
        },
        clearFormNotification: function (uniqueId) {
          record("formContext.ui.clearFormNotification", uniqueId);
          return formNotifications.delete(uniqueId);
        },
      },
    };

    /** Rows of `table` that a query asks for, projected on its `$select`, one page of them. */
    function query(table, queryOptions) {
      var text = decodeURIComponent(queryOptions || "");
      var rows = tables[table];
      if (!rows) {
        throw dataverseError(404, "0x80060888", "Resource not found for the segment '" + table + "'.");
      }
      var regarding = idsIn(text, "_regardingobjectid_value");
      var objects = idsIn(text, "_objectid_value");
      var matching = rows.filter(function (row) {
        if (regarding.length && regarding.indexOf(row._regardingobjectid_value) === -1) return false;
        if (objects.length && objects.indexOf(row._objectid_value) === -1) return false;
        return true;
      });
      var select = /\$select=([^&]*)/.exec(text);
      var columns = select ? select[1].split(",") : null;
      var expand = /\$expand=(\w+)/.exec(text);
      if (columns && rows.length) {
        columns.forEach(function (column) {
          var known = rows.some(function (row) { return Object.prototype.hasOwnProperty.call(row, column); });
          if (!known) {
            throw dataverseError(400, "0x80060888",
              "Could not find a property named '" + column + "' on type 'Microsoft.Dynamics.CRM." + table + "'.");
          }
        });
      }
      var skip = Number((/\$skiptoken=<cookie pagenumber="(\d+)"/.exec(text) || [0, 1])[1]) - 1;
      var page = matching.slice(skip * pageSize, (skip + 1) * pageSize).map(function (row) {
        if (!columns) return clone(row);
        var projected = {};
        Object.keys(row).forEach(function (key) {
          var column = key.split("@")[0];
          var expanded = expand && expand[1] === column;
          if (columns.indexOf(column) !== -1 || expanded || key === "@odata.etag") projected[key] = clone(row[key]);
        });
        return projected;
      });
      var more = (skip + 1) * pageSize < matching.length;
      var base = (queryOptions || "").replace(/&\$skiptoken=.*$/, "");
      var cookie = '<cookie pagenumber="' + (skip + 2) + '" istracking="False" />';
      return {
        entities: page,
        nextLink: more ? API + table + "s" + base + "&$skiptoken=" + encodeURIComponent(cookie) : undefined,
      };
    }

    var Xrm = {
      WebApi: {
        retrieveMultipleRecords: function (entityName, queryOptions, maxPageSize) {
          record("Xrm.WebApi.retrieveMultipleRecords", entityName, queryOptions, maxPageSize);
          if (failures[entityName]) {
            var failure = failures[entityName];
            return Promise.reject(dataverseError(failure.status, failure.code, failure.message));
          }
          try {
            return Promise.resolve(query(entityName, queryOptions));
          } catch (error) {
            return Promise.reject(error);
          }
        },
        retrieveRecord: function (entityName, id, queryOptions) {
          record("Xrm.WebApi.retrieveRecord", entityName, id, queryOptions);
          var row = (tables[entityName] || []).find(function (candidate) { return candidate[entityName + "id"] === id; });
          return row ? Promise.resolve(clone(row))
            : Promise.reject(dataverseError(404, "0x80040217", entityName + " With Id = " + id + " Does Not Exist"));
        },
        createRecord: function (entityName, data) {
          record("Xrm.WebApi.createRecord", entityName, data);
          createdCount += 1;
          return Promise.resolve({ entityType: entityName, id: "00000000-0000-4000-8000-" + String(createdCount).padStart(12, "0") });
        },
        updateRecord: function (entityName, id, data) {
          record("Xrm.WebApi.updateRecord", entityName, id, data);
          return Promise.resolve({ entityType: entityName, id: id });
        },
        online: {
          execute: function (request) {
            record("Xrm.WebApi.online.execute", JSON.parse(JSON.stringify(request)), request.getMetadata());
            return Promise.resolve({ ok: true, status: 204 });
          },
        },
      },
      Navigation: {
        openForm: function (entityFormOptions, formParameters) {
          record("Xrm.Navigation.openForm", entityFormOptions, formParameters);
          return Promise.resolve({ savedEntityReference: [] });
        },
        openConfirmDialog: function (confirmStrings, confirmOptions) {
          record("Xrm.Navigation.openConfirmDialog", confirmStrings, confirmOptions);
          return Promise.resolve({ confirmed: confirm });
        },
      },
      Utility: { getGlobalContext: function () { return { getClientUrl: function () { return CLIENT_URL; } }; } },
    };

    /** `fetch` for the Web API paths the library GETs: functions and metadata. */
    function fetch(url, init) {
      record("fetch", url, init && init.headers);
      var path = decodeURIComponent(String(url)).slice(API.length).split("?")[0];
      var answer = String(url).indexOf(API) === 0 ? json[path] : undefined;
      if (typeof answer === "function") answer = answer(path);
      var found = answer !== undefined;
      var body = found ? clone(answer)
        : { error: { code: "0x80060888", message: "Resource not found for the segment '" + path + "'." } };
      return Promise.resolve({ ok: found, status: found ? 200 : 404, json: function () { return Promise.resolve(body); } });
    }

    var executionContext = { getFormContext: function () { return formContext; }, getEventSource: function () { return formContext; } };

    return {
      Xrm: Xrm,
      fetch: fetch,
      executionContext: executionContext,
      calls: calls,
      formNotifications: formNotifications,
      controlNotifications: controlNotifications,
      /** The recorded calls to one API, by name. */
      callsTo: function (api) { return calls.filter(function (call) { return call.api === api; }); },
      /** Changes an attribute as the representative would, then runs its OnChange handlers. */
      change: function (name, value, text) {
        var attribute = formContext.getAttribute(name);
        attribute.spec.value = value;
        attribute.spec.text = text;
        return Promise.all((onChangeHandlers.get(name) || []).map(function (handler) { return handler(executionContext); }));
      },
      /** The action button of a recommendation shown on the Status Reason field, as a click function. */
      recommendationButton: function (uniqueId) {
        var notification = controlNotifications.get(uniqueId);
        if (!notification) throw new Error("no notification " + uniqueId + " is shown");
        return function () { notification.actions[0].actions.forEach(function (action) { action(); }); };
      },
      /** Notifications as plain data (for a page to hand to the test). */
      snapshot: function () {
        return {
          form: Array.from(formNotifications.entries()),
          control: Array.from(controlNotifications.entries()).map(function (entry) {
            return [entry[0], { notificationLevel: entry[1].notificationLevel, messages: entry[1].messages, button: entry[1].actions[0].message }];
          }),
        };
      },
    };
  }

  globalThis.FakeXrm = { create: create, CLIENT_URL: CLIENT_URL, FORMATTED: FORMATTED };
})();
