import { Migration } from '@mikro-orm/migrations';

export class Migration20261201214904_accounts extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "app_user" add column "display_name" varchar(64) null, add column "disabled" boolean not null default false, add column "last_login_at" timestamptz null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "app_user" drop column "display_name", drop column "disabled", drop column "last_login_at";`);
  }
}
