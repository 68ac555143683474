// The privacy settings' profile form, and Candor's outline: a link that fills the form with what
// Candor knows about the workspace and a prompt for the rest, shown unsaved for review.
import { Form, Link } from 'react-router'
import { Field } from '~/components/field'
import { PageSection } from '~/components/page-section'
import type { PrivacySettingsView } from '~/modules/dsar/privacy-settings-page.server'
import { type FormState, primaryButton, smallButton, textLink } from './form-state'

type Props = Pick<PrivacySettingsView, 'base' | 'profile' | 'profileFields' | 'profileWritten' | 'outline'> & { form: FormState }

export function ProfileSection({ base, profile, profileFields, profileWritten, outline, form }: Props) {
  return (
    <PageSection className="max-w-3xl" id="profile" title="Privacy profile">
      <p className="mt-1 text-sm text-slate-600">
        Every answer to an access request includes this, as GDPR Art. 15 requires. Sub-processors below are listed as the
        recipients.
      </p>
      {outline ? <OutlineNotice base={base} outline={outline} /> : <OutlineOffer base={base} written={profileWritten} />}
      <Form method="post" key={outline?.mode ?? 'saved'} className="mt-4 grid gap-4 rounded border border-slate-200 p-5" noValidate>
        <input type="hidden" name="intent" value="profile" />
        {profileFields.map((field) => (
          <Field
            key={field.name}
            label={field.label}
            name={field.name}
            multiline
            rows={6}
            hint={field.hint}
            value={form.shown('profile', field.name, profile[field.name])}
            error={form.errorOf('profile', field.name)}
          />
        ))}
        <div>
          <button type="submit" className={primaryButton}>
            Save privacy profile
          </button>
        </div>
      </Form>
    </PageSection>
  )
}

function OutlineOffer({ base, written }: { base: string; written: number }) {
  return (
    <div className="mt-4 rounded-md bg-brand-50 px-4 py-3 text-sm">
      <p>
        Candor can fill the form with what it knows about this workspace now: your sub-processors and their regions, your data
        systems’ categories, your retention and deadline settings and your portal’s address, with a prompt in [brackets] for
        everything only you can say. Nothing is saved until you review it and save.
        {written > 0 ? ' Fields that already have text keep it.' : ''}
      </p>
      <p className="mt-2 flex flex-wrap gap-3">
        <Link to={`${base}?outline=blank#profile`} className={smallButton}>
          Start from an outline
        </Link>
        {written > 0 ? (
          <Link to={`${base}?outline=all#profile`} className={smallButton}>
            Replace every field with the outline
          </Link>
        ) : null}
      </p>
    </div>
  )
}

function OutlineNotice({ base, outline }: { base: string; outline: NonNullable<PrivacySettingsView['outline']> }) {
  return (
    <div role="status" className="mt-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm">
      <p className="font-semibold">Not saved: review and save.</p>
      <p className="mt-1">
        {outline.filled.length > 0 ? `The outline filled: ${outline.filled.join(', ')}.` : 'Every field already had text: the outline changed none.'}
        {outline.kept.length > 0 ? ` Your text is kept in: ${outline.kept.join(', ')}.` : ''} Complete or delete each prompt in
        [brackets]: the profile cannot be saved while one is left.
      </p>
      <p className="mt-2 flex flex-wrap gap-3">
        {outline.kept.length > 0 ? (
          <Link to={`${base}?outline=all#profile`} className={textLink}>
            Replace every field with the outline
          </Link>
        ) : null}
        <Link to={`${base}#profile`} className={textLink}>
          Discard the outline
        </Link>
      </p>
    </div>
  )
}
