import { Migration } from '@mikro-orm/migrations';

export class Migration20261201225720 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "upload_holder" ("sha256" varchar(64) not null, "organization_id" uuid not null, "created_at" timestamptz not null, constraint "upload_holder_pkey" primary key ("sha256", "organization_id"));`,
    );

    this.addSql(
      `alter table "upload_holder" add constraint "upload_holder_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "upload_holder" cascade;`);
  }
}
