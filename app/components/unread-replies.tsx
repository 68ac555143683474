// The queue's mark for a request whose requester wrote since the member last opened it (the
// words "New reply", so colour is never the only signal), and the filter that lists only those.

export function NewReplyBadge({ unread }: { unread: boolean }) {
  if (!unread) return null
  return (
    <span className="ml-2 inline-block rounded border border-blue-300 bg-blue-50 px-2 py-0.5 font-sans text-xs font-medium whitespace-nowrap text-blue-900">
      New reply
    </span>
  )
}

export function UnreadRepliesFilter({ checked, error }: { checked: boolean; error?: string }) {
  return (
    <div className="pb-2">
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" name="unread" value="yes" defaultChecked={checked} />
        With unread replies
      </label>
      {error ? <p className="mt-1 text-sm text-red-700">{error}</p> : null}
    </div>
  )
}
