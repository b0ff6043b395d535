import { BOX_ELEMENT } from "../box/box-element.js";

/** The element object an instance carries on the wire (docs/amplify-api.md §3.2). */
export interface ElementView {
  readonly id: number;
  readonly name: string;
  readonly key: string;
  readonly hub: string;
}

/**
 * The elements an organization's instances belong to. The sandbox's API creates Box instances only; the others
 * exist so that a listing holds what a real organization's does (other teams' connectors), and are put in place
 * through the control route `POST /__sandbox/instances`. Their ids are the sandbox's own, not the platform's.
 */
export const OTHER_ELEMENTS: Readonly<Record<string, ElementView>> = {
  dropbox: { id: 9001, name: "Dropbox", key: "dropbox", hub: "documents" },
  googledrive: { id: 9002, name: "Google Drive", key: "googledrive", hub: "documents" },
  sfdc: { id: 9003, name: "Salesforce", key: "sfdc", hub: "crm" },
  slack: { id: 9004, name: "Slack", key: "slack", hub: "collaboration" },
};

/** The element object of an instance's element key: Box's as the docs show it, or a catalogued other one. */
export function elementView(key: string): ElementView {
  const element = key === BOX_ELEMENT.key ? BOX_ELEMENT : OTHER_ELEMENTS[key];
  if (element === undefined) {
    throw new Error(`the sandbox has no element "${key}"`);
  }
  return structuredClone(element);
}
