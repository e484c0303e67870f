import { Migration } from '@mikro-orm/migrations';

export class Migration20261201225524_survey_stuffing extends Migration {
  // Generated, then corrected: the generator put voided_by_id's foreign key on device_id.
  override async up(): Promise<void> {
    this.addSql(
      `create table \`survey_rate_limit\` (\`key\` text not null, \`tat\` double not null, \`allowed\` integer not null, \`last_at\` double not null, \`previous_at\` double null, primary key (\`key\`));`,
    );

    this.addSql(`alter table \`survey\` add column \`max_responses_per_device\` integer not null default 1;`);
    this.addSql(`alter table \`survey\` add column \`per_address_per_minute\` integer not null default 5;`);
    this.addSql(`alter table \`survey\` add column \`per_survey_per_minute\` integer not null default 60;`);

    this.addSql(`alter table \`survey_response\` add column \`device_id\` text null;`);
    this.addSql(`alter table \`survey_response\` add column \`device_slot\` integer null;`);
    this.addSql(`alter table \`survey_response\` add column \`address_hash\` text null;`);
    this.addSql(`alter table \`survey_response\` add column \`flag_reason\` text null;`);
    this.addSql(`alter table \`survey_response\` add column \`voided_at\` datetime null;`);
    this.addSql(
      `alter table \`survey_response\` add column \`voided_by_id\` text null constraint \`survey_response_voided_by_id_foreign\` references \`app_user\` (\`id\`) on update cascade on delete set null;`,
    );
    this.addSql(`alter table \`survey_response\` add column \`void_reason\` text null;`);
    this.addSql(`create index \`survey_response_voided_by_id_index\` on \`survey_response\` (\`voided_by_id\`);`);
    this.addSql(
      `create unique index \`survey_response_survey_id_device_id_device_slot_unique\` on \`survey_response\` (\`survey_id\`, \`device_id\`, \`device_slot\`);`,
    );
  }
}
