import { newsletterSplitChecks } from '../support/newsletter-checks.js';
import { newsletterPath } from './newsletter.js';

// The original seed newsletter (INGEST_NEWSLETTER) split into its ten items.
newsletterSplitChecks(newsletterPath, { conferenceItemLastLine: 'Learn more about ICLEI’s work in Make ICT Fair.' });
