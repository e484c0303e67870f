import { Migration } from '@mikro-orm/migrations';

export class Migration20261201225719 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`upload_holder\` (\`sha256\` text not null, \`organization_id\` text not null, \`created_at\` datetime not null, constraint \`upload_holder_organization_id_foreign\` foreign key(\`organization_id\`) references \`organization\`(\`id\`) on delete cascade on update cascade, primary key (\`sha256\`, \`organization_id\`));`,
    );
    this.addSql(`create index \`upload_holder_organization_id_index\` on \`upload_holder\` (\`organization_id\`);`);
  }
}
