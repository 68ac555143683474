// The first hour, in a browser: a new founder signs up, creates a workspace at the address
// suggested from the company name, sees the setup checklist, picks two sub-processors from the
// catalogue and adds them after review, adds the controls Candor provides to the trust-page
// draft, and watches the checklist change. Page loads and interactions from sign-up are printed
// as one JSON line. Without JavaScript the address is suggested by the server when left empty,
// and a taken one is refused with a free one named. Screenshots go to /tmp/shots-onboard/.
import { mkdir } from 'node:fs/promises'
import { faker } from '@faker-js/faker'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { suggestSlug } from '~/modules/tenancy/slug-suggestion'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { printFigures } from '../support/bench-figures'
import { countInteractions } from '../support/interaction-counter'
import { signInOn, signedInWithoutScript } from '../support/sign-in'

const app = serveCandorWithBrowser()
const SHOTS = '/tmp/shots-onboard'

const step = (page: Page, id: string) => page.locator(`[data-step="${id}"]`)
const company = () => `Newco ${faker.string.alphanumeric({ length: 8, casing: 'lower' })} Ltd`

async function shoot(page: Page, name: string) {
  await mkdir(SHOTS, { recursive: true })
  for (const [width, height, label] of [[1280, 800, 'desktop'], [390, 844, 'phone']] as const) {
    await page.setViewportSize({ width, height })
    await page.screenshot({ path: `${SHOTS}/${name}-${label}.png`, fullPage: true })
  }
  await page.setViewportSize({ width: 1280, height: 800 })
}

describe('onboarding', () => {
  it('a new founder signs up, creates the workspace at the suggested address, and works down the checklist', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    const act = countInteractions(page)
    const email = `founder-${faker.string.alphanumeric({ length: 8, casing: 'lower' })}@newco.example`
    const name = company()
    const slug = suggestSlug(name)

    await signInOn(page, app.candor.url, email, act)
    await page.waitForURL(`${app.candor.url}/onboarding`)

    await act.fill(page.getByLabel('Your name'), 'Maya Founder')
    await act.fill(page.getByLabel('Company name'), name)
    expect(await page.getByLabel('Workspace address').inputValue()).toBe(slug)
    await expect.poll(() => page.getByTestId('slug-free').textContent()).toBe(`/t/${slug} is free.`)
    await page.getByText('This Candor runs without billing: every feature is on for every workspace.').waitFor()
    await shoot(page, 'onboarding')
    await act.click(page.getByRole('button', { name: 'Create workspace' }))
    await page.waitForURL(`${app.candor.url}/w/${slug}`)

    const checklist = page.getByTestId('setup-checklist')
    await checklist.waitFor()
    expect(await page.getByTestId('setup-progress').textContent()).toBe('0 of 9 steps done')
    expect(await checklist.locator('[data-step]').count()).toBe(9)
    expect(await step(page, 'subprocessors').getAttribute('data-done')).toBe('false')
    await shoot(page, 'checklist-new')

    await act.click(step(page, 'subprocessors').getByRole('link', { name: 'List your sub-processors' }))
    await page.waitForURL(`${app.candor.url}/w/${slug}/subprocessors`)
    await act.click(page.getByRole('checkbox', { name: /Amazon Web Services/ }))
    await act.click(page.getByRole('checkbox', { name: /Stripe/ }))
    await act.click(page.getByRole('button', { name: 'Draft the ticked vendors' }))
    const drafts = page.getByRole('article', { name: /^New sub-processor: / })
    await expect.poll(() => drafts.count()).toBe(2)
    expect(await page.getByRole('checkbox', { name: /Stripe/ }).isDisabled()).toBe(true)
    await shoot(page, 'subprocessors-drafts')
    for (const vendor of ['Amazon Web Services', 'Stripe']) {
      await act.click(page.getByRole('article', { name: new RegExp(`^New sub-processor: ${vendor}`) }).getByRole('button', { name: 'Add it now' }))
      await page.getByRole('row', { name: new RegExp(vendor) }).waitFor()
    }
    await expect.poll(() => drafts.count()).toBe(0)

    await act.click(page.getByRole('link', { name: 'Overview', exact: true }))
    await page.waitForURL(`${app.candor.url}/w/${slug}`)
    expect(await step(page, 'subprocessors').getAttribute('data-done')).toBe('true')
    expect(await step(page, 'subprocessors').textContent()).toContain('2 sub-processors listed.')
    expect(await page.getByTestId('setup-progress').textContent()).toBe('1 of 9 steps done')

    expect(await step(page, 'trust_page').textContent()).toContain('Not published yet.')
    await act.click(page.getByRole('button', { name: 'Add 5 controls and 1 checked highlight to the draft' }))
    await page.getByText('All of them are in the trust-page draft.').waitFor()
    expect(await step(page, 'trust_page').textContent()).toContain('Not published yet. The draft has 5 controls.')
    await shoot(page, 'checklist-after')

    const done = await page.locator('[data-step][data-done="true"]').count()
    printFigures({ figure: 'onboarding_to_checklist', from: 'sign-up', to: 'sub-processors listed and Candor controls drafted', ...act.counts, stepsDone: done })
    await context.close()
  })

  it('without JavaScript: an empty address is filled from the company name, a taken one refused with a free one named', async () => {
    const email = `founder-${faker.string.alphanumeric({ length: 8, casing: 'lower' })}@newco.example`
    const { page, context } = await signedInWithoutScript(app, email)
    const name = company()
    const slug = suggestSlug(name)
    await page.goto(`${app.candor.url}/onboarding`)
    await page.getByLabel('Your name').fill('Maya Founder')
    await page.getByLabel('Company name').fill(name)
    await page.getByRole('button', { name: 'Create workspace' }).click()
    await page.waitForURL(`${app.candor.url}/w/${slug}`)
    await page.getByTestId('setup-checklist').waitFor()

    await page.goto(`${app.candor.url}/onboarding`)
    await page.getByLabel('Company name').fill(name)
    await page.getByLabel('Workspace address').fill(slug)
    const answer = page.waitForResponse((r) => r.request().method() === 'POST')
    await page.getByRole('button', { name: 'Create workspace' }).click()
    expect((await answer).status()).toBe(409)
    expect(await page.locator('#slug-error').textContent()).toBe(`The address "${slug}" is already taken; choose another. “${slug}-2” is free.`)
    expect(await page.getByLabel('Workspace address').getAttribute('aria-invalid')).toBe('true')

    await page.getByLabel('Workspace address').fill('pricing')
    await page.getByRole('button', { name: 'Create workspace' }).click()
    expect(await page.locator('#slug-error').textContent()).toContain('The address “pricing” is reserved; choose another.')

    await page.goto(`${app.candor.url}/w/${slug}`)
    await page.getByRole('button', { name: 'Hide for me' }).click()
    await page.getByTestId('setup-checklist-hidden').waitFor()
    expect(await page.getByTestId('setup-checklist-hidden').textContent()).toContain('Setup: 0 of 9 steps done. You hid the checklist.')
    await page.getByRole('button', { name: 'Show the setup checklist' }).click()
    await page.getByTestId('setup-checklist').waitFor()
    await context.close()
  })
})
