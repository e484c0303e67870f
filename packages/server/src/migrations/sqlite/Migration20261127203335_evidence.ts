import { Migration } from '@mikro-orm/migrations';

export class Migration20261127203335_evidence extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`equipment_item\` (\`id\` text not null, \`project_id\` text not null, \`name\` text not null, \`model\` text null, \`serial_number\` text null, \`asset_tag\` text null, \`created_at\` datetime not null, constraint \`equipment_item_project_id_foreign\` foreign key(\`project_id\`) references \`project\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`equipment_item_project_id_index\` on \`equipment_item\` (\`project_id\`);`);

    this.addSql(
      `create table \`upload\` (\`sha256\` text not null, \`mime\` text not null, \`bytes\` integer not null, \`width\` integer not null, \`height\` integer not null, \`captured_at\` datetime null, \`latitude\` double null, \`longitude\` double null, \`uploaded_by_id\` text null, \`created_at\` datetime not null, constraint \`upload_uploaded_by_id_foreign\` foreign key(\`uploaded_by_id\`) references \`app_user\`(\`id\`) on delete set null on update cascade, primary key (\`sha256\`));`,
    );
    this.addSql(`create index \`upload_uploaded_by_id_index\` on \`upload\` (\`uploaded_by_id\`);`);

    this.addSql(
      `create table \`survey\` (\`id\` text not null, \`indicator_id\` text not null, \`title\` text not null, \`audience\` text check (\`audience\` in ('OFFICERS', 'EQUIPMENT_USERS', 'AID_RECIPIENTS')) not null, \`questions\` json not null, \`method\` text not null default 'TOP_TWO', \`opens_at\` datetime not null, \`closes_at\` datetime not null, \`public_token\` text not null, \`require_code\` integer not null default false, \`created_by_id\` text not null, \`created_at\` datetime not null, constraint \`survey_indicator_id_foreign\` foreign key(\`indicator_id\`) references \`indicator\`(\`id\`) on update cascade, constraint \`survey_created_by_id_foreign\` foreign key(\`created_by_id\`) references \`app_user\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`survey_indicator_id_index\` on \`survey\` (\`indicator_id\`);`);
    this.addSql(`create unique index \`survey_public_token_unique\` on \`survey\` (\`public_token\`);`);
    this.addSql(`create index \`survey_created_by_id_index\` on \`survey\` (\`created_by_id\`);`);

    this.addSql(
      `create table \`survey_response\` (\`id\` text not null, \`client_id\` text not null, \`survey_id\` text not null, \`answers\` json not null, \`satisfaction\` text null, \`channel\` text check (\`channel\` in ('KIOSK', 'PUBLIC')) not null, \`code\` text null, \`collected_by_id\` text null, \`collected_at\` datetime not null, \`received_at\` datetime not null, constraint \`survey_response_survey_id_foreign\` foreign key(\`survey_id\`) references \`survey\`(\`id\`) on update cascade, constraint \`survey_response_collected_by_id_foreign\` foreign key(\`collected_by_id\`) references \`app_user\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create unique index \`survey_response_client_id_unique\` on \`survey_response\` (\`client_id\`);`);
    this.addSql(`create index \`survey_response_survey_id_index\` on \`survey_response\` (\`survey_id\`);`);
    this.addSql(`create unique index \`survey_response_code_unique\` on \`survey_response\` (\`code\`);`);
    this.addSql(`create index \`survey_response_collected_by_id_index\` on \`survey_response\` (\`collected_by_id\`);`);
    this.addSql(`create index \`survey_response_survey_id_satisfaction_index\` on \`survey_response\` (\`survey_id\`, \`satisfaction\`);`);

    this.addSql(
      `create table \`survey_code\` (\`id\` text not null, \`survey_id\` text not null, \`code\` text not null, constraint \`survey_code_survey_id_foreign\` foreign key(\`survey_id\`) references \`survey\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create unique index \`survey_code_code_unique\` on \`survey_code\` (\`code\`);`);
    this.addSql(`create index \`survey_code_survey_id_index\` on \`survey_code\` (\`survey_id\`);`);

    this.addSql(
      `create table \`inspection\` (\`id\` text not null, \`client_id\` text not null, \`project_id\` text not null, \`kind\` text check (\`kind\` in ('REPAIR', 'EQUIPMENT')) not null, \`site_id\` text null, \`item_name\` text not null, \`serial_number\` text null, \`checklist\` json not null, \`passed\` integer not null, \`note\` text null, \`photos\` json not null, \`signature\` text null, \`latitude\` double null, \`longitude\` double null, \`accuracy\` double null, \`captured_at\` datetime not null, \`submitted_by_id\` text not null, \`submitted_at\` datetime not null, \`review_status\` text check (\`review_status\` in ('PENDING', 'ACCEPTED', 'REJECTED')) not null default 'PENDING', \`review_reason\` text null, \`reviewed_by_id\` text null, \`reviewed_at\` datetime null, constraint \`inspection_project_id_foreign\` foreign key(\`project_id\`) references \`project\`(\`id\`) on update cascade, constraint \`inspection_site_id_foreign\` foreign key(\`site_id\`) references \`site\`(\`id\`) on delete set null on update cascade, constraint \`inspection_submitted_by_id_foreign\` foreign key(\`submitted_by_id\`) references \`app_user\`(\`id\`) on update cascade, constraint \`inspection_reviewed_by_id_foreign\` foreign key(\`reviewed_by_id\`) references \`app_user\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create unique index \`inspection_client_id_unique\` on \`inspection\` (\`client_id\`);`);
    this.addSql(`create index \`inspection_project_id_index\` on \`inspection\` (\`project_id\`);`);
    this.addSql(`create index \`inspection_site_id_index\` on \`inspection\` (\`site_id\`);`);
    this.addSql(`create index \`inspection_submitted_by_id_index\` on \`inspection\` (\`submitted_by_id\`);`);
    this.addSql(`create index \`inspection_reviewed_by_id_index\` on \`inspection\` (\`reviewed_by_id\`);`);
    this.addSql(`create index \`inspection_project_id_kind_index\` on \`inspection\` (\`project_id\`, \`kind\`);`);
  }
}
