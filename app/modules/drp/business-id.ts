// A workspace's Covered Business id in DRP messages (`business-id`, §2.01): its address in
// capitals, hyphens as underscores, close to the directory's [A-Z_]+ form. The dashboard shows
// it, for the company to give the DRP directory and its agents.
export const businessIdOf = (slug: string): string => slug.toUpperCase().replaceAll('-', '_')
