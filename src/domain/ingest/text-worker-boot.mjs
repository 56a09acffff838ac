// Worker threads do not inherit tsx's loader hooks, so the worker loads its TypeScript through tsx's API.
import { tsImport } from 'tsx/esm/api';

await tsImport('./text-worker.ts', import.meta.url);
