import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { APP_ROLE, db } from '~/modules/db/client.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withPlatform, withTenant, withUser } from '~/modules/db/tenant.server'
import { queueEmail } from '~/modules/email/email.server'
import { encryptSecret } from '~/modules/crypto/envelope.server'
import { createApiKey } from '~/modules/auth/api-keys.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { confirmRequest, fileRequest, fileRequestByApi } from '~/modules/dsar/file-request.server'
import { runTask } from '~/modules/dsar/tasks.server'
import { createWebhookEndpoint } from '~/modules/webhooks/endpoints.server'
import { reportInput } from '~/modules/disclosure/report-form'
import { submitReport } from '~/modules/disclosure/reports.server'
import { runTrustChecks } from '~/modules/trust/checks.server'
import { advanceCheckpoint } from '~/modules/audit/chain-status.server'
import { requestFullVerification } from '~/modules/audit/full-verification.server'
import { publishDraft, saveDraftSection } from '~/modules/trust/trust-page.server'
import { makeWorkspace } from '../support/factories'
import { DEFAULT_DPA_TEMPLATE } from '~/modules/dpa/default-template'
import { signInput } from '~/modules/dpa/forms'
import { publicOffer, signDpa } from '~/modules/dpa/signing.server'
import { newestMailTo } from '../support/requester-mail'
import { recordRequesterFile, storeRequesterFile } from '~/modules/dsar/requester-attachment.server'
import { addEvent } from '~/modules/dsar/timeline.server'
import { PNG_BYTES } from '../support/requester-attachments'

const system = { type: 'system', reason: 'test' } as const

afterAll(() => stopQueue({ graceMs: 1000 }))

describe('the application role', () => {
  it('runs every query as candor_app, which owns nothing and cannot bypass RLS', async () => {
    const [me] = await db().$queryRaw<{ user: string; super: boolean; bypass: boolean }[]>`
      SELECT current_user AS "user", r.rolsuper AS super, r.rolbypassrls AS bypass
        FROM pg_roles r WHERE r.rolname = current_user`
    expect(me).toEqual({ user: APP_ROLE, super: false, bypass: false })
    const { rows } = await ownerPool().query(
      `SELECT count(*)::int AS owned FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner
        WHERE r.rolname = $1`,
      [APP_ROLE],
    )
    expect(rows[0].owned).toBe(0)
  })

  it('enables and forces row-level security on every table that has a workspace_id', async () => {
    const { rows } = await ownerPool().query<{ table: string; enabled: boolean; forced: boolean }>(
      `SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
          AND (EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid
                        AND a.attname = 'workspace_id' AND NOT a.attisdropped)
               OR c.relname = 'workspace')`,
    )
    expect(rows.length).toBeGreaterThanOrEqual(3)
    expect(rows.filter((r) => !r.enabled || !r.forced).map((r) => r.table)).toEqual([])
  })

  it('gives the owner, and only the owner, a maintenance policy on every table with forced RLS', async () => {
    // Forced RLS binds a non-superuser owner too; keys:rotate and audit:verify need to see every row.
    const { rows } = await ownerPool().query<{ table: string }>(
      `SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relforcerowsecurity
          AND NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid
                           AND p.polname = 'owner_maintenance' AND p.polroles = ARRAY[current_user::regrole::oid])`,
    )
    expect(rows.map((r) => r.table)).toEqual([])
    const appIsOwner = await ownerPool().query('SELECT pg_has_role($1, current_user, $2) AS member', [APP_ROLE, 'MEMBER'])
    expect(appIsOwner.rows).toEqual([{ member: false }])
  })
})

describe('every tenant table', () => {
  // Generic over the catalog: a new table with workspace_id is covered without anyone
  // remembering to add it. Each must hold rows of workspace B here (extend fillWorkspace when
  // a new table appears), and none of them may be visible while working for workspace A.
  async function fillWorkspace() {
    const made = await makeWorkspace()
    const workspaceId = made.workspace.id
    await withTenant({ workspaceId, actor: system }, async (tx) => {
      await queueEmail(tx, workspaceId, { to: 'x@example.com', subject: 's', text: 't' })
      await encryptSecret(tx, workspaceId, { table: 't', column: 'c', rowId: 'r' }, 'secret')
      await tx.invitation.create({
        data: {
          id: randomUUID(),
          workspaceId,
          email: `invitee-${workspaceId}@example.com`,
          role: 'agent',
          expiresAt: new Date(Date.now() + 60_000),
        },
      })
    })
    await createApiKey({ workspaceId, actor: system }, made.owner.id, { name: 'k', scopes: ['audit:read'] }, {})
    // A webhook endpoint, which gets a delivery when the request below is received.
    await createWebhookEndpoint({ workspaceId, actor: system }, { url: 'https://hooks.example/candor', events: ['request.received'] }, {})
    // A confirmed request: its timeline, codes, one task in the built-in data system, a webhook delivery.
    const filed = await fileRequest(
      made.workspace.slug,
      { type: 'access', subjectName: 'Ana', email: `ana-${workspaceId}@example.com`, relationship: 'customer', jurisdiction: 'gdpr', details: '', agentName: null, agentAuthority: null },
      { ip: randomUUID(), portalOrigin: 'https://portal.example' },
    )
    if (filed.outcome !== 'filed') throw new Error('the request was not filed')
    const mail = await newestMailTo(`ana-${workspaceId}@example.com`, 'Confirm your privacy request%')
    await confirmRequest(made.workspace.slug, { reference: filed.reference, proof: { code: mail.code! } }, {})
    await withTenant({ workspaceId, actor: system }, async (tx) => {
      const request = await tx.privacyRequest.findFirstOrThrow()
      await tx.requestPause.create({ data: { workspaceId, requestId: request.id, reason: 'identity', startedAt: new Date() } })
      const stored = await storeRequesterFile(tx, workspaceId, new File([PNG_BYTES], 'passport.png'))
      await recordRequesterFile(tx, request, await addEvent(tx, request, { kind: 'subject_message', public: true, body: 'My passport.' }), stored)
      await tx.requestExport.create({
        data: { workspaceId, requestId: request.id, object: {}, bytes: 0, releasedAt: new Date(), expiresAt: new Date(Date.now() + 60_000) },
      })
      await tx.privacyProfile.create({ data: { workspaceId, purposes: 'Providing the service' } })
      await tx.subprocessor.create({ data: { workspaceId, name: 'Fly.io', purpose: 'Hosting' } })
      await tx.replyTemplate.create({ data: { workspaceId, name: 'Hello', body: 'Hello {{name}}' } })
      // The owner's read marker on the request (unread replies in the queue).
      await tx.requestRead.create({ data: { workspaceId, requestId: request.id, userId: made.owner.id, latestReplyAt: new Date() } })
      // Sub-processor change notices: a subscriber told of an announced change, who objected.
      const subscriber = await tx.subprocessorSubscriber.create({
        data: {
          id: randomUUID(),
          workspaceId,
          email: `subscriber-${workspaceId}@example.com`,
          publicOrigin: 'https://trust.example',
          unsubscribeTokenHash: randomUUID(),
          unsubscribeTokenEncrypted: 'sealed',
          confirmedAt: new Date(),
        },
      })
      const change = await tx.subprocessorChange.create({
        data: { id: randomUUID(), workspaceId, kind: 'add', name: 'Stripe', purpose: 'Payments', effectiveOn: new Date('2030-01-01'), state: 'announced', announcedAt: new Date() },
      })
      await tx.subprocessorNotice.create({
        data: { id: randomUUID(), workspaceId, changeId: change.id, subscriberId: subscriber.id, objectionTokenHash: randomUUID() },
      })
      await tx.subprocessorObjection.create({
        data: { id: randomUUID(), workspaceId, changeId: change.id, subscriberId: subscriber.id, email: subscriber.email, reason: 'No transfers to the US' },
      })
      await tx.disclosurePolicy.create({ data: { workspaceId, acknowledgementTarget: '24h' } })
    })
    // A DPA offered (legal entity, template version 1) and signed on the public page.
    await withTenant({ workspaceId, actor: system }, async (tx) => {
      await tx.dpaSettings.create({ data: { workspaceId, legalName: 'Acme Ltd', address: '1 High St', contactEmail: 'dpa@acme.example', governingLaw: 'the laws of Ireland' } })
      await tx.dpaTemplateVersion.create({ data: { id: randomUUID(), workspaceId, number: 1, body: DEFAULT_DPA_TEMPLATE, bodySha256: '0'.repeat(64) } })
    })
    const dpa = await publicOffer(made.workspace.slug, 'https://candor.example')
    const signed = await signDpa(
      made.workspace.slug,
      signInput.parse({ signerName: 'Ana', signerTitle: 'CEO', companyName: 'Ana Ltd', signerEmail: `ana-${workspaceId}@example.com`, authority: 'yes', offer: dpa?.offer?.sha256 }),
      { ip: randomUUID(), appOrigin: 'https://candor.example' },
    )
    if (signed.outcome !== 'signed') throw new Error('the DPA was not signed')
    // A vulnerability report filed on the public form, with its timeline.
    const reported = await submitReport(
      made.workspace.slug,
      reportInput.parse({ reporterEmail: `researcher-${workspaceId}@example.com`, affectedSurface: '/api', reproductionSteps: 'GET /api', severity: 'low', preferredTimeline: 'policy' }),
      { ip: randomUUID(), appOrigin: 'https://candor.example' },
    )
    if (reported.outcome !== 'filed') throw new Error('the report was not filed')
    // A trust page: its draft, a published version and the live checks' results.
    const trust = { tenant: { workspaceId, actor: system }, userId: null, workspaceName: made.workspace.name }
    await saveDraftSection(trust, 'faq', [{ question: 'Where is data stored?', answer: 'In the EU.' }], {})
    await publishDraft(trust, {})
    // The hourly job walks the chain whole and checkpoints it (audit_verification, audit_checkpoint);
    // the live checks store their results.
    await advanceCheckpoint(workspaceId)
    await runTrustChecks(workspaceId)
    // A member's request for a full verification of the chain, waiting for its job.
    await withTenant({ workspaceId, actor: system }, (tx) => requestFullVerification(tx, { workspaceId, actor: system }, made.owner.id))
    // Trust-page documents: a gated document, the NDA, the settings and a visitor's request.
    await withTenant({ workspaceId, actor: system }, async (tx) => {
      const document = await tx.trustDocument.create({
        data: { workspaceId, title: 'SOC 2 report', visibility: 'gated', fileName: 'soc2.pdf', contentType: 'application/pdf', bytes: 1n, sha256: 'a'.repeat(64), object: {} },
      })
      const nda = await tx.trustNdaVersion.create({ data: { workspaceId, number: 1, text: 'Keep it secret.', sha256: 'b'.repeat(64) } })
      await tx.trustDocumentSettings.create({ data: { workspaceId, autoApproveDomains: ['customer.example'] } })
      await tx.trustDocumentRequest.create({
        data: { workspaceId, documentId: document.id, name: 'Ada', email: `ada-${workspaceId}@bank.example`, company: 'Bank', ndaVersionId: nda.id, ndaSha256: nda.sha256, ndaAcceptedAt: new Date(), publicOrigin: 'https://trust.example' },
      })
    })
    // A completed erasure's entry on the erasure replay list.
    const erasure = await fileRequestByApi(
      { workspaceId, actor: system },
      { type: 'erasure', subjectName: 'Eve', email: `eve-${workspaceId}@example.com`, relationship: 'customer', jurisdiction: 'gdpr', details: '', agentName: null, agentAuthority: null, emailVerified: true },
      { portalOrigin: 'https://portal.example' },
    )
    const erasureTask = await withTenant({ workspaceId, actor: system }, (tx) => tx.requestTask.findFirstOrThrow({ where: { requestId: erasure.id } }))
    await runTask({ workspaceId, taskId: erasureTask.id })
    return made
  }

  it("shows tenant A none of tenant B's rows, in every table", async () => {
    await startQueue({ supervise: false })
    const a = await fillWorkspace()
    const b = await fillWorkspace()
    const { rows: tables } = await ownerPool().query<{ table: string; column: string }>(
      `SELECT c.relname AS table, a.attname AS column
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_attribute a ON a.attrelid = c.oid AND NOT a.attisdropped
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
          AND (a.attname = 'workspace_id' OR (c.relname = 'workspace' AND a.attname = 'id'))`,
    )
    expect(tables.length).toBeGreaterThanOrEqual(4)
    for (const { table, column } of tables) {
      const owned = await ownerPool().query(
        `SELECT count(*)::int AS n FROM "${table}" WHERE "${column}" = $1`,
        [b.workspace.id],
      )
      expect(owned.rows[0].n, `${table} needs rows of workspace B in this test`).toBeGreaterThan(0)
      const seen = await withTenant({ workspaceId: a.workspace.id, actor: system }, (tx) =>
        tx.$queryRawUnsafe<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM "${table}" WHERE "${column}" = $1::uuid`,
          b.workspace.id,
        ),
      )
      expect(seen[0]?.n, `${table} leaks workspace B's rows to A`).toBe(0)
    }
  })
})

describe('withTenant', () => {
  it("shows a workspace only its own rows, and nothing of another's", async () => {
    const a = await makeWorkspace()
    const b = await makeWorkspace()
    const seen = await withTenant({ workspaceId: a.workspace.id, actor: system }, async (tx) => ({
      workspaces: await tx.workspace.findMany({ select: { id: true } }),
      memberships: await tx.membership.findMany({ select: { workspaceId: true } }),
      otherById: await tx.workspace.findUnique({ where: { id: b.workspace.id } }),
    }))
    expect(seen.workspaces).toEqual([{ id: a.workspace.id }])
    expect(seen.memberships).toEqual([{ workspaceId: a.workspace.id }])
    expect(seen.otherById).toBeNull()
  })

  it("refuses to write a row into another workspace", async () => {
    const a = await makeWorkspace()
    const b = await makeWorkspace()
    const attempt = withTenant({ workspaceId: a.workspace.id, actor: system }, (tx) =>
      tx.membership.create({
        data: { id: randomUUID(), workspaceId: b.workspace.id, userId: a.owner.id, role: 'admin' },
      }),
    )
    await expect(attempt).rejects.toThrow(/row-level security/)
    const { rows } = await ownerPool().query(
      'SELECT count(*)::int AS n FROM membership WHERE workspace_id = $1',
      [b.workspace.id],
    )
    expect(rows[0].n).toBe(1)
  })

  it('cannot change or delete another workspace through an unfiltered query', async () => {
    const a = await makeWorkspace()
    const b = await makeWorkspace()
    const changed = await withTenant({ workspaceId: a.workspace.id, actor: system }, (tx) =>
      tx.workspace.updateMany({ data: { name: 'Renamed' } }),
    )
    expect(changed.count).toBe(1)
    const { rows } = await ownerPool().query('SELECT name FROM workspace WHERE id = $1', [
      b.workspace.id,
    ])
    expect(rows[0].name).toBe(b.workspace.name)
  })

  it('sees no tenant rows outside a tenant transaction', async () => {
    await makeWorkspace()
    expect(await db().workspace.count()).toBe(0)
    expect(await withPlatform((tx) => tx.membership.count())).toBe(0)
  })

  it('rolls the whole transaction back when the work fails', async () => {
    const a = await makeWorkspace()
    await expect(
      withTenant({ workspaceId: a.workspace.id, actor: system }, async (tx) => {
        await tx.workspace.update({ where: { id: a.workspace.id }, data: { name: 'Half done' } })
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    const { rows } = await ownerPool().query('SELECT name FROM workspace WHERE id = $1', [
      a.workspace.id,
    ])
    expect(rows[0].name).toBe(a.workspace.name)
  })

  it('refuses a workspace id that is not a uuid', async () => {
    await expect(
      withTenant({ workspaceId: "x' OR 1=1 --", actor: system }, async () => 1),
    ).rejects.toThrow(/uuid/)
  })
})

describe('a person outside any workspace', () => {
  it('sees only their own memberships, and only the invitations sent to their address', async () => {
    const a = await makeWorkspace()
    const b = await makeWorkspace()
    const invited = await withTenant({ workspaceId: b.workspace.id, actor: system }, (tx) =>
      tx.invitation.create({
        data: {
          id: randomUUID(),
          workspaceId: b.workspace.id,
          email: a.owner.email,
          role: 'viewer',
          expiresAt: new Date(Date.now() + 60_000),
        },
      }),
    )
    await withTenant({ workspaceId: b.workspace.id, actor: system }, (tx) =>
      tx.invitation.create({
        data: {
          id: randomUUID(),
          workspaceId: b.workspace.id,
          email: 'someone-else@example.com',
          role: 'viewer',
          expiresAt: new Date(Date.now() + 60_000),
        },
      }),
    )
    const seen = await withUser(a.owner.id, async (tx) => ({
      memberships: await tx.membership.findMany({ select: { workspaceId: true } }),
      invitations: await tx.invitation.findMany({ select: { id: true } }),
      workspaces: await tx.workspace.findMany({ select: { id: true } }),
    }))
    expect(seen.memberships).toEqual([{ workspaceId: a.workspace.id }])
    expect(seen.invitations).toEqual([{ id: invited.id }])
    expect(seen.workspaces.map((w) => w.id).sort()).toEqual([a.workspace.id, b.workspace.id].sort())
    // The audit entries of both workspaces stay hidden (only platform entries are visible).
    const platformOnly = await withUser(a.owner.id, (tx) =>
      tx.auditEntry.count({ where: { workspaceId: { not: null } } }),
    )
    expect(platformOnly).toBe(0)
  })
})
