// Starts replay-worker.ts under the TypeScript sources: a worker thread does
// not inherit the tsx loader of the thread that made it. The build bundles
// replay-worker.ts as dist/import-worker.js instead.
import { register } from 'tsx/esm/api';

register();
await import('./replay-worker.ts');
