import { Entity, ManyToOne, PrimaryKey, Property, type Opt, type Rel } from '@mikro-orm/core';
import { Organization } from '../organization/organization.entity.js';

/**
 * An organization that holds a photo's bytes although someone else uploaded it first: a user of the
 * organization uploaded the same file (which proves they have it). Their inspections may then name
 * it, and they may fetch it; knowing only the SHA-256 gives nothing (docs/api.md, "照片").
 */
@Entity()
export class UploadHolder {
  @PrimaryKey({ type: 'string', length: 64 })
  sha256!: string;

  @ManyToOne(() => Organization, { primary: true, deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}
