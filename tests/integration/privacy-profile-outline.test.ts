// What the privacy profile's outline is built from, gathered from a real workspace in PostgreSQL:
// its sub-processors, the categories of a connected system's reviewed map (the latest version),
// a system without one, the published trust page's residency (not the unpublished draft's), its
// retention settings and its portal's address.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appOrigin, env } from "~/modules/config/env.server";
import { ownerPool } from "~/modules/db/owner.server";
import { withTenant } from "~/modules/db/tenant.server";
import { outlineFacts } from "~/modules/dsar/privacy-profile-outline.server";
import { startQueue, stopQueue } from "~/modules/jobs/queue.server";
import {
  publishDraft,
  saveDraftSection,
} from "~/modules/trust/trust-page.server";
import { makeOwnedWorkspace } from "../support/factories";

beforeAll(() => startQueue({ supervise: false }));
afterAll(() => stopQueue({ graceMs: 0 }));

const origin = { ip: "203.0.113.7", userAgent: "test" };

const column = (
  name: string,
  category: string | null,
  identity: string | null = null,
) => ({
  name,
  type: "text",
  identity,
  category,
  strategy: "null",
  keepReason: null,
});
const mapWith = (columns: ReturnType<typeof column>[]) => ({
  tables: [
    {
      schema: "public",
      name: "users",
      primaryKey: ["id"],
      included: true,
      columns,
    },
    {
      schema: "public",
      name: "audit",
      primaryKey: ["id"],
      included: false,
      columns: [column("ip", "online_identifier")],
    },
  ],
  references: [],
});

describe("the outline’s facts", () => {
  it("come from the workspace as it is now, and only from what is published or reviewed", async () => {
    const w = await makeOwnedWorkspace();
    const acting = {
      tenant: w.member.tenant,
      userId: w.owner.id,
      workspaceName: w.workspace.name,
    };
    const db = ownerPool();
    await db.query(
      `INSERT INTO subprocessor (id, workspace_id, name, purpose, region) VALUES (gen_random_uuid(), $1, 'Postmark', 'Transactional e-mail', 'United States')`,
      [w.workspace.id],
    );
    const { rows } = await db.query(
      `INSERT INTO data_system (id, workspace_id, name, kind, backup_retention_days) VALUES
         (gen_random_uuid(), $1, 'Product database', 'postgres', 30), (gen_random_uuid(), $1, 'Zendesk', 'manual', NULL)
       RETURNING id, name`,
      [w.workspace.id],
    );
    const product = rows.find((r) => r.name === "Product database")!.id;
    // Version 1 is superseded: only the latest reviewed map counts.
    for (const [version, map] of [
      [
        1,
        mapWith([
          column("email", "contact", "email"),
          column("card", "financial"),
        ]),
      ],
      [
        2,
        mapWith([
          column("email", "contact", "email"),
          column("name", "name"),
          column("city", "location"),
        ]),
      ],
    ] as const) {
      await db.query(
        "INSERT INTO data_system_map (id, workspace_id, data_system_id, version, map) VALUES (gen_random_uuid(), $1, $2, $3, $4)",
        [w.workspace.id, product, version, JSON.stringify(map)],
      );
    }
    await db.query(
      "UPDATE workspace SET closed_request_retention_months = 18, internal_target_days = 21 WHERE id = $1",
      [w.workspace.id],
    );

    const before = await withTenant(w.member.tenant, (tx) =>
      outlineFacts(tx, w.workspace.id),
    );
    expect(before.residency).toBeNull();
    expect(before.legalEntity).toBeNull();
    await db.query(
      `INSERT INTO dpa_settings (workspace_id, legal_name, address, registration, contact_email, governing_law) VALUES ($1, 'Acme Analytics Ltd', '1 High St, Dublin', 'Company number 01234567', 'dpa@acme.example', 'the laws of Ireland')`,
      [w.workspace.id],
    );

    await saveDraftSection(
      acting,
      "residency",
      {
        summary: "Customer data stays in the EU.",
        locations: [
          { label: "Primary database", place: "Frankfurt, Germany (EU)" },
        ],
      },
      origin,
    );
    const drafted = await withTenant(w.member.tenant, (tx) =>
      outlineFacts(tx, w.workspace.id),
    );
    expect(drafted.residency).toBeNull();

    await publishDraft(acting, origin, { queueChecks: false });
    await saveDraftSection(
      acting,
      "residency",
      { summary: "Not published yet.", locations: [] },
      origin,
    );
    const facts = await withTenant(w.member.tenant, (tx) =>
      outlineFacts(tx, w.workspace.id),
    );
    expect(facts).toEqual({
      company: w.workspace.name,
      legalEntity: {
        name: "Acme Analytics Ltd",
        address: "1 High St, Dublin",
        registration: "Company number 01234567",
      },
      portalUrl: `${appOrigin()}/p/${w.workspace.slug}`,
      defaultJurisdiction: "gdpr",
      internalTargetDays: 21,
      closedRequestRetentionMonths: 18,
      backupRetentionDays: 90,
      requestRecordsBackupDays: env().BACKUP_RETENTION_DAYS,
      subprocessors: [
        {
          name: "Postmark",
          purpose: "Transactional e-mail",
          dataCategories: "",
          region: "United States",
        },
      ],
      systems: [
        {
          name: "Product database",
          categories: ["Contact (e-mail, phone)", "Name", "Location"],
          backupRetentionDays: 30,
        },
        { name: "Zendesk", categories: null, backupRetentionDays: null },
      ],
      residency: {
        summary: "Customer data stays in the EU.",
        locations: [
          { label: "Primary database", place: "Frankfurt, Germany (EU)" },
        ],
      },
    });
  });
});
