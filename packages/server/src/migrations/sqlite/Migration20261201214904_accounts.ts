import { Migration } from '@mikro-orm/migrations';

export class Migration20261201214904_accounts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`app_user\` add column \`display_name\` text null;`);
    this.addSql(`alter table \`app_user\` add column \`disabled\` integer not null default false;`);
    this.addSql(`alter table \`app_user\` add column \`last_login_at\` datetime null;`);
  }
}
