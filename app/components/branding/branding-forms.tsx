// The Branding page's two forms: the logo (upload, or remove) and the accent colour (set, or go
// back to Candor's). Plain forms that post without JavaScript; the upload is multipart.
import { useState } from 'react'
import { Form } from 'react-router'
import { checkAccent, contrastWithWhite, formatRatio, isHexColour } from '~/modules/branding/accent-colour'
import type { BrandView } from '~/modules/branding/brand-paths'
import { MAX_LOGO_BYTES } from '~/modules/branding/logo-limits'
import { useHydrated } from '~/components/use-hydrated'
import { BrandMark } from './brand-mark'

/** A titled part of the page, named by its heading (PageSection's shape, without its top margin). */
function BrandingSection(props: { id: string; title: string; className?: string; children: React.ReactNode }) {
  return (
    <section id={props.id} aria-labelledby={`${props.id}-heading`} className={props.className}>
      <h2 id={`${props.id}-heading`} className="text-lg font-semibold">
        {props.title}
      </h2>
      {props.children}
    </section>
  )
}

const primary = 'mt-4 rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600'
const secondary = 'mt-4 rounded border border-slate-300 bg-white px-4 py-2 font-medium text-slate-800 hover:bg-slate-50'

export function LogoSection(props: { brand: BrandView; workspaceName: string; error?: string }) {
  const { logo } = props.brand
  return (
    <BrandingSection id="logo" title="Logo">
      <div className="mt-3 rounded-xl border border-slate-200 p-5">
        {logo ? (
          <div className="flex flex-wrap items-center gap-4">
            <div className="rounded border border-slate-200 bg-white p-3">
              <BrandMark brand={props.brand} name={props.workspaceName} />
            </div>
            <p className="text-sm text-slate-600">
              Stored as {logo.width} × {logo.height} pixels, re-encoded by Candor. Its alt text is “{props.workspaceName}”.
            </p>
          </div>
        ) : (
          <p className="text-sm text-slate-600">No logo yet: your pages and e-mails show “{props.workspaceName}” in text.</p>
        )}
        <Form method="post" encType="multipart/form-data" className="mt-4">
          <input type="hidden" name="intent" value="logo" />
          <label htmlFor="logo-file" className="block text-sm font-medium">
            {logo ? 'Replace the logo' : 'Upload a logo'}
          </label>
          <p id="logo-hint" className="mt-1 text-sm text-slate-500">
            PNG (best, with a transparent background), JPEG or WebP, at most {MAX_LOGO_BYTES / (1024 * 1024)} MB. SVG is not accepted.
            Candor scales it to fit 512 × 256 pixels and removes any metadata, such as a photo’s location.
          </p>
          <input
            id="logo-file"
            name="logo"
            type="file"
            accept="image/png,image/jpeg,image/webp"
            aria-describedby={props.error ? 'logo-hint logo-error' : 'logo-hint'}
            aria-invalid={props.error ? true : undefined}
            className="mt-2 block w-full text-sm text-slate-700 file:mr-3 file:cursor-pointer file:rounded file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:font-medium file:text-slate-800 hover:file:bg-slate-50"
          />
          {props.error ? (
            <p id="logo-error" className="mt-1 text-sm text-red-700">
              {props.error}
            </p>
          ) : null}
          <button type="submit" className={primary}>
            Upload logo
          </button>
        </Form>
        {logo ? (
          <Form method="post">
            <input type="hidden" name="intent" value="remove_logo" />
            <button type="submit" className={secondary}>
              Remove logo
            </button>
          </Form>
        ) : null}
      </div>
    </BrandingSection>
  )
}

/** What the colour being typed would give, said as it is typed (JavaScript only). */
function liveVerdict(typed: string): string | null {
  if (!isHexColour(typed)) return null
  const colour = typed.trim().toLowerCase()
  const verdict = checkAccent(colour)
  return verdict.ok ? `Contrast with white ${formatRatio(contrastWithWhite(colour))}: passes.` : verdict.message
}

export function AccentSection(props: {
  brand: BrandView
  candorAccent: string
  error?: string
  suggestion?: string
  typed?: string
  onColour?: (colour: string | null) => void
}) {
  const hydrated = useHydrated()
  const saved = props.brand.accentColour
  const [typed, setTyped] = useState(props.typed ?? saved ?? props.candorAccent)
  // What the typed colour would give, once it differs from what is saved and from what was just refused (said already).
  const live = hydrated && typed !== (saved ?? props.candorAccent) && typed !== props.typed ? liveVerdict(typed) : null
  const change = (value: string) => {
    setTyped(value)
    const valid = isHexColour(value)
    props.onColour?.(valid && value.trim().toLowerCase() !== saved ? value.trim().toLowerCase() : null)
  }
  return (
    <BrandingSection id="accent" title="Accent colour" className="mt-10">
      <div className="mt-3 rounded-xl border border-slate-200 p-5">
        <p className="text-sm text-slate-600">
          {saved ? `Your accent colour is ${saved}.` : `Your pages use Candor’s colour, ${props.candorAccent}.`} It colours buttons (with white text),
          links and focus rings, so it needs a contrast of at least 4.5:1 with white.
        </p>
        <Form method="post" className="mt-4">
          <input type="hidden" name="intent" value="accent" />
          <label htmlFor="accentColor" className="block text-sm font-medium">
            Colour
          </label>
          <p id="accentColor-hint" className="mt-1 text-sm text-slate-500">
            # and six hexadecimal digits, such as #1f5fbf.
          </p>
          <div className="mt-1 flex items-center gap-3">
            <input
              id="accentColor"
              name="accentColor"
              type="text"
              value={typed}
              onChange={(event) => change(event.target.value)}
              maxLength={100}
              autoComplete="off"
              spellCheck={false}
              aria-describedby={['accentColor-hint', props.error ? 'accentColor-error' : '', live ? 'accentColor-live' : ''].filter(Boolean).join(' ')}
              aria-invalid={props.error ? true : undefined}
              className="block w-40 rounded border border-slate-300 bg-white px-3 py-2 font-mono"
            />
            {hydrated ? (
              <input
                type="color"
                aria-label="Pick the colour"
                value={isHexColour(typed) ? typed.trim().toLowerCase() : props.candorAccent}
                onChange={(event) => change(event.target.value)}
                className="h-10 w-12 cursor-pointer rounded border border-slate-300 bg-white"
              />
            ) : null}
          </div>
          {props.error ? (
            <p id="accentColor-error" className="mt-1 text-sm text-red-700">
              {props.error}
            </p>
          ) : null}
          {live ? (
            <p id="accentColor-live" aria-live="polite" className="mt-1 text-sm text-slate-700">
              {live}
            </p>
          ) : null}
          <div className="flex flex-wrap gap-3">
            <button type="submit" className={primary}>
              Save colour
            </button>
            {props.suggestion ? (
              <button type="submit" name="accentColor" value={props.suggestion} className={secondary}>
                Use {props.suggestion} instead
              </button>
            ) : null}
          </div>
        </Form>
        {saved ? (
          <Form method="post">
            <input type="hidden" name="intent" value="reset_accent" />
            <button type="submit" className={secondary}>
              Use Candor’s colour
            </button>
          </Form>
        ) : null}
      </div>
    </BrandingSection>
  )
}
