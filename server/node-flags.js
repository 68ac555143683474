// The V8 flags every long-running Candor process starts with: `npm start`, the Docker image (and
// so Fly and Compose), and the servers the tests start. Kept in step by node-flags.test.ts.
//
// --max-semi-space-size=2: a young generation of 2 MB semi-spaces instead of V8's 16 MB. Candor's
// streams (exports, backups, uploads) make buffers that die young; with 16 MB semi-spaces they
// outlive several collections, are promoted, and the old generation grows with the size of the
// export until a full collection. Measured in decision 035: a worker's peak for 500,000 records
// fell from 272 to 225 MB, and the export got faster, not slower.
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=2']
