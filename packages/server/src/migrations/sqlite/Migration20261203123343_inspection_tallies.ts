import { Migration } from '@mikro-orm/migrations';

/**
 * Each project's inspection tally per kind, and each place's count of passed inspections (issue 14):
 * a submission re-derives its project's actuals from these instead of re-reading every record.
 * Derived data: empty after this migration, built from the inspections on first use.
 */
export class Migration20261203123343_inspection_tallies extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`inspection_tally\` (\`project_id\` text not null, \`kind\` text check (\`kind\` in ('REPAIR', 'EQUIPMENT')) not null, \`counted\` integer not null, \`passed\` integer not null, \`places\` integer not null, \`latest_at\` bigint null, \`latest_id\` text null, constraint \`inspection_tally_project_id_foreign\` foreign key(\`project_id\`) references \`project\`(\`id\`) on delete cascade on update cascade, primary key (\`project_id\`, \`kind\`));`,
    );
    this.addSql(`create index \`inspection_tally_project_id_index\` on \`inspection_tally\` (\`project_id\`);`);

    this.addSql(
      `create table \`inspection_place_tally\` (\`project_id\` text not null, \`kind\` text check (\`kind\` in ('REPAIR', 'EQUIPMENT')) not null, \`place\` text not null, \`passed\` integer not null, constraint \`inspection_place_tally_project_id_foreign\` foreign key(\`project_id\`) references \`project\`(\`id\`) on delete cascade on update cascade, primary key (\`project_id\`, \`kind\`, \`place\`));`,
    );
    this.addSql(`create index \`inspection_place_tally_project_id_index\` on \`inspection_place_tally\` (\`project_id\`);`);
  }
}
