// `source` through `transform`, read from the transform's end. Unlike .pipe(), an error on
// either side destroys both (no file handle or upload left open) and reaches the reader.
import { type Readable, type Transform, pipeline } from 'node:stream'

export function chain(source: Readable, transform: Transform): Transform {
  // The error also reaches whoever reads `transform`; this callback only has to exist.
  return pipeline(source, transform, () => {})
}
