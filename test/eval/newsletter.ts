import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The seed newsletter the curated graph was built from. It is not part of the repository: the
 * evaluation reads it from INGEST_NEWSLETTER, or from ../shared/seeds beside the project.
 */
export const newsletterPath = path.resolve(process.env.INGEST_NEWSLETTER ?? '../shared/seeds/000_5ef3767da551da95.txt');

if (!existsSync(newsletterPath)) {
  throw new Error(`The seed newsletter is not at ${newsletterPath}: set INGEST_NEWSLETTER to its path.`);
}
