import { Migration } from '@mikro-orm/migrations';

export class Migration20261201225800_login_limits_audit_key extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`login_throttle\` (\`subject\` text not null, \`failures\` integer not null, \`next_at\` bigint not null, \`updated_at\` bigint not null, primary key (\`subject\`));`,
    );
    this.addSql(`create index \`login_throttle_updated_at_index\` on \`login_throttle\` (\`updated_at\`);`);

    this.addSql(`alter table \`audit_event\` add column \`alg\` text not null default 'sha256';`);
  }
}
