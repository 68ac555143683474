// A privacy profile's outline: what Candor knows about the workspace now, written into the
// profile's fields, and a bracketed prompt ("[Describe …]") for everything it cannot know. The
// outline is only ever shown in the form for the admin to review; saving refuses a field that
// still holds a prompt, so nothing Candor could not know reaches an access answer.
import {
  DATA_CATEGORIES,
  type DataCategory,
} from "~/modules/connectors/data-categories";
import type { ProfileField } from "./privacy-settings.server";
import type { Jurisdiction } from "./request-kinds";

export type OutlineFacts = {
  company: string;
  /** The legal entity the admin saved for the DPA (the processor there is the controller here); null before. */
  legalEntity: { name: string; address: string; registration: string } | null;
  /** The privacy portal's address, where people exercise their rights. */
  portalUrl: string;
  defaultJurisdiction: Jurisdiction;
  internalTargetDays: number | null;
  closedRequestRetentionMonths: number;
  backupRetentionDays: number;
  /** How long Candor's own backups (of the privacy requests it holds) are kept. */
  requestRecordsBackupDays: number;
  subprocessors: {
    name: string;
    purpose: string;
    dataCategories: string;
    region: string;
  }[];
  /**
   * Active data systems besides Candor's own; `categories` null when the system has no reviewed
   * map, `backupRetentionDays` null when it follows the workspace's setting.
   */
  systems: {
    name: string;
    categories: string[] | null;
    backupRetentionDays: number | null;
  }[];
  /** The data residency of the published trust page; null when none is published or it says nothing. */
  residency: {
    summary: string;
    locations: { label: string; place: string }[];
  } | null;
};

/** The words a prompt starts with; a bracket that starts otherwise ("[1]") is the admin's own text. */
const PROMPT_VERBS = ["Describe", "Add", "Name", "Say", "Give"] as const;
const PROMPT = new RegExp(`\\[(?:${PROMPT_VERBS.join("|")})\\b[^\\]]*\\]`);

/** The first unfilled prompt in `text`, or null. */
export function unfilledPrompt(text: string): string | null {
  return PROMPT.exec(text)?.[0] ?? null;
}

const listOf = (items: string[]) =>
  items.length <= 1
    ? items.join("")
    : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
const lines = (...parts: (string | null | false)[]) =>
  parts.filter(Boolean).join("\n");

/** The GDPR-family deadlines are one month; the others as counted by deadlines.ts. */
const DEADLINE_RULE: Record<Jurisdiction, string> = {
  gdpr: "within one month (GDPR), or three for a complex request, telling you why within the first month",
  uk_gdpr:
    "within one month (UK GDPR), or three for a complex request, telling you why within the first month",
  ccpa: "within 45 days (CCPA), or 90 when needed, telling you why within the first 45",
  lgpd: "within 15 days (LGPD)",
  other: "within 30 days",
};

function categoriesText(facts: OutlineFacts): string {
  const mapped = facts.systems.filter(
    (s) => s.categories && s.categories.length > 0,
  );
  const unmapped = facts.systems.filter(
    (s) => !s.categories || s.categories.length === 0,
  );
  return lines(
    ...mapped.map((s) => `${s.name}: ${s.categories!.join(", ")}.`),
    unmapped.length > 0 &&
      `[Describe the kinds of personal data held in ${listOf(unmapped.map((s) => s.name))}.]`,
    mapped.length + unmapped.length === 0
      ? "[Describe the kinds of personal data you hold, e.g. contact details, account data, usage data, billing data.]"
      : "[Add the kinds of data held anywhere else, or delete this line.]",
  );
}

function purposesText(facts: OutlineFacts): string {
  return lines(
    "[Describe why you process personal data (e.g. to provide the service, to bill, to answer support) and the legal basis for each purpose (contract, legal obligation, legitimate interests, consent).]",
    facts.subprocessors.length > 0 &&
      `Service providers process personal data on our behalf: ${facts.subprocessors.map((s) => `${s.name} (${s.purpose})`).join("; ")}.`,
  );
}

function retentionText(facts: OutlineFacts): string {
  const months = facts.closedRequestRetentionMonths;
  return lines(
    "[Describe how long each kind of personal data is kept, or how that is decided (e.g. account data while the account is open; invoices as long as tax law requires).]",
    `Privacy requests: the requester’s name, e-mail, messages and files are deleted ${months} month${months === 1 ? "" : "s"} after the request is closed; its reference, type, dates and outcome are kept as a record.`,
    `Backups: data erased from our systems is gone from their backups within ${facts.backupRetentionDays} days${backupExceptions(facts)}.`,
  );
}

/** The systems whose declared backup retention differs from the workspace's, as " (A: 30 days)". */
function backupExceptions(facts: OutlineFacts): string {
  const own = facts.systems
    .filter(
      (s) =>
        s.backupRetentionDays !== null &&
        s.backupRetentionDays !== facts.backupRetentionDays,
    )
    .map((s) => `${s.name}: ${s.backupRetentionDays} days`);
  if (facts.requestRecordsBackupDays !== facts.backupRetentionDays)
    own.push(
      `records of privacy requests: ${facts.requestRecordsBackupDays} days`,
    );
  return own.length > 0 ? ` (${own.join("; ")})` : "";
}

function transfersText(facts: OutlineFacts): string {
  const residency = facts.residency;
  const located = facts.subprocessors.filter((s) => s.region.trim() !== "");
  const unlocated = facts.subprocessors.filter((s) => s.region.trim() === "");
  return lines(
    residency &&
      `Where we store data: ${lines(residency.summary, ...residency.locations.map((l) => `${l.label}: ${l.place}.`))}`,
    located.length > 0 &&
      `Where our service providers process it: ${located.map((s) => `${s.name}: ${s.region}`).join("; ")}.`,
    unlocated.length > 0 &&
      `[Say where ${listOf(unlocated.map((s) => s.name))} process${unlocated.length === 1 ? "es" : ""} personal data.]`,
    "[Name the safeguard for each transfer outside the EEA (e.g. an adequacy decision or standard contractual clauses), or say there is none.]",
  );
}

function contactText(facts: OutlineFacts): string {
  const target = facts.internalTargetDays;
  return lines(
    "[Name who answers questions about personal data (or your data protection officer) and how to reach them.]",
    `To exercise your rights, use our privacy portal: ${facts.portalUrl}`,
    `We answer a request ${DEADLINE_RULE[facts.defaultJurisdiction]}${target ? `; we aim to answer within ${target} day${target === 1 ? "" : "s"}` : ""}.`,
  );
}

/** The company as the admin registered it for the DPA, else a prompt. */
function controllerText({ legalEntity, company }: OutlineFacts): string {
  if (!legalEntity)
    return `[Give the legal name and address of the company responsible for the data (${company}, if that is its legal name).]`;
  return `${legalEntity.name}, ${legalEntity.address} (${legalEntity.registration}).`;
}

/** The outline of every profile field, from `facts` alone. */
export function buildProfileOutline(
  facts: OutlineFacts,
): Record<ProfileField, string> {
  return {
    controller: controllerText(facts),
    contact: contactText(facts),
    purposes: purposesText(facts),
    dataCategories: categoriesText(facts),
    retention: retentionText(facts),
    sources:
      "[Describe where personal data not collected from the person comes from, or say it all comes from them.]",
    automatedDecisions:
      "[Describe any automated decision-making or profiling, its logic and its consequences, or say there is none.]",
    transfers: transfersText(facts),
    supervisoryAuthority:
      "[Name the supervisory authority a person can complain to, with its website.]",
  };
}

/** The label of each category a reviewed map gives its columns, unknown ones as written. */
export function categoryLabels(categories: string[]): string[] {
  return [...new Set(categories)].map((c) =>
    c in DATA_CATEGORIES ? DATA_CATEGORIES[c as DataCategory] : c,
  );
}
