// Browser tests run against the production build: build it first if the sources changed.
import { buildIfStale } from '../../server/build.js'

export function setup() {
  if (!buildIfStale()) throw new Error('The build failed; the browser tests need it.')
}
