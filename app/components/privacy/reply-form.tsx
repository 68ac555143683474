// The requester's answer when the company waits for them; when it asked for identity
// information, the answer may carry one file (PDF, PNG or JPEG, at most 10 MB).
import { Form } from 'react-router'
import { SubmitButton } from '~/components/auth-card'
import { Field } from '~/components/field'

export function ReplyForm(props: { identityAsked: boolean }) {
  return (
    <Form method="post" encType={props.identityAsked ? 'multipart/form-data' : undefined} className="mt-8 grid gap-4">
      <input type="hidden" name="intent" value="reply" />
      <Field label="Your answer" name="body" multiline hint="We asked you for something above: answer here." />
      {props.identityAsked ? (
        <div>
          <label htmlFor="attachment" className="block text-sm font-medium">
            Attach a file (optional)
          </label>
          <input
            id="attachment"
            name="attachment"
            type="file"
            accept="application/pdf,image/png,image/jpeg"
            aria-describedby="attachment-hint"
            className="mt-1 block w-full text-sm file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-3 file:py-2"
          />
          <p id="attachment-hint" className="mt-1 text-sm text-slate-600">
            A PDF, PNG or JPEG of at most 10 MB, for the identity information asked for. It is stored encrypted, and
            deleted with your other details if you later have your data erased.
          </p>
        </div>
      ) : null}
      <SubmitButton>Send my answer</SubmitButton>
    </Form>
  )
}
