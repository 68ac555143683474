// Candor's starter NDA for gated trust-page documents (issue 18): a short one-way confidentiality
// agreement a visitor accepts before reading, say, a SOC 2 report. The documents page offers it
// in the form until the workspace saves its own; nothing is in force until an admin saves it.
// A plain-language starting point, not legal advice. Markdown, like the text it stands in for.

export function defaultNda(company: string): string {
  return `## Confidentiality agreement for ${company}'s security documents

By ticking "I accept", you agree, for yourself and for the organisation you name in the request, to the following.

1. **Confidential information.** The documents ${company} shares with you through this trust center, and anything in them that is not public, are confidential.
2. **Use.** You use them only to assess ${company}'s security and privacy practices for a business relationship with ${company}.
3. **Sharing.** You share them only with your employees and professional advisers who need them for that purpose and who are bound by confidentiality at least as strict as this agreement. You do not publish them.
4. **Care.** You protect them with at least the care you give your own confidential information, and no less than reasonable care.
5. **Exceptions.** This agreement does not cover information that is or becomes public through no fault of yours, that you already had lawfully, or that the law or a court requires you to disclose (in which case you tell ${company} first where the law allows).
6. **Return or deletion.** When ${company} asks, or when you no longer need them, you delete or return the documents and any copies.
7. **Duration.** These obligations last three years from the day you accept, or longer for anything that remains a trade secret.
`
}
