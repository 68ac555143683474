// The logo upload, through the Branding page's action as the browser sends it (multipart): the
// bytes decide what a file is; SVG, HTML named .png, oversized, bomb-sized and truncated files
// are refused in words with nothing written; what is stored is re-encoded (no text chunk, no
// EXIF, nothing appended) and served at an address made from its hash, with strict headers.
import { describe, expect, it } from 'vitest'
import sharp from 'sharp'
import { sessionCookie, startSession } from '~/modules/auth/sessions.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withPlatform } from '~/modules/db/tenant.server'
import { MAX_LOGO_BYTES } from '~/modules/branding/logo-limits'
import { action as brandingAction, loader as brandingLoader } from '~/routes/dashboard/branding'
import { loader as logoLoader } from '~/routes/trust/logo'
import { loader as accentLoader } from '~/routes/trust/accent-stylesheet'
import { addMember, makeOwnedWorkspace } from '../support/factories'
import { APPENDED, EXIF_MARKER, HTML_AS_PNG, SECRET_TEXT, SVG_LOGO, jpegWithExif, plainPng, pngWithTextAndPayload } from '../support/logo-files'
import { answerOf, callAction, callLoader } from '../support/route-call'

async function signedInOwner() {
  const owned = await makeOwnedWorkspace()
  const { token } = await withPlatform((tx) => startSession(tx, owned.owner.id))
  const cookie = (await sessionCookie().serialize(token)).split(';')[0]!
  return { ...owned, cookie }
}

type Owner = Awaited<ReturnType<typeof signedInOwner>>

async function post(owner: Owner, fields: Record<string, string>, file?: { bytes: Uint8Array | string; name: string; type: string }) {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) form.set(name, value)
  if (file) form.set('logo', new File([file.bytes as BlobPart], file.name, { type: file.type }))
  const slug = owner.workspace.slug
  return answerOf(await callAction(brandingAction, { path: `/w/${slug}/branding`, params: { slug }, form, headers: { cookie: owner.cookie } }))
}

const upload = (owner: Owner, bytes: Uint8Array | string, name = 'logo.png', type = 'image/png') => post(owner, { intent: 'logo' }, { bytes, name, type })

async function brandingRow(workspaceId: string) {
  const { rows } = await ownerPool().query('SELECT * FROM workspace_branding WHERE workspace_id = $1', [workspaceId])
  return rows[0] as { logo: Buffer | null; logo_type: string | null; logo_sha256: string | null; logo_width: number | null; logo_height: number | null; accent_color: string | null } | undefined
}

async function auditActions(workspaceId: string) {
  const { rows } = await ownerPool().query("SELECT action FROM audit_entry WHERE workspace_id = $1 AND action LIKE 'branding.%' ORDER BY seq", [workspaceId])
  return rows.map((row) => row.action as string)
}

async function logoAt(slug: string, file: string) {
  const answer = await callLoader(logoLoader, { path: `/t/${slug}/logo/${file}`, params: { slug, file } })
  if (answer instanceof Response) return { status: answer.status, headers: answer.headers, bytes: Buffer.from(await answer.arrayBuffer()) }
  const shaped = await answerOf(answer)
  return { status: shaped.status, headers: shaped.headers, bytes: Buffer.alloc(0) }
}

describe('uploading a logo', () => {
  it('stores a PNG re-encoded: its text chunk and the script appended after it are gone, and it fits 512 px', async () => {
    const owner = await signedInOwner()
    const sent = await pngWithTextAndPayload()
    expect(sent.includes(Buffer.from(SECRET_TEXT, 'latin1'))).toBe(true)
    const answer = await upload(owner, sent)
    expect(answer.status).toBe(200)
    expect((answer.body as { notice: string }).notice).toContain('512 × 192 pixels')
    const row = (await brandingRow(owner.workspace.id))!
    expect(row.logo_type).toBe('image/png')
    expect([row.logo_width, row.logo_height]).toEqual([512, 192])
    expect(row.logo!.includes(Buffer.from(SECRET_TEXT, 'latin1'))).toBe(false)
    expect(row.logo!.includes(Buffer.from(APPENDED))).toBe(false)
    expect(row.logo!.includes(Buffer.from('tEXt', 'latin1'))).toBe(false)
    // Still a PNG that ends where its image ends.
    expect(row.logo!.subarray(-8).toString('latin1')).toBe('IEND\u00aeB`\u0082')
    const meta = await sharp(row.logo!).metadata()
    expect([meta.format, meta.width, meta.height, meta.hasAlpha]).toEqual(['png', 512, 192, true])
    expect(await auditActions(owner.workspace.id)).toEqual(['branding.logo_set'])
  })

  it('stores a JPEG without its EXIF (author, GPS position)', async () => {
    const owner = await signedInOwner()
    const sent = await jpegWithExif()
    expect((await sharp(sent).metadata()).exif).toBeDefined()
    expect(sent.includes(Buffer.from(EXIF_MARKER))).toBe(true)
    expect((await upload(owner, sent, 'photo.jpg', 'image/jpeg')).status).toBe(200)
    const row = (await brandingRow(owner.workspace.id))!
    expect(row.logo_type).toBe('image/jpeg')
    expect(row.logo!.includes(Buffer.from(EXIF_MARKER))).toBe(false)
    expect(row.logo!.includes(Buffer.from('Exif', 'latin1'))).toBe(false)
    const meta = await sharp(row.logo!).metadata()
    expect(meta.exif).toBeUndefined()
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 341, 256])
  })

  it('takes a WebP and stores it as a PNG', async () => {
    const owner = await signedInOwner()
    const webp = await sharp(await plainPng(300, 100)).webp().toBuffer()
    expect((await upload(owner, webp, 'logo.webp', 'image/webp')).status).toBe(200)
    expect((await brandingRow(owner.workspace.id))!.logo_type).toBe('image/png')
  })

  it.each([
    ['an SVG', SVG_LOGO, 'logo.svg', 'image/svg+xml', 'SVG logos are not accepted: an SVG file can carry script'],
    ['an SVG named .png', SVG_LOGO, 'logo.png', 'image/png', 'Export the logo as a PNG'],
    ['HTML named .png', HTML_AS_PNG, 'logo.png', 'image/png', 'not a PNG, JPEG or WebP image, whatever its name says'],
    ['an empty file part with a name', '', 'logo.png', 'image/png', 'Choose a logo file'],
  ])('refuses %s with a message and writes nothing', async (_, bytes, name, type, message) => {
    const owner = await signedInOwner()
    const answer = await upload(owner, bytes, name, type)
    expect(answer.status).toBe(400)
    expect((answer.body as { error: string }).error).toContain(message)
    expect(await brandingRow(owner.workspace.id)).toBeUndefined()
    expect(await auditActions(owner.workspace.id)).toEqual([])
  })

  it('refuses a file over 1 MB, saying the limit', async () => {
    const owner = await signedInOwner()
    // A real PNG made large by noise, just over the limit.
    const noise = Buffer.alloc(MAX_LOGO_BYTES + 10, 7)
    const png = Buffer.concat([await plainPng(), noise])
    const answer = await upload(owner, png)
    expect(answer.status).toBe(400)
    expect((answer.body as { error: string }).error).toContain('The logo may be at most 1.0 MB')
    expect(await brandingRow(owner.workspace.id)).toBeUndefined()
  })

  it('refuses an image of too many pixels (a decompression bomb) before decoding it', async () => {
    const owner = await signedInOwner()
    // 10 000 × 5 000 pixels of one colour: a few KB of file, 200 MB once decoded.
    const bomb = await sharp({ create: { width: 10_000, height: 5_000, channels: 3, background: '#ffffff' } }).png({ compressionLevel: 9 }).toBuffer()
    expect(bomb.length).toBeLessThan(MAX_LOGO_BYTES)
    const answer = await upload(owner, bomb)
    expect(answer.status).toBe(400)
    expect((answer.body as { error: string }).error).toContain('This image is 10000 × 5000 pixels')
    expect(await brandingRow(owner.workspace.id)).toBeUndefined()
  })

  it('refuses a truncated PNG and a truncated JPEG, and writes nothing', async () => {
    const owner = await signedInOwner()
    const png = await plainPng()
    const jpeg = await jpegWithExif()
    for (const [bytes, name] of [[png.subarray(0, Math.floor(png.length / 2)), 'logo.png'], [jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'logo.jpg']] as const) {
      const answer = await upload(owner, bytes, name)
      expect(answer.status, name).toBe(400)
      expect((answer.body as { error: string }).error).toContain('damaged or incomplete')
    }
    expect(await brandingRow(owner.workspace.id)).toBeUndefined()
    expect(await auditActions(owner.workspace.id)).toEqual([])
  })

  it('is open to owners and admins only', async () => {
    const owner = await signedInOwner()
    for (const role of ['agent', 'viewer'] as const) {
      const person = await addMember(owner.workspace.id, role)
      const { token } = await withPlatform((tx) => startSession(tx, person.userId))
      const cookie = (await sessionCookie().serialize(token)).split(';')[0]!
      const slug = owner.workspace.slug
      const page = await answerOf(await callLoader(brandingLoader, { path: `/w/${slug}/branding`, params: { slug }, headers: { cookie } }))
      expect(page.status, role).toBe(403)
      const sent = await answerOf(await callAction(brandingAction, { path: `/w/${slug}/branding`, params: { slug }, form: { intent: 'accent', accentColor: '#000000' }, headers: { cookie } }))
      expect(sent.status, role).toBe(403)
    }
    expect(await brandingRow(owner.workspace.id)).toBeUndefined()
  })
})

describe('the public logo', () => {
  it('is served at its hash with its exact type, nosniff, a strict CSP and a year of caching; another name is a 404', async () => {
    const owner = await signedInOwner()
    await upload(owner, await pngWithTextAndPayload())
    const row = (await brandingRow(owner.workspace.id))!
    const file = `${row.logo_sha256!.slice(0, 16)}.png`
    const served = await logoAt(owner.workspace.slug, file)
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(served.headers.get('x-content-type-options')).toBe('nosniff')
    expect(served.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(served.headers.get('content-security-policy')).toContain('sandbox')
    expect(served.headers.get('cache-control')).toBe('public, max-age=86400')
    expect(served.bytes.equals(row.logo!)).toBe(true)

    for (const other of [`${'0'.repeat(16)}.png`, `${row.logo_sha256!.slice(0, 16)}.jpg`, `${row.logo_sha256!.slice(0, 16)}.PNG`, 'logo.png', `${row.logo_sha256}.png`]) {
      expect((await logoAt(owner.workspace.slug, other)).status, other).toBe(404)
    }
    // Another workspace's address with this logo's name: a 404.
    const other = await makeOwnedWorkspace()
    expect((await logoAt(other.workspace.slug, file)).status).toBe(404)

    // A new logo moves the address; the old one is gone.
    await upload(owner, await jpegWithExif(), 'photo.jpg', 'image/jpeg')
    const next = (await brandingRow(owner.workspace.id))!
    expect((await logoAt(owner.workspace.slug, file)).status).toBe(404)
    expect((await logoAt(owner.workspace.slug, `${next.logo_sha256!.slice(0, 16)}.jpg`)).headers.get('content-type')).toBe('image/jpeg')

    // Removed: no logo at any address, the row says so, the audit log too.
    expect((await post(owner, { intent: 'remove_logo' })).status).toBe(200)
    expect((await logoAt(owner.workspace.slug, `${next.logo_sha256!.slice(0, 16)}.jpg`)).status).toBe(404)
    expect((await brandingRow(owner.workspace.id))!.logo).toBeNull()
    expect(await auditActions(owner.workspace.id)).toEqual(['branding.logo_set', 'branding.logo_set', 'branding.logo_remove'])
  })
})

describe('the accent colour', () => {
  it('refuses a colour below 4.5:1 with white, saying its ratio and a darker one that passes', async () => {
    const owner = await signedInOwner()
    const answer = await post(owner, { intent: 'accent', accentColor: '#FFCC00' })
    expect(answer.status).toBe(400)
    const body = answer.body as { error: string; suggestion: string }
    expect(body.error).toContain('#ffcc00 has a contrast of 1.5:1 with white')
    expect(body.error).toContain(`A darker shade such as ${body.suggestion}`)
    expect(await brandingRow(owner.workspace.id)).toBeUndefined()
    // The suggested shade is accepted.
    expect((await post(owner, { intent: 'accent', accentColor: body.suggestion })).status).toBe(200)
    expect((await brandingRow(owner.workspace.id))!.accent_color).toBe(body.suggestion)
  })

  it.each(['red', '#12345', '#1234567', `#${'a'.repeat(200)}`, '#00000g', 'rgb(0, 0, 0)'])('refuses %j as a colour in words', async (accentColor) => {
    const owner = await signedInOwner()
    const answer = await post(owner, { intent: 'accent', accentColor })
    expect(answer.status).toBe(400)
    expect((answer.body as { error: string }).error).toMatch(/^Enter the colour as # and six hexadecimal digits/)
    expect(await brandingRow(owner.workspace.id)).toBeUndefined()
  })

  it('serves the stylesheet of the current colour only, and goes back to Candor’s', async () => {
    const owner = await signedInOwner()
    expect((await post(owner, { intent: 'accent', accentColor: '#7a1f5c' })).status).toBe(200)
    const slug = owner.workspace.slug
    const css = await callLoader(accentLoader, { path: `/t/${slug}/accent/7a1f5c.css`, params: { slug, file: '7a1f5c.css' } })
    expect(css).toBeInstanceOf(Response)
    const response = css as Response
    expect(response.headers.get('content-type')).toBe('text/css; charset=utf-8')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await response.text()).toContain('--color-brand-600:#7a1f5c')
    const stale = await answerOf(await callLoader(accentLoader, { path: `/t/${slug}/accent/1f5fbf.css`, params: { slug, file: '1f5fbf.css' } }))
    expect(stale.status).toBe(404)
    const reset = await post(owner, { intent: 'reset_accent' })
    expect(reset.status).toBe(200)
    expect((reset.body as { notice: string }).notice).toBe('Your pages and e-mails use Candor’s colour again.')
    expect((await brandingRow(owner.workspace.id))!.accent_color).toBeNull()
    // Again: nothing changes, and the page says so rather than claim a change.
    expect(((await post(owner, { intent: 'reset_accent' })).body as { notice: string }).notice).toBe('Your pages and e-mails already use Candor’s colour.')
    const gone = await answerOf(await callLoader(accentLoader, { path: `/t/${slug}/accent/7a1f5c.css`, params: { slug, file: '7a1f5c.css' } }))
    expect(gone.status).toBe(404)
    expect(await auditActions(owner.workspace.id)).toEqual(['branding.accent_color', 'branding.accent_color'])
  })
})
