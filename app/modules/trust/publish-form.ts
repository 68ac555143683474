// The publish form: the checklist token the page showed (so a confirmation covers what was
// read), the confirmation, and the sections the browser found edited but not saved.
import { z } from 'zod'
import { SECTIONS, SECTION_IDS, type SectionId } from './content'

export const publishInput = z.object({
  review: z
    .string('Reload the page: the publish form is incomplete.')
    .max(1000, 'Reload the page: the publish form is not one this page sent.')
    .regex(/^[0-9a-z_:|-]+$/, 'Reload the page: the publish form is not one this page sent.'),
  confirm: z.literal('yes', 'Tick the box to confirm, or leave it empty.').optional(),
  unsaved: z
    .string('Reload the page: the list of unsaved sections is not one this page sent.')
    .max(500, 'Reload the page: the list of unsaved sections is too long.')
    .default('')
    .transform((value) => value.split(',').filter(Boolean))
    .pipe(z.array(z.enum(SECTION_IDS as [SectionId, ...SectionId[]], 'Reload the page: an unsaved section is not one of this page’s.'))),
})

export type PublishInput = z.output<typeof publishInput>

/** The refusal when sections have unsaved edits and the publisher did not confirm leaving them out. */
export function unsavedRefusal(sections: SectionId[]): string {
  const names = sections.map((id) => SECTIONS[id].label)
  return `${names.join(', ')} ${names.length === 1 ? 'has' : 'have'} changes you have not saved: publishing uses the saved draft. Save ${names.length === 1 ? 'that section' : 'those sections'} first, or tick the box to publish without ${names.length === 1 ? 'it' : 'them'}.`
}
