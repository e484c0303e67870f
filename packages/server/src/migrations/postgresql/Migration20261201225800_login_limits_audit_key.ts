import { Migration } from '@mikro-orm/migrations';

export class Migration20261201225800_login_limits_audit_key extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "login_throttle" ("subject" varchar(200) not null, "failures" int not null, "next_at" bigint not null, "updated_at" bigint not null, constraint "login_throttle_pkey" primary key ("subject"));`,
    );
    this.addSql(`create index "login_throttle_updated_at_index" on "login_throttle" ("updated_at");`);

    this.addSql(`alter table "audit_event" add column "alg" varchar(16) not null default 'sha256';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "login_throttle" cascade;`);

    this.addSql(`alter table "audit_event" drop column "alg";`);
  }
}
