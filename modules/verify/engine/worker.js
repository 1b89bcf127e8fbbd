// A worker thread of the verify engine: loads the TypeScript sources (under ts-node) or their compiled form.
const { workerData } = require('worker_threads');
if (workerData.source === 'ts') require('ts-node').register({ transpileOnly: true, swc: true });
require('./worker-main');
