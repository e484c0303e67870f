import { Migration } from '@mikro-orm/migrations';

export class Migration20261127201633_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`audit_event\` (\`seq\` integer not null, \`at\` datetime not null, \`actor\` text null, \`action\` text not null, \`entity\` text not null, \`entity_id\` text not null, \`before\` json null, \`after\` json null, \`prev_hash\` text not null, \`hash\` text not null, primary key (\`seq\`));`,
    );
    this.addSql(`create unique index \`audit_event_prev_hash_unique\` on \`audit_event\` (\`prev_hash\`);`);
    this.addSql(`create unique index \`audit_event_hash_unique\` on \`audit_event\` (\`hash\`);`);

    this.addSql(
      `create table \`organization\` (\`id\` text not null, \`code\` text not null, \`name\` text not null, \`parent_id\` text null, \`created_at\` datetime not null, constraint \`organization_parent_id_foreign\` foreign key(\`parent_id\`) references \`organization\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create unique index \`organization_code_unique\` on \`organization\` (\`code\`);`);
    this.addSql(`create index \`organization_parent_id_index\` on \`organization\` (\`parent_id\`);`);

    this.addSql(
      `create table \`project\` (\`id\` text not null, \`organization_id\` text not null, \`year\` integer not null, \`name\` text not null, \`table_number\` integer null, \`title\` text null, \`purpose\` text not null, \`goals\` json not null, \`budget_total_fen\` bigint not null, \`budget_fiscal_fen\` bigint not null, \`budget_other_fen\` bigint not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`project_organization_id_foreign\` foreign key(\`organization_id\`) references \`organization\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`project_organization_id_index\` on \`project\` (\`organization_id\`);`);
    this.addSql(`create unique index \`project_organization_id_year_name_unique\` on \`project\` (\`organization_id\`, \`year\`, \`name\`);`);

    this.addSql(
      `create table \`indicator\` (\`id\` text not null, \`project_id\` text not null, \`position\` integer not null, \`level1\` text not null, \`level2\` text not null, \`name\` text not null, \`description\` text not null, \`target_raw\` text not null, \`target_kind\` text check (\`target_kind\` in ('quantitative', 'deadline', 'qualitative')) not null, \`comparator\` text check (\`comparator\` in ('>=', '>', '<=', '<', '=')) null, \`target_value\` text null, \`unit\` text null, \`zero_below\` double null, \`weight\` double null, \`not_applicable\` integer not null default false, \`source\` text check (\`source\` in ('MANUAL', 'REPAIR_COUNT', 'EQUIPMENT_COUNT', 'PASS_RATE', 'COMPLETION_DATE', 'SURVEY', 'SPENDING')) not null default 'MANUAL', \`deviation_note\` text null, \`updated_at\` datetime not null, constraint \`indicator_project_id_foreign\` foreign key(\`project_id\`) references \`project\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`indicator_project_id_index\` on \`indicator\` (\`project_id\`);`);
    this.addSql(`create unique index \`indicator_project_id_position_unique\` on \`indicator\` (\`project_id\`, \`position\`);`);

    this.addSql(
      `create table \`site\` (\`id\` text not null, \`organization_id\` text not null, \`name\` text not null, \`kind\` text check (\`kind\` in ('DISPATCHED_TRIBUNAL', 'TECH_COURT', 'OFFICE', 'OTHER')) not null, \`address\` text null, \`created_at\` datetime not null, constraint \`site_organization_id_foreign\` foreign key(\`organization_id\`) references \`organization\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`site_organization_id_index\` on \`site\` (\`organization_id\`);`);
    this.addSql(`create unique index \`site_organization_id_name_unique\` on \`site\` (\`organization_id\`, \`name\`);`);

    this.addSql(
      `create table \`app_user\` (\`id\` text not null, \`username\` text not null, \`password_hash\` text not null, \`role\` text check (\`role\` in ('ADMIN', 'MANAGER', 'INSPECTOR', 'VIEWER')) not null, \`organization_id\` text not null, \`token_version\` integer not null default 0, \`created_at\` datetime not null, constraint \`app_user_organization_id_foreign\` foreign key(\`organization_id\`) references \`organization\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create unique index \`app_user_username_unique\` on \`app_user\` (\`username\`);`);
    this.addSql(`create index \`app_user_organization_id_index\` on \`app_user\` (\`organization_id\`);`);

    this.addSql(
      `create table \`spending\` (\`id\` text not null, \`project_id\` text not null, \`amount_fen\` bigint not null, \`date\` date not null, \`note\` text null, \`recorded_at\` datetime not null, \`recorded_by_id\` text null, \`client_id\` text null, constraint \`spending_project_id_foreign\` foreign key(\`project_id\`) references \`project\`(\`id\`) on update cascade, constraint \`spending_recorded_by_id_foreign\` foreign key(\`recorded_by_id\`) references \`app_user\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`spending_project_id_index\` on \`spending\` (\`project_id\`);`);
    this.addSql(`create index \`spending_recorded_by_id_index\` on \`spending\` (\`recorded_by_id\`);`);
    this.addSql(`create unique index \`spending_client_id_unique\` on \`spending\` (\`client_id\`);`);

    this.addSql(
      `create table \`actual\` (\`id\` text not null, \`indicator_id\` text not null, \`value\` text null, \`tier\` text check (\`tier\` in ('ACHIEVED', 'PARTIAL', 'NOT_ACHIEVED')) null, \`ratio\` double null, \`note\` text null, \`recorded_at\` datetime not null, \`recorded_by_id\` text null, \`derived_from\` text null, \`client_id\` text null, constraint \`actual_indicator_id_foreign\` foreign key(\`indicator_id\`) references \`indicator\`(\`id\`) on update cascade, constraint \`actual_recorded_by_id_foreign\` foreign key(\`recorded_by_id\`) references \`app_user\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`actual_indicator_id_index\` on \`actual\` (\`indicator_id\`);`);
    this.addSql(`create index \`actual_recorded_by_id_index\` on \`actual\` (\`recorded_by_id\`);`);
    this.addSql(`create unique index \`actual_client_id_unique\` on \`actual\` (\`client_id\`);`);
    this.addSql(`create index \`actual_indicator_id_recorded_at_index\` on \`actual\` (\`indicator_id\`, \`recorded_at\`);`);
  }
}
