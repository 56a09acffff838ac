import { seedGraphChecks } from '../support/newsletter-checks.js';
import { newsletterPath } from './newsletter.js';

// The original seed newsletter (INGEST_NEWSLETTER) against the curated seed graph.
seedGraphChecks(newsletterPath);
