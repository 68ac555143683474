// Every expected sentence below is written out by hand from the rule it tests: a statement
// names each system it covers, says "every primary system" only when every listed system is
// done and more than Candor's own is listed, and says of each backups date whether Candor
// computed it from its catalogue or the company declared it.
import { describe, expect, it } from 'vitest'
import { type ErasureFacts, type ErasureTaskFacts, erasureStatement } from './erasure-statement'

const DEC_2 = new Date('2026-12-02T10:00:00Z')
const DEC_3 = new Date('2026-12-03T16:30:00Z')

const candor = (over: Partial<ErasureTaskFacts> = {}): ErasureTaskFacts => ({
  system: 'Candor (this privacy portal)',
  kind: 'built_in',
  state: 'done',
  completedAt: DEC_2,
  backupRetentionDays: 90,
  ...over,
})
const manual = (system: string, over: Partial<ErasureTaskFacts> = {}): ErasureTaskFacts => ({
  system,
  kind: 'manual',
  state: 'waiting_for_staff',
  completedAt: null,
  backupRetentionDays: 90,
  ...over,
})

const facts = (tasks: ErasureTaskFacts[], over: Partial<ErasureFacts> = {}): ErasureFacts => ({
  requestState: 'in_progress',
  tasks,
  timeZone: 'UTC',
  ...over,
})

const EVERY = /every primary system/i

describe('erasure statement: per data system, and "every" only when every listed system is done', () => {
  it.each<[string, ErasureFacts, { complete: boolean; coverage: string; lines: string[]; summary: string }]>([
    [
      'only Candor’s own system, done: names Candor’s own records, never "every primary system"',
      facts([candor()]),
      {
        complete: true,
        coverage: 'candor_only',
        lines: ['Candor’s own records: erased 2 December 2026; older backups expected to age out by 2 March 2027 (computed from Candor’s backup catalogue)'],
        summary:
          'Erased from Candor’s own records (the records this privacy portal keeps) on 2 December 2026. No other data system is listed for this request, so this says nothing about other systems.',
      },
    ],
    [
      'only Candor’s own system, still running',
      facts([candor({ state: 'running', completedAt: null })]),
      {
        complete: false,
        coverage: 'candor_only',
        lines: ['Candor’s own records: pending'],
        summary: 'Not erased from any data system yet; still pending: Candor’s own records.',
      },
    ],
    [
      'built-in done, a product database and billing (manual) pending',
      facts([candor(), manual('Product database'), manual('Billing')]),
      {
        complete: false,
        coverage: 'registered_systems',
        lines: [
          'Candor’s own records: erased 2 December 2026; older backups expected to age out by 2 March 2027 (computed from Candor’s backup catalogue)',
          'Product database (manual): pending',
          'Billing (manual): pending',
        ],
        summary: 'Erased so far from Candor’s own records; still pending: Product database (manual) and Billing (manual).',
      },
    ],
    [
      'every listed system done: "every primary system", naming each, with the last day',
      facts([candor(), manual('Product database', { state: 'done', completedAt: DEC_3 }), manual('Billing', { state: 'done', completedAt: DEC_2 })]),
      {
        complete: true,
        coverage: 'registered_systems',
        lines: [
          'Candor’s own records: erased 2 December 2026; older backups expected to age out by 2 March 2027 (computed from Candor’s backup catalogue)',
          'Product database (manual): erased 3 December 2026; older backups expected to age out by 3 March 2027 (declared by the company)',
          'Billing (manual): erased 2 December 2026; older backups expected to age out by 2 March 2027 (declared by the company)',
        ],
        summary:
          'Erased from every primary system registered for this request (Candor’s own records, Product database (manual) and Billing (manual)); the last on 3 December 2026.',
      },
    ],
    [
      'one task failed (needs attention): not erased yet, still pending',
      facts([candor({ state: 'failed', completedAt: null }), manual('Billing', { state: 'done', completedAt: DEC_3 })], {
        requestState: 'needs_attention',
      }),
      {
        complete: false,
        coverage: 'registered_systems',
        lines: [
          'Candor’s own records: not erased yet (the last attempt failed)',
          'Billing (manual): erased 3 December 2026; older backups expected to age out by 3 March 2027 (declared by the company)',
        ],
        summary: 'Erased so far from Billing (manual); still pending: Candor’s own records.',
      },
    ],
    [
      'extended request with a manual system pending: as in progress, nothing claimed',
      facts([candor(), manual('Product database')], { requestState: 'in_progress' }),
      {
        complete: false,
        coverage: 'registered_systems',
        lines: [
          'Candor’s own records: erased 2 December 2026; older backups expected to age out by 2 March 2027 (computed from Candor’s backup catalogue)',
          'Product database (manual): pending',
        ],
        summary: 'Erased so far from Candor’s own records; still pending: Product database (manual).',
      },
    ],
    [
      'rejected after Candor’s own task ran: what was erased stays said, the rest will not be',
      facts([candor(), manual('Product database')], { requestState: 'rejected' }),
      {
        complete: false,
        coverage: 'registered_systems',
        lines: [
          'Candor’s own records: erased 2 December 2026; older backups expected to age out by 2 March 2027 (computed from Candor’s backup catalogue)',
          'Product database (manual): not erased (the request was rejected)',
        ],
        summary: 'The request was rejected. Erased so far from Candor’s own records; Product database (manual) will not be erased.',
      },
    ],
    [
      'rejected before anything ran',
      facts([candor({ state: 'pending', completedAt: null })], { requestState: 'rejected' }),
      {
        complete: false,
        coverage: 'candor_only',
        lines: ['Candor’s own records: not erased (the request was rejected)'],
        summary: 'The request was rejected. Not erased from any data system yet; Candor’s own records will not be erased.',
      },
    ],
    [
      'closed as a duplicate before anything ran',
      facts([candor({ state: 'pending', completedAt: null })], { requestState: 'duplicate' }),
      {
        complete: false,
        coverage: 'candor_only',
        lines: ['Candor’s own records: not erased under this request (it was closed as a duplicate)'],
        summary: 'The request was closed as a duplicate of another request. Not erased from any data system yet; Candor’s own records will not be erased under this request.',
      },
    ],
    [
      'no task at all',
      facts([]),
      { complete: false, coverage: 'candor_only', lines: [], summary: 'No data system was listed for this request: nothing has been erased.' },
    ],
  ])('%s', (_, input, expected) => {
    const statement = erasureStatement(input)
    expect({
      complete: statement.complete,
      coverage: statement.coverage,
      lines: statement.lines.map((line) => line.text),
      summary: statement.summary,
    }).toEqual(expected)
    if (!statement.complete || statement.coverage === 'candor_only') expect(statement.summary).not.toMatch(EVERY)
  })

  it('warns staff exactly when only Candor’s own system is listed', () => {
    expect(erasureStatement(facts([candor()])).staffWarning).toBe(
      'No data system besides Candor’s own was registered when this request was received: this erasure covers only what ' +
        'Candor itself holds about the person, not the company’s product or other systems. Register them under ' +
        'Privacy → Data systems; requests received from then on include them.',
    )
    expect(erasureStatement(facts([candor(), manual('Billing')])).staffWarning).toBeNull()
  })

  it('a done task without a completion time is not called erased', () => {
    const [line] = erasureStatement(facts([candor({ completedAt: null })])).lines
    expect(line).toMatchObject({ state: 'pending', erasedAt: null, backupsExpectedBy: null })
  })

  it('quotes what a member said they erased in a manual system, on that system’s line only', () => {
    const statement = erasureStatement(
      facts([candor(), manual('Billing', { state: 'done', completedAt: DEC_3, erased: 'Customer record\nand 4 invoices' })]),
    )
    expect(statement.lines.map((line) => line.text)).toEqual([
      'Candor’s own records: erased 2 December 2026; older backups expected to age out by 2 March 2027 (computed from Candor’s backup catalogue)',
      'Billing (manual): erased 3 December 2026 (what was erased: “Customer record and 4 invoices”); older backups expected to age out by 3 March 2027 (declared by the company)',
    ])
  })

  it('writes days in the workspace’s zone', () => {
    const lateEvening = new Date('2026-12-02T23:30:00Z')
    const [line] = erasureStatement(facts([candor({ completedAt: lateEvening })], { timeZone: 'Europe/Berlin' })).lines
    expect(line!.text).toBe('Candor’s own records: erased 3 December 2026; older backups expected to age out by 3 March 2027 (computed from Candor’s backup catalogue)')
  })
})

describe('the backups stage: computed from Candor’s catalogue for its own records, declared for the others', () => {
  it('is absent until a system has erased something', () => {
    expect(erasureStatement(facts([candor({ state: 'running', completedAt: null })])).backups).toBeNull()
  })

  it('for Candor’s own records, counts Candor’s backup retention and says it is computed', () => {
    expect(erasureStatement(facts([candor({ backupRetentionDays: 30 })])).backups).toBe(
      'Copies in Candor’s own backups taken before the erasure are deleted as those backups age out, by 1 January 2027 at the latest ' +
        '(computed from Candor’s backup catalogue and its backup retention).',
    )
  })

  it('says so once no remaining backup was taken before the erasure', () => {
    const statement = erasureStatement(facts([candor({ backupsErasedAt: new Date('2027-02-27T05:37:00Z') })]))
    expect(statement.lines[0]!.text).toBe(
      'Candor’s own records: erased 2 December 2026; gone from Candor’s backups since 27 February 2027 ' +
        '(computed from Candor’s backup catalogue: no remaining backup was taken before the erasure)',
    )
    expect(statement.backups).toBe('No backup Candor keeps was taken before the erasure any more (computed from Candor’s backup catalogue).')
  })

  it('for the other systems, the latest end of each declared retention, labelled as declared', () => {
    const statement = erasureStatement(
      facts([candor(), manual('Billing', { state: 'done', completedAt: DEC_3, backupRetentionDays: 35 })]),
    )
    expect(statement.backups).toBe(
      'Copies in Candor’s own backups taken before each erasure are deleted as those backups age out, by 2 March 2027 at the latest ' +
        '(computed from Candor’s backup catalogue and its backup retention). ' +
        'Copies in the other systems’ backups are expected to age out by 7 January 2027: ' +
        'that is the end of the backup retention the company declared for each, not a confirmation that they are gone.',
    )
    expect(statement.lines.map((line) => [line.backupsBasis, line.backupsExpectedBy?.toISOString()])).toEqual([
      ['computed', '2027-03-02T10:00:00.000Z'],
      ['declared', '2027-01-07T16:30:00.000Z'],
    ])
  })

  it('tells a declared retention that ended from a member’s confirmation, both as declared', () => {
    const ended = manual('Billing', { state: 'done', completedAt: DEC_2, backupsErasedAt: new Date('2027-03-02T10:00:00Z') })
    const confirmed = manual('CRM', { state: 'done', completedAt: DEC_2, backupsErasedAt: DEC_3, backupsConfirmed: true })
    const statement = erasureStatement(facts([ended, confirmed]))
    expect(statement.lines.map((line) => line.text)).toEqual([
      'Billing (manual): erased 2 December 2026; the company’s declared 90-day backup retention ended 2 March 2027 (declared by the company)',
      'CRM (manual): erased 2 December 2026; the company confirmed on 3 December 2026 that its backups no longer hold it (declared by the company)',
    ])
    expect(statement.backups).toBe('For the other systems, the company declared their backups no longer hold the data (Candor cannot check their backups).')
  })
})
