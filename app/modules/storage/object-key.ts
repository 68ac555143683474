// Object keys and the errors every object store shares. A key is a relative path of lower-case
// segments, so it means the same thing as a file path under a folder and as an S3 key, and no
// key can climb out of its folder or name a store's own temporary files (which start with a dot).

export class InvalidObjectKeyError extends Error {}

export class ObjectNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`There is no object ${key} in the object store.`)
  }
}

const MAX_KEY_LENGTH = 512
const MAX_SEGMENT_LENGTH = 200
// A segment never starts with a dot: no `.`, no `..`, no hidden or temporary file names.
const SEGMENT = /^[a-z0-9_-][a-z0-9_.-]*$/

/** `key` itself when it is a valid object key (e.g. `exports/ws_123/req_456.zip`); throws otherwise. */
export function checkObjectKey(key: string): string {
  const segments = key.split('/')
  const valid =
    key.length > 0 &&
    key.length <= MAX_KEY_LENGTH &&
    segments.every((segment) => segment.length <= MAX_SEGMENT_LENGTH && SEGMENT.test(segment))
  if (!valid) {
    throw new InvalidObjectKeyError(
      `Not a valid object key: ${JSON.stringify(key.slice(0, 80))}. A key is made of segments separated by "/", ` +
        'each of a-z, 0-9, "_", "-" and "." and not starting with "."',
    )
  }
  return key
}
