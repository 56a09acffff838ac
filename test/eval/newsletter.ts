import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The seed newsletter the curated graph was built from. It is not part of the repository: the
 * evaluation reads it from the path INGEST_NEWSLETTER gives.
 */
const given = process.env.INGEST_NEWSLETTER;
if (!given) throw new Error('Set INGEST_NEWSLETTER to the path of the seed newsletter to run this evaluation.');
export const newsletterPath = path.resolve(given);

if (!existsSync(newsletterPath)) {
  throw new Error(`The seed newsletter is not at ${newsletterPath}: set INGEST_NEWSLETTER to its path.`);
}
