import { Migration } from '@mikro-orm/migrations';

/**
 * A project says whether its acceptances need the accepting person's signature (issue 13). Existing
 * projects require it, as new ones do; records already stored are not touched.
 */
export class Migration20261202181358_project_require_signature extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "project" add column "require_signature" boolean not null default true;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "project" drop column "require_signature";`);
  }
}
