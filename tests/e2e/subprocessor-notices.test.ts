// Sub-processor change notices in a browser, without JavaScript: a visitor subscribes on the
// trust page and confirms by the e-mailed link; an admin's change dated inside the notice period
// is refused with the earliest day, then proposed and announced; the subscriber gets the notice
// (with one-click unsubscribe headers), objects with a reason, which the admin sees; the
// changelog and the Atom feed list the change; a mail client's one-click POST unsubscribes.
import { faker } from '@faker-js/faker'
import { describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { addDays, earliestEffectiveDay } from '~/modules/trust/subprocessor-rules'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { eventually } from '../support/eventually'
import { addMember, makeWorkspace } from '../support/factories'
import { signedInWithoutScript } from '../support/sign-in'

const app = serveCandorWithBrowser({ CLIENT_IP_HEADER: 'x-forwarded-for' })

type Mail = { subject: string; text: string; headers: Record<string, string> | null }

async function mailTo(email: string, subjectLike: string): Promise<Mail> {
  return eventually(
    async () =>
      (
        await ownerPool().query<Mail>(
          'SELECT subject, text, headers FROM email_message WHERE "to" = $1 AND subject LIKE $2 ORDER BY created_at DESC LIMIT 1',
          [email, subjectLike],
        )
      ).rows[0],
    { what: `an e-mail "${subjectLike}" to ${email}`, timeoutMs: 30_000 },
  )
}

const linkIn = (text: string, kind: string) => new RegExp(`(https?://\\S+/subprocessors/${kind}/[A-Za-z0-9_-]{43})`).exec(text)?.[1]

describe('sub-processor change notices', () => {
  it('take a visitor from subscribing to a notice, an objection and a one-click unsubscribe', async () => {
    const { workspace } = await makeWorkspace()
    const admin = await addMember(workspace.id, 'admin')
    const subscriber = faker.internet.email().toLowerCase()

    // A visitor subscribes on the trust page, without JavaScript, and confirms from the e-mail.
    const visitorContext = await app.browser.newContext({ javaScriptEnabled: false })
    const visitor = await visitorContext.newPage()
    await visitor.goto(`${app.candor.url}/t/${workspace.slug}/subprocessors/subscribe`)
    await visitor.getByLabel('Your e-mail address').fill('not an address')
    await visitor.getByRole('button', { name: 'Subscribe' }).click()
    await visitor.getByText('Enter your e-mail address, e.g. name@company.com.').waitFor()
    await visitor.getByLabel('Your e-mail address').fill(subscriber)
    await visitor.getByRole('button', { name: 'Subscribe' }).click()
    await visitor.getByRole('heading', { name: 'Check your e-mail' }).waitFor()
    const confirmation = await mailTo(subscriber, 'Confirm: sub-processor changes%')
    expect(confirmation.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click')
    await visitor.goto(linkIn(confirmation.text, 'confirm')!)
    await visitor.getByRole('button', { name: 'Confirm my subscription' }).click()
    await visitor.getByRole('heading', { name: 'You are subscribed' }).waitFor()

    // The admin proposes a new sub-processor: a day inside the notice period is refused.
    const { page, context } = await signedInWithoutScript(app, admin.email)
    await page.goto(`${app.candor.url}/w/${workspace.slug}`)
    await page.getByRole('link', { name: 'Sub-processors', exact: true }).click()
    await page.getByRole('heading', { name: 'Sub-processors', level: 1 }).waitFor()
    expect(await page.getByTestId('active-subscribers').textContent()).toBe('1')
    // With a subscriber there is no "at once": every change is announced first.
    expect(await page.getByRole('button', { name: 'Add it now' }).count()).toBe(0)
    const earliest = earliestEffectiveDay(new Date(), 'UTC', 30)
    await page.getByLabel('Name').fill('Stripe')
    await page.getByLabel('Purpose').fill('Payment processing')
    await page.getByLabel('Region').fill('US')
    await page.getByLabel('Certifications').fill('SOC 2 Type II, PCI DSS')
    await page.getByLabel('DPA or privacy policy').fill('https://stripe.com/legal/dpa')
    await page.getByLabel('Effective on').fill(addDays(earliest, -20))
    await page.getByLabel('Reason (told to subscribers)').fill('Card payments for EU customers')
    await page.getByRole('button', { name: 'Propose the addition' }).click()
    await page.getByText(`so this change can take effect on ${earliest}`).first().waitFor()
    await page.getByLabel('Effective on').fill(earliest)
    await page.getByRole('button', { name: 'Propose the addition' }).click()
    await page.getByRole('button', { name: 'Announce to 1 subscriber' }).click()
    await page.getByText('Announced', { exact: true }).waitFor()

    // The subscriber is told, with one-click unsubscribe in the headers and in the text.
    const notice = await mailTo(subscriber, '%New sub-processor: Stripe%')
    const unsubscribeUrl = linkIn(notice.text, 'unsubscribe')!
    expect(notice.headers).toEqual({
      'List-Unsubscribe': expect.stringMatching(/^<http:\/\/127\.0\.0\.1:\d+\/t\/[^/]+\/subprocessors\/unsubscribe\/[A-Za-z0-9_-]{43}>, <mailto:[^>]+>$/),
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    })
    expect(notice.headers!['List-Unsubscribe']).toContain(`<${unsubscribeUrl}>`)
    expect(notice.text).toContain('Why: Card payments for EU customers')

    // They object, with a reason; the admin sees it.
    await visitor.goto(linkIn(notice.text, 'object')!)
    await visitor.getByRole('button', { name: 'Send my objection' }).click()
    await visitor.getByText('Say why you object, so the company can answer.').waitFor()
    await visitor.getByLabel('Why do you object?').fill('Our contract forbids transfers to the US.')
    await visitor.getByRole('button', { name: 'Send my objection' }).click()
    await visitor.getByText(`Your objection was sent to ${workspace.name}.`).waitFor()
    await page.reload()
    await page.getByText('Objections (1)').waitFor()
    await page.getByText('Our contract forbids transfers to the US.').waitFor()
    await page.getByText(subscriber).waitFor()

    // The public changelog and the Atom feed list the change.
    await visitor.goto(`${app.candor.url}/t/${workspace.slug}/subprocessors/changes`)
    await visitor.getByRole('heading', { name: /New sub-processor: Stripe, from / }).waitFor()
    const feed = await fetch(`${app.candor.url}/t/${workspace.slug}/subprocessors/feed.atom`)
    expect(feed.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8')
    const xml = await feed.text()
    // Chromium's XML parser is strict: a document that is not well-formed yields <parsererror>.
    const parsed = await visitor.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, 'application/xml')
      const atom = 'http://www.w3.org/2005/Atom'
      return {
        error: doc.getElementsByTagName('parsererror').length,
        root: `${doc.documentElement.namespaceURI} ${doc.documentElement.localName}`,
        titles: [...doc.getElementsByTagNameNS(atom, 'entry')].map((e) => e.getElementsByTagNameNS(atom, 'title')[0]?.textContent),
      }
    }, xml)
    expect(parsed).toEqual({
      error: 0,
      root: 'http://www.w3.org/2005/Atom feed',
      titles: [expect.stringMatching(/^New sub-processor: Stripe, from /)],
    })

    // A mail client's one-click unsubscribe: a bare POST, no cookie, no Origin, no Referer.
    const oneClick = await fetch(unsubscribeUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
      redirect: 'manual',
    })
    expect(oneClick.status).toBe(200)
    const { rows } = await ownerPool().query(
      'SELECT unsubscribed_at FROM subprocessor_subscriber WHERE workspace_id = $1 AND email = $2',
      [workspace.id, subscriber],
    )
    expect(rows[0].unsubscribed_at).toBeInstanceOf(Date)
    // Other public forms still refuse a POST without an Origin.
    const refused = await fetch(`${app.candor.url}/t/${workspace.slug}/subprocessors/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'x@example.com' }),
    })
    expect(refused.status).toBe(403)
    await visitor.goto(unsubscribeUrl)
    await visitor.getByRole('heading', { name: 'You are unsubscribed' }).waitFor()
    await page.reload()
    expect(await page.getByTestId('active-subscribers').textContent()).toBe('0')
    await Promise.all([context.close(), visitorContext.close()])
  })

  it('lets a workspace with no subscribers change its list at once, and shows the headers in the dev mailbox', async () => {
    const { workspace } = await makeWorkspace()
    const admin = await addMember(workspace.id, 'admin')
    const { page, context } = await signedInWithoutScript(app, admin.email)
    await page.goto(`${app.candor.url}/w/${workspace.slug}/subprocessors`)
    await page.getByLabel('Name').fill('Fly.io')
    await page.getByLabel('Purpose').fill('Hosting')
    await page.getByLabel('DPA or privacy policy').fill('javascript:alert(1)')
    await page.getByRole('button', { name: 'Add it now' }).click()
    await page.getByText('Give an https:// link, e.g. https://stripe.com/legal/dpa.').waitFor()
    await page.getByLabel('DPA or privacy policy').fill('https://fly.io/legal/dpa')
    await page.getByRole('button', { name: 'Add it now' }).click()
    await page.getByRole('cell', { name: 'Fly.io', exact: true }).waitFor()
    expect(await page.getByRole('link', { name: 'Fly.io', exact: true }).getAttribute('href')).toBe('https://fly.io/legal/dpa')
    // Listed publicly as in effect, and on the privacy settings page (read-only there).
    const changes = await fetch(`${app.candor.url}/t/${workspace.slug}/subprocessors/changes`).then((r) => r.text())
    expect(changes).toContain('New sub-processor: Fly.io')
    expect(changes).toContain('In effect')
    await page.goto(`${app.candor.url}/w/${workspace.slug}/privacy#subprocessors`)
    await page.getByRole('cell', { name: 'Fly.io', exact: true }).waitFor()

    // The confirmation e-mail's headers show in the development mailbox.
    const email = faker.internet.email().toLowerCase()
    const visitor = await app.browser.newPage()
    await visitor.goto(`${app.candor.url}/t/${workspace.slug}/subprocessors/subscribe`)
    await visitor.getByLabel('Your e-mail address').fill(email)
    await visitor.getByRole('button', { name: 'Subscribe' }).click()
    await visitor.getByRole('heading', { name: 'Check your e-mail' }).waitFor()
    await mailTo(email, 'Confirm: sub-processor changes%')
    await visitor.goto(`${app.candor.url}/dev/mailbox`)
    const message = visitor.getByRole('article', { name: `Confirm: sub-processor changes of ${workspace.name}` }).first()
    await message.getByText('List-Unsubscribe-Post:').waitFor()
    expect(await message.getByText('List-Unsubscribe=One-Click').count()).toBe(1)
    await Promise.all([context.close(), visitor.close()])
  })
})
