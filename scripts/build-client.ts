/**
 * Bundles the browser code (src/client/explorer/main.ts, with Cytoscape and fCoSE from npm) into
 * public/build/explorer.js with a source map. Runs on `npm install`, before `npm start` and before
 * `npm test`; `--watch` rebuilds on change.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'public', 'build');

const options: esbuild.BuildOptions = {
  entryPoints: {
    explorer: path.join(root, 'src', 'client', 'explorer', 'main.ts'),
    map: path.join(root, 'src', 'client', 'map', 'main.ts'),
    shortlist: path.join(root, 'src', 'client', 'shortlist', 'main.ts'),
  },
  outdir,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  minify: process.env.NODE_ENV !== 'development',
  sourcemap: true,
  legalComments: 'linked',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  metafile: true,
};

/** Builds the bundle once; returns the output files with their sizes. */
export async function buildClient(): Promise<string[]> {
  mkdirSync(outdir, { recursive: true });
  const result = await esbuild.build(options);
  return Object.entries(result.metafile?.outputs ?? {})
    .filter(([file]) => file.endsWith('.js'))
    .map(([file, o]) => `${path.relative(root, path.resolve(file))} (${Math.round(o.bytes / 1024)} kB)`);
}

async function main(): Promise<void> {
  mkdirSync(outdir, { recursive: true });
  if (process.argv.includes('--watch')) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
    console.log(`Watching the explorer sources; bundles go to ${path.relative(root, outdir)}/`);
    return;
  }
  console.log(`Built the explorer: ${(await buildClient()).join(', ')}`);
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isMain) {
  main().catch((err: unknown) => {
    console.error(`The explorer bundle could not be built: ${(err as Error).message}`);
    process.exit(1);
  });
}
