// Where a privacy request lives on the desk: its reference, the name staff and requesters
// quote to each other, rather than its database id.
export const deskRequestPath = (slug: string, reference: string) => `/w/${slug}/requests/${reference}`
