// /w/:slug/dpa — the workspace's data processing agreement, for owners and admins: the DPAs
// customers signed on the public page (who, for which company, when, which template version,
// the hash, the PDF), then the legal entity the DPA names and its template. Saving a changed
// template makes a new version; signatures keep the version and the exact text they signed.
import { Form, data, redirect } from "react-router";
import { FormAlert, upgradeOf } from "~/components/auth-card";
import { Field } from "~/components/field";
import { WideTable } from "~/components/wide-table";
import { requireMember } from "~/modules/auth/member.server";
import { withTenant } from "~/modules/db/tenant.server";
import { DEFAULT_DPA_TEMPLATE } from "~/modules/dpa/default-template";
import { settingsInput } from "~/modules/dpa/forms";
import {
  EntitlementRefused,
  refusalAlert,
} from "~/modules/billing/entitlements.server";
import { saveDpaSettings } from "~/modules/dpa/settings.server";
import { dpaPaths } from "~/modules/dpa/signer-links.server";
import { listSignatures } from "~/modules/dpa/signing.server";
import { PLACEHOLDERS } from "~/modules/dpa/template";
import { fieldErrors } from "~/modules/dsar/portal-form";
import { readForm } from "~/modules/http/form.server";
import { requestOrigin } from "~/modules/http/request-info";
import type { Route } from "./+types/dpa";

export const meta: Route.MetaFunction = () => [
  { title: "Data processing agreement — Candor" },
];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember(
    { request, params, context },
    "dpa.manage",
  );
  const { settings, template, signatures } = await withTenant(
    member.tenant,
    async (tx) => ({
      settings: await tx.dpaSettings.findFirst(),
      template: await tx.dpaTemplateVersion.findFirst({
        orderBy: { number: "desc" },
        select: { number: true, body: true, createdAt: true },
      }),
      signatures: await listSignatures(tx),
    }),
  );
  return {
    base: `/w/${member.workspace.slug}/dpa`,
    publicPage: dpaPaths(member.workspace.slug).sign,
    offered: Boolean(settings && template),
    version: template
      ? {
          number: template.number,
          createdAt: template.createdAt.toISOString().slice(0, 10),
        }
      : null,
    placeholders: Object.entries(PLACEHOLDERS).map(([name, meaning]) => ({
      name,
      meaning,
    })),
    // Before the first save, the name given at sign-up and the signed-in person's address are
    // offered as a start: shown in the form, saved only when the admin saves.
    suggested: !settings,
    values: {
      legalName: settings?.legalName ?? member.workspace.name,
      address: settings?.address ?? "",
      registration: settings?.registration ?? "",
      contactEmail: settings?.contactEmail ?? member.user.email,
      governingLaw: settings?.governingLaw ?? "",
      template: template?.body ?? DEFAULT_DPA_TEMPLATE,
    },
    signatures: signatures.map((s) => ({
      id: s.id,
      signer: `${s.signerName}, ${s.signerTitle}`,
      email: s.signerEmail,
      company: s.companyName,
      signedAt: `${s.signedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
      version: s.templateVersion.number,
      sha256: s.documentSha256,
      ip: s.ip,
    })),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const member = await requireMember(
    { request, params, context },
    "dpa.manage",
  );
  const values = Object.fromEntries(
    [...(await readForm(request))].map(([key, value]) => [key, String(value)]),
  );
  const parsed = settingsInput.safeParse(values);
  if (!parsed.success) {
    return data(
      {
        errors: fieldErrors(parsed.error),
        values,
        message: "Some fields need a correction.",
      },
      { status: 400 },
    );
  }
  try {
    await saveDpaSettings(member, parsed.data, requestOrigin(request, context));
  } catch (error) {
    if (!(error instanceof EntitlementRefused)) throw error;
    const { error: message, upgrade } = refusalAlert(error, member);
    return data({ errors: {}, values, message, upgrade }, { status: 403 });
  }
  return redirect(`/w/${params.slug}/dpa`);
}

export default function Dpa({ loaderData, actionData }: Route.ComponentProps) {
  const {
    base,
    publicPage,
    offered,
    suggested,
    version,
    signatures,
    placeholders,
  } = loaderData;
  const values: Record<string, string> =
    actionData?.values ?? loaderData.values;
  const errors: Record<string, string> = actionData?.errors ?? {};
  const link = "text-brand-700 underline";
  return (
    <>
      <h1 className="text-2xl font-semibold">Data processing agreement</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        {offered ? (
          <>
            Customers sign your DPA on{" "}
            <a href={publicPage} className={link}>
              its public page
            </a>
            , linked from your trust page: your legal entity and today’s
            sub-processors are filled in, and the exact text signed is kept with
            its SHA-256.
          </>
        ) : (
          "Set your legal entity below and save to offer customers your DPA to sign online, from your trust page."
        )}
      </p>

      <section aria-labelledby="signed" className="mt-8">
        <h2 id="signed" className="text-lg font-semibold">
          Signed agreements
        </h2>
        {signatures.length ? (
          <WideTable label="Signed agreements" className="mt-3">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 text-slate-600">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    Company
                  </th>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    Signed by
                  </th>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    When
                  </th>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    Version
                  </th>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    SHA-256
                  </th>
                  <th scope="col" className="py-2 font-medium">
                    <span className="sr-only">Download</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {signatures.map((s) => (
                  <tr
                    key={s.id}
                    className="border-b border-slate-100 align-top"
                  >
                    <td className="py-2 pr-4 font-medium">{s.company}</td>
                    <td className="py-2 pr-4">
                      {s.signer}
                      <span className="block text-xs text-slate-500">
                        {s.email} · {s.ip}
                      </span>
                    </td>
                    <td className="py-2 pr-4 whitespace-nowrap">
                      {s.signedAt}
                    </td>
                    <td className="py-2 pr-4">{s.version}</td>
                    <td
                      className="py-2 pr-4 font-mono text-xs"
                      title={s.sha256}
                    >
                      {s.sha256.slice(0, 16)}…
                    </td>
                    <td className="py-2">
                      <a href={`${base}/${s.id}/pdf`} className={link} download>
                        PDF
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </WideTable>
        ) : (
          <p className="mt-2 text-sm text-slate-600">
            No customer has signed yet.
          </p>
        )}
      </section>

      <section aria-labelledby="settings" className="mt-10 max-w-3xl">
        <h2 id="settings" className="text-lg font-semibold">
          Your legal entity and the template
        </h2>
        {suggested ? (
          <p
            className="mt-1 max-w-3xl text-sm text-slate-600"
            data-testid="dpa-suggested"
          >
            The legal name is your workspace’s name and the contact is your own
            address, as a start: check them and fill in the rest. Nothing is
            saved or offered until you save.
          </p>
        ) : null}
        <FormAlert
          message={actionData?.message}
          upgrade={upgradeOf(actionData)}
        />
        <Form method="post" className="mt-4 grid gap-6" noValidate>
          <Field
            label="Legal name"
            name="legalName"
            autoComplete="organization"
            hint="Your company as registered, e.g. “Acme Analytics Ltd”."
            value={values.legalName}
            error={errors.legalName}
          />
          <Field
            label="Registered address"
            name="address"
            value={values.address}
            error={errors.address}
          />
          <Field
            label="Registration"
            name="registration"
            hint="Company number and register, e.g. “Company number 01234567, registered in England and Wales”."
            value={values.registration}
            error={errors.registration}
          />
          <Field
            label="Contact e-mail for this DPA"
            name="contactEmail"
            type="email"
            hint="Named in the DPA, and told of each signature."
            value={values.contactEmail}
            error={errors.contactEmail}
          />
          <Field
            label="Governing law"
            name="governingLaw"
            hint="Completes “This DPA is governed by …”, e.g. “the laws of Ireland”."
            value={values.governingLaw}
            error={errors.governingLaw}
          />
          <div>
            <Field
              label={
                version
                  ? `Template (version ${version.number}, saved ${version.createdAt})`
                  : "Template"
              }
              name="template"
              multiline
              hint="Candor’s standard GDPR Article 28 DPA to start from: a plain-language outline, not legal advice, so have your counsel read it. “# ” starts the title, “## ” a heading, “- ” a list item; a blank line ends a paragraph. Saving a changed text makes a new version; signed DPAs keep theirs."
              value={values.template}
              error={errors.template}
            />
            <details className="mt-2 text-sm text-slate-600">
              <summary className="cursor-pointer">Placeholders</summary>
              <dl className="mt-2 grid gap-1 sm:grid-cols-[16rem_1fr]">
                {placeholders.map((p) => (
                  <div key={p.name} className="contents">
                    <dt className="font-mono text-xs">{`{{${p.name}}}`}</dt>
                    <dd>{p.meaning}</dd>
                  </div>
                ))}
              </dl>
            </details>
          </div>
          <div>
            <button
              type="submit"
              className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
            >
              Save
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}
