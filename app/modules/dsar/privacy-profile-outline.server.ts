// What Candor knows about a workspace now, gathered for the privacy profile's outline
// (privacy-profile-outline.ts): its sub-processors, its data systems and the categories of their
// reviewed maps, its published data residency, the legal entity saved for its DPA, its retention and deadline settings, its portal.
import { appOrigin, env } from "~/modules/config/env.server";
import { currentMap } from "~/modules/connectors/data-systems.server";
import type { Tx } from "~/modules/db/tenant.server";
import { trustContentSchema } from "~/modules/trust/content";
import { portalLinks } from "./portal-links";
import { type OutlineFacts, categoryLabels } from "./privacy-profile-outline";

export async function outlineFacts(
  tx: Tx,
  workspaceId: string,
): Promise<OutlineFacts> {
  const [workspace, subprocessors, systems, published, dpa] = await Promise.all(
    [
      tx.workspace.findUniqueOrThrow({
        where: { id: workspaceId },
        select: {
          name: true,
          slug: true,
          defaultJurisdiction: true,
          internalTargetDays: true,
          closedRequestRetentionMonths: true,
          backupRetentionDays: true,
        },
      }),
      tx.subprocessor.findMany({
        orderBy: [{ name: "asc" }, { createdAt: "asc" }],
        select: {
          name: true,
          purpose: true,
          dataCategories: true,
          region: true,
        },
      }),
      tx.dataSystem.findMany({
        where: { archivedAt: null, kind: { not: "built_in" } },
        orderBy: [{ createdAt: "asc" }, { name: "asc" }],
        select: { id: true, name: true, backupRetentionDays: true },
      }),
      tx.trustPageVersion.findFirst({
        orderBy: { number: "desc" },
        select: { content: true },
      }),
      tx.dpaSettings.findFirst({
        select: { legalName: true, address: true, registration: true },
      }),
    ],
  );
  const mapped = await Promise.all(
    systems.map(async (system) => {
      const map = await currentMap(tx, system.id);
      const categories = map?.map.tables
        .filter((t) => t.included)
        .flatMap((t) =>
          t.columns
            .map((c) => c.category)
            .filter((c): c is string => Boolean(c)),
        );
      return {
        name: system.name,
        categories: categories ? categoryLabels(categories) : null,
        backupRetentionDays: system.backupRetentionDays,
      };
    }),
  );
  const residency = published
    ? trustContentSchema.shape.residency.safeParse(
        (published.content as { residency?: unknown }).residency,
      )
    : null;
  const said =
    residency?.success &&
    (residency.data.summary.trim() !== "" ||
      residency.data.locations.length > 0)
      ? residency.data
      : null;
  return {
    company: workspace.name,
    legalEntity: dpa
      ? {
          name: dpa.legalName,
          address: dpa.address,
          registration: dpa.registration,
        }
      : null,
    portalUrl: portalLinks(appOrigin(), workspace.slug).form(),
    defaultJurisdiction: workspace.defaultJurisdiction,
    internalTargetDays: workspace.internalTargetDays,
    closedRequestRetentionMonths: workspace.closedRequestRetentionMonths,
    backupRetentionDays: workspace.backupRetentionDays,
    requestRecordsBackupDays: env().BACKUP_RETENTION_DAYS,
    subprocessors,
    systems: mapped,
    residency: said,
  };
}
