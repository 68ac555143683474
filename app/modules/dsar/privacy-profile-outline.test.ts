import { describe, expect, it } from "vitest";
import {
  type OutlineFacts,
  buildProfileOutline,
  categoryLabels,
  unfilledPrompt,
} from "./privacy-profile-outline";
import {
  PROFILE_FIELDS,
  type ProfileField,
  profileInput,
} from "./privacy-settings.server";

const bare: OutlineFacts = {
  company: "Acme Analytics",
  legalEntity: null,
  portalUrl: "https://candor.example/p/acme",
  defaultJurisdiction: "gdpr",
  internalTargetDays: null,
  closedRequestRetentionMonths: 24,
  backupRetentionDays: 90,
  requestRecordsBackupDays: 90,
  subprocessors: [],
  systems: [],
  residency: null,
};

const full: OutlineFacts = {
  ...bare,
  defaultJurisdiction: "ccpa",
  internalTargetDays: 20,
  closedRequestRetentionMonths: 1,
  backupRetentionDays: 35,
  requestRecordsBackupDays: 90,
  subprocessors: [
    {
      name: "Amazon Web Services",
      purpose: "Cloud hosting",
      dataCategories: "Account data",
      region: "EU (Ireland)",
    },
    {
      name: "Postmark",
      purpose: "Transactional e-mail",
      dataCategories: "E-mail addresses",
      region: "United States",
    },
    {
      name: "Tiny Vendor",
      purpose: "Error monitoring",
      dataCategories: "",
      region: "",
    },
  ],
  systems: [
    {
      name: "Product database",
      categories: categoryLabels(["contact", "name", "contact", "custom_kind"]),
      backupRetentionDays: 35,
    },
    { name: "Zendesk", categories: null, backupRetentionDays: 14 },
  ],
  residency: {
    summary: "Customer data stays in the EU.",
    locations: [{ label: "Primary database", place: "Dublin, Ireland (EU)" }],
  },
};

const FIELDS = Object.keys(PROFILE_FIELDS) as ProfileField[];

describe("the privacy profile outline", () => {
  it("without sub-processors or systems says only what the settings and the portal say, and asks for everything else", () => {
    const outline = buildProfileOutline(bare);
    // Candor cannot know these at all: each is one prompt and nothing more.
    for (const field of [
      "controller",
      "sources",
      "automatedDecisions",
      "supervisoryAuthority",
    ] as const) {
      expect(outline[field]).toMatch(/^\[(Give|Describe|Name) [^\]]+\]$/);
    }
    expect(outline.controller).toContain("Acme Analytics");
    expect(outline.contact).toContain(
      "To exercise your rights, use our privacy portal: https://candor.example/p/acme",
    );
    expect(outline.contact).toContain("within one month (GDPR)");
    expect(outline.contact).not.toContain("we aim");
    expect(outline.retention).toContain(
      "deleted 24 months after the request is closed",
    );
    expect(outline.retention).toContain("within 90 days");
    expect(outline.dataCategories).toBe(
      "[Describe the kinds of personal data you hold, e.g. contact details, account data, usage data, billing data.]",
    );
    expect(outline.purposes).not.toContain("Service providers");
    expect(outline.transfers).not.toContain("Where");
    // Without a DPA, every field holds at least one prompt: nothing can be saved unread.
    for (const field of FIELDS)
      expect(unfilledPrompt(outline[field]), field).not.toBeNull();
  });

  it("takes the controller from the legal entity saved for the DPA, as the admin wrote it", () => {
    const outline = buildProfileOutline({
      ...bare,
      legalEntity: {
        name: "Acme Analytics Ltd",
        address: "1 High St, Dublin",
        registration: "Company number 01234567",
      },
    });
    expect(outline.controller).toBe(
      "Acme Analytics Ltd, 1 High St, Dublin (Company number 01234567).",
    );
    expect(unfilledPrompt(outline.controller)).toBeNull();
  });

  it("names the sub-processors, their purposes and regions, the mapped categories and the published residency", () => {
    const outline = buildProfileOutline(full);
    expect(outline.purposes).toContain(
      "Service providers process personal data on our behalf: Amazon Web Services (Cloud hosting); Postmark (Transactional e-mail); Tiny Vendor (Error monitoring).",
    );
    expect(outline.transfers).toContain(
      "Where we store data: Customer data stays in the EU.\nPrimary database: Dublin, Ireland (EU).",
    );
    expect(outline.transfers).toContain(
      "Where our service providers process it: Amazon Web Services: EU (Ireland); Postmark: United States.",
    );
    // A region nobody wrote down is asked for, not guessed.
    expect(outline.transfers).toContain(
      "[Say where Tiny Vendor processes personal data.]",
    );
    expect(outline.dataCategories).toContain(
      "Product database: Contact (e-mail, phone), Name, custom_kind.",
    );
    expect(outline.dataCategories).toContain(
      "[Describe the kinds of personal data held in Zendesk.]",
    );
    expect(outline.dataCategories).toContain(
      "[Add the kinds of data held anywhere else, or delete this line.]",
    );
    expect(outline.contact).toContain("within 45 days (CCPA)");
    expect(outline.contact).toContain("we aim to answer within 20 days");
    expect(outline.retention).toContain("deleted 1 month after");
    expect(outline.retention).toContain(
      "within 35 days (Zendesk: 14 days; records of privacy requests: 90 days).",
    );
  });

  it("invents nothing: knowing only the settings, it states only the portal, the deadline and the retention settings", () => {
    const outline = buildProfileOutline(bare);
    const stated = FIELDS.flatMap((field) =>
      outline[field].split("\n").map((line) => [field, line]),
    ).filter(([, line]) => !unfilledPrompt(line!));
    expect(stated).toEqual([
      [
        "contact",
        "To exercise your rights, use our privacy portal: https://candor.example/p/acme",
      ],
      [
        "contact",
        "We answer a request within one month (GDPR), or three for a complex request, telling you why within the first month.",
      ],
      [
        "retention",
        "Privacy requests: the requester’s name, e-mail, messages and files are deleted 24 months after the request is closed; its reference, type, dates and outcome are kept as a record.",
      ],
      [
        "retention",
        "Backups: data erased from our systems is gone from their backups within 90 days.",
      ],
    ]);
  });

  it("fits every field’s limit with the longest settings", () => {
    const outline = buildProfileOutline({
      ...bare,
      portalUrl: `https://${"a".repeat(60)}.example/p/${"b".repeat(60)}`,
      internalTargetDays: 90,
      defaultJurisdiction: "uk_gdpr",
    });
    for (const field of FIELDS)
      expect(outline[field].length, field).toBeLessThanOrEqual(
        PROFILE_FIELDS[field].max,
      );
  });
});

describe("saving a profile with a prompt left", () => {
  it("refuses the field that still holds one, naming it, and takes the outline once every prompt is replaced", () => {
    const outline = buildProfileOutline(full);
    const parsed = profileInput.safeParse(outline);
    expect(parsed.success).toBe(false);
    const issue = parsed.error!.issues.find((i) => i.path[0] === "transfers")!;
    expect(issue.message).toBe(
      "“Transfers outside the EEA” still holds a prompt of the outline, [Say where Tiny Vendor processes personal data.]: write your own text in its place, or delete it.",
    );
    expect(
      parsed.error!.issues.find((i) => i.path[0] === "controller")!.message,
    ).toBe(
      "“Controller” still holds a prompt of the outline, [Give the legal name and address of the…]: write your own text in its place, or delete it.",
    );
    const written = Object.fromEntries(
      FIELDS.map((field) => [
        field,
        outline[field].replace(/\[[^\]]*\]/g, "Our own words."),
      ]),
    );
    expect(profileInput.safeParse(written).success).toBe(true);
  });

  it("leaves the admin’s own brackets alone", () => {
    expect(unfilledPrompt("See clause [1] and [EU] 2016/679.")).toBeNull();
    expect(unfilledPrompt("We keep it [Describe how long].")).toBe(
      "[Describe how long]",
    );
  });
});
