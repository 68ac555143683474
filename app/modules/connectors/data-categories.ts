// The data categories a column of a dataset map can carry: what kind of personal data it holds,
// in the words an access answer and a record of processing use. A column without one is not
// personal data.
export const DATA_CATEGORIES = {
  contact: 'Contact (e-mail, phone)',
  name: 'Name',
  identifier: 'Identifier',
  financial: 'Financial',
  location: 'Location',
  online_identifier: 'Online identifier',
  date_of_birth: 'Date of birth',
  free_text: 'Free text',
  behaviour: 'Behaviour',
} as const

export type DataCategory = keyof typeof DATA_CATEGORIES
