// Where the incident register lives in the dashboard (links in pages and e-mails).
export const incidentsPath = (slug: string) => `/w/${slug}/incidents`
export const incidentPath = (slug: string, incidentId: string) => `${incidentsPath(slug)}/${incidentId}`
