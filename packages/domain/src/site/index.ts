export { checkSite, SITE_KIND_LABELS, SITE_KINDS, SITE_LIMITS, type SiteField, type SiteKind, type SiteProblem, type SiteRecord } from './site.js';
