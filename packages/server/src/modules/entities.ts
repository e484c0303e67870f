import { Actual } from './actual/actual.entity.js';
import { AuditEvent } from './audit/audit-event.entity.js';
import { Indicator } from './indicator/indicator.entity.js';
import { Organization } from './organization/organization.entity.js';
import { Project } from './project/project.entity.js';
import { Site } from './site/site.entity.js';
import { Spending } from './spending/spending.entity.js';
import { User } from './user/user.entity.js';

/** Every entity, listed rather than discovered from folders: the same list works from src and dist. */
export const entities = [Organization, Site, User, Project, Indicator, Actual, Spending, AuditEvent];

export { Actual, AuditEvent, Indicator, Organization, Project, Site, Spending, User };
export { SiteKind } from './site/site.entity.js';
export { UserRole } from './user/user.entity.js';
export { IndicatorSource } from './indicator/indicator.entity.js';
export type { Budget } from './project/project.entity.js';
