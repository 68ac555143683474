import { describe, expect, it } from 'vitest'
import { type FeedChange, atomDate, atomFeed, escapeXml } from './subprocessor-feed'
import { confirmationMail, noticeMail, unsubscribeHeaders } from './subprocessor-mail'
import { mailboxOf, subprocessorLinks } from './subprocessor-links'

/**
 * XML well-formedness, strictly enough for this generated document: one prolog, one root,
 * every element closed in order, attributes quoted, no raw '<' or stray '&' in text.
 */
function wellFormednessProblems(xml: string): string[] {
  const problems: string[] = []
  if (!xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')) problems.push('no XML declaration first')
  const body = xml.replace(/^<\?xml[^?]*\?>/, '')
  const stack: string[] = []
  let roots = 0
  const token = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[A-Za-z][\w:.-]*="[^"<]*")*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g
  for (const match of body.matchAll(token)) {
    const [whole, closing, name, , selfClosing] = match
    if (whole === '<') problems.push(`a raw "<" at ${match.index}`)
    else if (whole.startsWith('&')) problems.push(`a stray "&" at ${match.index}`)
    else if (closing) {
      if (stack.pop() !== name) problems.push(`</${name}> closes the wrong element`)
    } else {
      if (stack.length === 0) roots++
      if (!selfClosing) stack.push(name!)
    }
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(', ')}`)
  if (roots !== 1) problems.push(`${roots} root elements`)
  return problems
}

/** The text of each `<name>` directly in `xml` (a small reader for assertions). */
const texts = (xml: string, name: string) => [...xml.matchAll(new RegExp(`<${name}(?: [^>]*)?>([^<]*)</${name}>`, 'g'))].map((m) => m[1] ?? '')

const unescape = (text: string) =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')

const base = {
  name: 'Stripe',
  purpose: 'Payment processing',
  dataCategories: 'Billing details',
  region: 'US',
  certifications: ['SOC 2 Type II', 'PCI DSS'],
  policyUrl: 'https://stripe.com/legal/dpa',
  previous: null,
  reason: '',
}

const changes: FeedChange[] = [
  {
    ...base,
    id: '0b6f0d6e-8f7e-4a57-9a43-3a3c1c1e2f10',
    kind: 'add',
    reason: 'Card payments & invoices <for EU customers>',
    effectiveOn: '2026-12-25',
    state: 'announced',
    announcedAt: new Date('2026-11-25T10:00:00.123Z'),
    appliedAt: null,
    cancelledAt: null,
  },
  {
    ...base,
    id: '5d1c6a8e-2b0f-4c1e-8f0a-9e7d6c5b4a32',
    kind: 'change',
    name: 'Fly.io',
    purpose: 'Hosting',
    region: 'EU (Frankfurt)',
    previous: { ...base, name: 'Fly.io', purpose: 'Hosting', region: 'US (Virginia)', certifications: [], policyUrl: null, dataCategories: '' },
    certifications: [],
    policyUrl: null,
    dataCategories: '',
    effectiveOn: '2026-10-01',
    state: 'applied',
    announcedAt: new Date('2026-08-20T09:00:00Z'),
    appliedAt: new Date('2026-10-01T00:07:00Z'),
    cancelledAt: null,
  },
  {
    ...base,
    id: 'a3f1e2d4-1111-4222-8333-444455556666',
    kind: 'remove',
    name: 'Evil "Quotes" \u0007Ltd',
    effectiveOn: '2026-12-01',
    state: 'cancelled',
    announcedAt: new Date('2026-10-30T09:00:00Z'),
    appliedAt: null,
    cancelledAt: new Date('2026-11-02T09:00:00Z'),
  },
]

const links = subprocessorLinks('https://candor.example', 'acme')
const feed = atomFeed({
  workspaceName: 'Acme & Co',
  feedUrl: links.feed,
  changesUrl: links.changes,
  changes,
  emptyUpdated: new Date('2026-01-01T00:00:00Z'),
})

describe('the Atom feed of sub-processor changes', () => {
  it('is well-formed XML', () => {
    expect(wellFormednessProblems(feed)).toEqual([])
  })

  it('is an Atom feed with the elements RFC 4287 requires', () => {
    expect(feed).toContain('<feed xmlns="http://www.w3.org/2005/Atom">')
    // atom:feed: exactly one id, title, updated; an author (no entry has its own); a self link.
    const head = feed.slice(0, feed.indexOf('<entry>'))
    expect(texts(head, 'id')).toEqual(['https://candor.example/t/acme/subprocessors/changes'])
    expect(texts(head, 'title').map(unescape)).toEqual(['Acme & Co: sub-processor changes'])
    expect(texts(head, 'updated')).toEqual(['2026-11-25T10:00:00Z'])
    expect(head).toContain('<author><name>Acme &amp; Co</name></author>')
    expect(head).toContain('<link rel="self" type="application/atom+xml" href="https://candor.example/t/acme/subprocessors/feed.atom"/>')
    expect(head).toContain('<link rel="alternate" type="text/html" href="https://candor.example/t/acme/subprocessors/changes"/>')
  })

  it('has one entry per change, newest first, each with id, title, updated, link and content', () => {
    const entries = feed.split('<entry>').slice(1).map((entry) => entry.slice(0, entry.indexOf('</entry>')))
    expect(entries).toHaveLength(3)
    expect(entries.map((e) => texts(e, 'id')[0])).toEqual([
      'urn:uuid:0b6f0d6e-8f7e-4a57-9a43-3a3c1c1e2f10',
      'urn:uuid:a3f1e2d4-1111-4222-8333-444455556666',
      'urn:uuid:5d1c6a8e-2b0f-4c1e-8f0a-9e7d6c5b4a32',
    ])
    expect(entries.map((e) => texts(e, 'updated')[0])).toEqual(['2026-11-25T10:00:00Z', '2026-11-02T09:00:00Z', '2026-10-01T00:07:00Z'])
    expect(entries.map((e) => texts(e, 'published')[0])).toEqual(['2026-11-25T10:00:00Z', '2026-10-30T09:00:00Z', '2026-08-20T09:00:00Z'])
    expect(entries.map((e) => unescape(texts(e, 'title')[0]!))).toEqual([
      'New sub-processor: Stripe, from 25 December 2026',
      'Withdrawn — Sub-processor removed: Evil "Quotes" Ltd, from 1 December 2026',
      'Sub-processor changed: Fly.io, from 1 October 2026',
    ])
    for (const entry of entries) {
      expect(entry).toMatch(/<link rel="alternate" type="text\/html" href="https:\/\/candor\.example\/t\/acme\/subprocessors\/changes#change-[0-9a-f-]{36}"\/>/)
      expect(entry).toContain('<content type="text">')
    }
    const [added, , changed] = entries.map((e) => unescape(texts(e, 'content')[0]!))
    expect(added).toBe(
      [
        'Stripe will process personal data for us from 25 December 2026.',
        'Purpose: Payment processing',
        'Data categories: Billing details',
        'Region: US',
        'Certifications: SOC 2 Type II, PCI DSS',
        'DPA or privacy policy: https://stripe.com/legal/dpa',
        'Why: Card payments & invoices <for EU customers>',
        'Announced; not yet in effect.',
      ].join('\n'),
    )
    expect(changed).toContain('Region: US (Virginia) → EU (Frankfurt)')
    expect(changed).toContain('In effect.')
  })

  it('escapes markup and drops characters XML cannot carry', () => {
    expect(feed).not.toContain('<for EU customers>')
    expect(feed).toContain('&lt;for EU customers&gt;')
    expect(feed).not.toContain('\u0007')
    expect(escapeXml(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;y&apos;')
  })

  it('writes dates as RFC 3339 in UTC and, without entries, uses the given time', () => {
    expect(atomDate(new Date('2026-11-25T10:00:00.999Z'))).toBe('2026-11-25T10:00:00Z')
    const empty = atomFeed({ workspaceName: 'Acme', feedUrl: links.feed, changesUrl: links.changes, changes: [], emptyUpdated: new Date('2026-01-01T00:00:00Z') })
    expect(wellFormednessProblems(empty)).toEqual([])
    expect(texts(empty, 'updated')).toEqual(['2026-01-01T00:00:00Z'])
    expect(empty).not.toContain('<entry>')
  })
})

describe('the e-mails', () => {
  it('carry RFC 8058 one-click unsubscribe headers with an https address and a mailto', () => {
    expect(unsubscribeHeaders({ unsubscribeUrl: links.unsubscribe('tok_123'), mailbox: 'privacy@acme.example', token: 'tok_123' })).toEqual({
      'List-Unsubscribe': '<https://candor.example/t/acme/subprocessors/unsubscribe/tok_123>, <mailto:privacy@acme.example?subject=unsubscribe%20tok_123>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    })
    expect(mailboxOf('Acme Privacy <privacy@acme.example>')).toBe('privacy@acme.example')
    expect(mailboxOf('no-reply@candor.example')).toBe('no-reply@candor.example')
  })

  it('show the unsubscribe link in the text too', () => {
    const confirm = confirmationMail({ workspaceName: 'Acme', confirmUrl: links.confirm('c'), unsubscribeUrl: links.unsubscribe('u'), changesUrl: links.changes })
    expect(confirm.subject).toBe('Confirm: sub-processor changes of Acme')
    expect(confirm.text).toContain(links.confirm('c'))
    expect(confirm.text).toContain(`Unsubscribe: ${links.unsubscribe('u')}`)
    const notice = noticeMail({ workspaceName: 'Acme', change: changes[0]!, objectUrl: links.object('o'), unsubscribeUrl: links.unsubscribe('u'), changesUrl: links.changes })
    expect(notice.subject).toBe('Acme: New sub-processor: Stripe, from 25 December 2026')
    expect(notice.text).toContain(`To object, tell us why before then: ${links.object('o')}`)
    expect(notice.text).toContain(`Unsubscribe from these notices: ${links.unsubscribe('u')}`)
  })
})
