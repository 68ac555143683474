// The onboarding page's company name and workspace address. Without JavaScript the address may
// be left empty: the server picks a free one from the name. With it, the address follows the
// name as it is typed (until the person edits the address) and the server says at once whether
// it is free (the onboarding loader, asked with ?slug=).
import { useEffect, useRef, useState } from 'react'
import { useFetcher } from 'react-router'
import { suggestSlug } from '~/modules/tenancy/slug-suggestion'

type AddressCheck = { slug: string; problem: string | null } | null

const CONTROL = 'mt-1 block w-full rounded border border-slate-300 bg-white px-3 py-2'

export function WorkspaceAddressFields(props: { company?: string; slug?: string; companyError?: string; slugError?: string }) {
  const [company, setCompany] = useState(props.company ?? '')
  const [slug, setSlug] = useState(props.slug ?? '')
  const edited = useRef(Boolean(props.slug))
  const fetcher = useFetcher<{ address: AddressCheck }>()
  const { load } = fetcher

  useEffect(() => {
    if (slug === '') return
    const timer = setTimeout(() => load(`/onboarding?slug=${encodeURIComponent(slug)}`), 250)
    return () => clearTimeout(timer)
  }, [slug, load])

  const check = fetcher.data?.address?.slug === slug ? fetcher.data.address : null
  const error = props.slugError && slug === props.slug ? props.slugError : (check?.problem ?? undefined)
  const describedBy = ['slug-hint', error ? 'slug-error' : check ? 'slug-status' : ''].filter(Boolean).join(' ')
  return (
    <>
      <div>
        <label htmlFor="company" className="block text-sm font-medium">
          Company name
        </label>
        <input
          id="company"
          name="company"
          autoComplete="organization"
          className={CONTROL}
          value={company}
          aria-invalid={props.companyError ? true : undefined}
          aria-describedby={props.companyError ? 'company-error' : undefined}
          onChange={(event) => {
            setCompany(event.target.value)
            if (!edited.current) setSlug(suggestSlug(event.target.value))
          }}
        />
        {props.companyError ? (
          <p id="company-error" className="mt-1 text-sm text-red-700">
            {props.companyError}
          </p>
        ) : null}
      </div>
      <div>
        <label htmlFor="slug" className="block text-sm font-medium">
          Workspace address
        </label>
        <p id="slug-hint" className="mt-1 text-sm text-slate-500">
          Your trust page will live at /t/{slug || 'your-address'}. Lowercase letters, digits and hyphens; leave it empty and we pick
          one from the company name.
        </p>
        <input
          id="slug"
          name="slug"
          className={CONTROL}
          value={slug}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => {
            edited.current = event.target.value !== ''
            setSlug(event.target.value)
          }}
        />
        <div aria-live="polite">
          {error ? (
            <p id="slug-error" className="mt-1 text-sm text-red-700">
              {error}
            </p>
          ) : check ? (
            <p id="slug-status" className="mt-1 text-sm text-emerald-800" data-testid="slug-free">
              /t/{check.slug} is free.
            </p>
          ) : null}
        </div>
      </div>
    </>
  )
}
