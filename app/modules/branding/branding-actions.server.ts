// The Branding page's forms, one action: upload a logo (multipart), remove it, set the accent
// colour, go back to Candor's. Each answers a refusal in words (status 400) or what changed.
import { z } from 'zod'
import type { RequestOrigin } from '~/modules/audit/record.server'
import type { Member } from '~/modules/auth/member.server'
import { readFormWithFiles } from '~/modules/http/form.server'
import { accentColourInput, checkAccent } from './accent-colour'
import { removeLogo, setAccentColour, setLogo } from './branding.server'
import { sanitiseLogo } from './logo-image.server'
import { LOGO_TOO_LARGE, LOGO_UPLOAD_BODY_BYTES } from './logo-upload-limit'

const brandingForm = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('logo') }),
  z.object({ intent: z.literal('remove_logo') }),
  z.object({ intent: z.literal('accent'), accentColor: z.string().max(100, 'Enter the colour as # and six hexadecimal digits, such as #1f5fbf.') }),
  z.object({ intent: z.literal('reset_accent') }),
])

export type BrandingOutcome =
  | { ok: true; notice: string }
  | { ok: false; status: 400; intent?: string; error: string; suggestion?: string; values: Record<string, string> }

export async function brandingAction(member: Member, request: Request, origin: RequestOrigin): Promise<BrandingOutcome> {
  const { values, files, fileError } = await readFormWithFiles(request, {
    field: 'logo',
    maxFiles: 1,
    maxTotalBytes: LOGO_UPLOAD_BODY_BYTES,
    tooMuch: LOGO_TOO_LARGE,
  })
  const refuse = (error: string, extra: { intent?: string; suggestion?: string } = {}): BrandingOutcome => ({ ok: false, status: 400, error, values, ...extra })
  const parsed = brandingForm.safeParse(values)
  if (!parsed.success) return refuse(parsed.error.issues[0]?.path[0] === 'intent' ? 'Choose what to change.' : (parsed.error.issues[0]?.message ?? 'Choose what to change.'), { intent: values.intent })
  const form = parsed.data
  switch (form.intent) {
    case 'logo': {
      if (fileError) return refuse(fileError, { intent: 'logo' })
      const file = files[0]
      if (!file) return refuse('Choose a logo file to upload (PNG, JPEG or WebP).', { intent: 'logo' })
      const verdict = await sanitiseLogo(new Uint8Array(await file.arrayBuffer()))
      if (!verdict.ok) return refuse(verdict.message, { intent: 'logo' })
      await setLogo(member, verdict.logo, origin)
      return { ok: true, notice: `The new logo is saved (${verdict.logo.width} × ${verdict.logo.height} pixels) and shows on your trust page, portal and e-mails.` }
    }
    case 'remove_logo':
      return (await removeLogo(member, origin))
        ? { ok: true, notice: 'The logo is removed: your pages and e-mails show your name instead.' }
        : { ok: true, notice: 'There was no logo to remove.' }
    case 'accent': {
      const colour = accentColourInput.safeParse(form.accentColor)
      if (!colour.success) return refuse(colour.error.issues[0]!.message, { intent: 'accent' })
      const verdict = checkAccent(colour.data)
      if (!verdict.ok) return refuse(verdict.message, { intent: 'accent', suggestion: verdict.suggestion })
      return (await setAccentColour(member, verdict.colour, origin))
        ? { ok: true, notice: `The accent colour is now ${verdict.colour}.` }
        : { ok: true, notice: `The accent colour was already ${verdict.colour}.` }
    }
    case 'reset_accent':
      return (await setAccentColour(member, null, origin))
        ? { ok: true, notice: 'Your pages and e-mails use Candor’s colour again.' }
        : { ok: true, notice: 'Your pages and e-mails already use Candor’s colour.' }
  }
}
