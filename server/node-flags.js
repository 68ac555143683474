// The V8 flags every long-running Candor process starts with: `npm start`, the Docker image (and
// so Fly and Compose), and the servers the tests start. Kept in step by node-flags.test.ts.
//
// --max-semi-space-size=2: a young generation of 2 MB semi-spaces instead of V8's 16 MB. Candor's
// streams (exports, backups, uploads) make buffers that die young; with 16 MB semi-spaces they
// outlive several collections, are promoted, and the old generation grows with the size of the
// export until a full collection. Measured in decision 035: a worker's peak for 500,000 records
// fell from 272 to 225 MB, and the export got faster, not slower.
//
// --max-old-space-size=512: V8's default limit here is a quarter of the machine's memory (4 GB on
// a 24 GB machine), and it starts full collections only as the old generation nears half of it,
// so a long export's promoted garbage (parsed rows, stream buffers) piled up until the end of the
// job: +60 MB at 2,000,000 records. With 512 MB the worker's peak was the same at 20,000 and
// 2,000,000 records (decision 035). A Candor process's live heap is about 60 MB; exports,
// backups and uploads are streamed; the Postgres connector holds a subject's row addresses
// (about 50 MB per million rows), which 256 MB would have made fatal for a large subject.
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=2', '--max-old-space-size=512']
