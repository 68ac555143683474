// The data categories a column of a dataset map can carry: what kind of personal data it holds,
// in the words an access answer and a record of processing use. A column without one is not
// personal data.
export const DATA_CATEGORIES = {
  contact: 'Contact details (e-mail, phone)',
  name: 'Name',
  identifier: 'Identifier (an id of the person)',
  financial: 'Financial (card, bank account)',
  location: 'Location (address, coordinates)',
  online_identifier: 'Online identifier (IP address, user agent)',
  date_of_birth: 'Date of birth',
  free_text: 'Free text (may hold anything)',
  behaviour: 'Behaviour (activity, events)',
} as const

export type DataCategory = keyof typeof DATA_CATEGORIES

export const categoryLabel = (category: string | null) =>
  category === null ? 'Not personal' : (DATA_CATEGORIES[category as DataCategory] ?? category)
