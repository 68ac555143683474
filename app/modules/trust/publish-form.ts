// The publish form: the checklist token the page showed (so a confirmation covers what was
// read) and the confirmation.
import { z } from 'zod'

export const publishInput = z.object({
  review: z
    .string('Reload the page: the publish form is incomplete.')
    .max(1000, 'Reload the page: the publish form is not one this page sent.')
    .regex(/^[0-9a-z_:|-]+$/, 'Reload the page: the publish form is not one this page sent.'),
  confirm: z.literal('yes', 'Tick the box to confirm, or leave it empty.').optional(),
})

export type PublishInput = z.output<typeof publishInput>
