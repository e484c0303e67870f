import { Migration } from '@mikro-orm/migrations';

export class Migration20261127201633_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "audit_event" ("seq" int not null, "at" timestamptz not null, "actor" varchar(64) null, "action" varchar(32) not null, "entity" varchar(64) not null, "entity_id" varchar(64) not null, "before" jsonb null, "after" jsonb null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null, constraint "audit_event_pkey" primary key ("seq"));`,
    );
    this.addSql(`alter table "audit_event" add constraint "audit_event_prev_hash_unique" unique ("prev_hash");`);
    this.addSql(`alter table "audit_event" add constraint "audit_event_hash_unique" unique ("hash");`);

    this.addSql(
      `create table "organization" ("id" uuid not null, "code" varchar(32) not null, "name" varchar(255) not null, "parent_id" uuid null, "created_at" timestamptz not null, constraint "organization_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "organization" add constraint "organization_code_unique" unique ("code");`);

    this.addSql(
      `create table "project" ("id" uuid not null, "organization_id" uuid not null, "year" int not null, "name" varchar(255) not null, "table_number" int null, "title" text null, "purpose" text not null, "goals" jsonb not null, "budget_total_fen" bigint not null, "budget_fiscal_fen" bigint not null, "budget_other_fen" bigint not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "project_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "project" add constraint "project_organization_id_year_name_unique" unique ("organization_id", "year", "name");`);

    this.addSql(
      `create table "indicator" ("id" uuid not null, "project_id" uuid not null, "position" int not null, "level1" varchar(255) not null, "level2" varchar(255) not null, "name" varchar(255) not null, "description" text not null, "target_raw" text not null, "target_kind" text check ("target_kind" in ('quantitative', 'deadline', 'qualitative')) not null, "comparator" text check ("comparator" in ('>=', '>', '<=', '<', '=')) null, "target_value" text null, "unit" varchar(32) null, "zero_below" double precision null, "weight" double precision null, "not_applicable" boolean not null default false, "source" text check ("source" in ('MANUAL', 'REPAIR_COUNT', 'EQUIPMENT_COUNT', 'PASS_RATE', 'COMPLETION_DATE', 'SURVEY', 'SPENDING')) not null default 'MANUAL', "deviation_note" text null, "updated_at" timestamptz not null, constraint "indicator_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "indicator_project_id_index" on "indicator" ("project_id");`);
    this.addSql(`alter table "indicator" add constraint "indicator_project_id_position_unique" unique ("project_id", "position");`);

    this.addSql(
      `create table "site" ("id" uuid not null, "organization_id" uuid not null, "name" varchar(255) not null, "kind" text check ("kind" in ('DISPATCHED_TRIBUNAL', 'TECH_COURT', 'OFFICE', 'OTHER')) not null, "address" text null, "created_at" timestamptz not null, constraint "site_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "site" add constraint "site_organization_id_name_unique" unique ("organization_id", "name");`);

    this.addSql(
      `create table "app_user" ("id" uuid not null, "username" varchar(64) not null, "password_hash" varchar(255) not null, "role" text check ("role" in ('ADMIN', 'MANAGER', 'INSPECTOR', 'VIEWER')) not null, "organization_id" uuid not null, "token_version" int not null default 0, "created_at" timestamptz not null, constraint "app_user_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "app_user" add constraint "app_user_username_unique" unique ("username");`);

    this.addSql(
      `create table "spending" ("id" uuid not null, "project_id" uuid not null, "amount_fen" bigint not null, "date" date not null, "note" text null, "recorded_at" timestamptz not null, "recorded_by_id" uuid null, "client_id" varchar(64) null, constraint "spending_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "spending_project_id_index" on "spending" ("project_id");`);
    this.addSql(`alter table "spending" add constraint "spending_client_id_unique" unique ("client_id");`);

    this.addSql(
      `create table "actual" ("id" uuid not null, "indicator_id" uuid not null, "value" text null, "tier" text check ("tier" in ('ACHIEVED', 'PARTIAL', 'NOT_ACHIEVED')) null, "ratio" double precision null, "note" text null, "recorded_at" timestamptz not null, "recorded_by_id" uuid null, "derived_from" text null, "client_id" varchar(64) null, constraint "actual_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "actual" add constraint "actual_client_id_unique" unique ("client_id");`);
    this.addSql(`create index "actual_indicator_id_recorded_at_index" on "actual" ("indicator_id", "recorded_at");`);

    this.addSql(
      `alter table "organization" add constraint "organization_parent_id_foreign" foreign key ("parent_id") references "organization" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "project" add constraint "project_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "indicator" add constraint "indicator_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "site" add constraint "site_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "app_user" add constraint "app_user_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "spending" add constraint "spending_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "spending" add constraint "spending_recorded_by_id_foreign" foreign key ("recorded_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "actual" add constraint "actual_indicator_id_foreign" foreign key ("indicator_id") references "indicator" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "actual" add constraint "actual_recorded_by_id_foreign" foreign key ("recorded_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "organization" drop constraint "organization_parent_id_foreign";`);

    this.addSql(`alter table "project" drop constraint "project_organization_id_foreign";`);

    this.addSql(`alter table "site" drop constraint "site_organization_id_foreign";`);

    this.addSql(`alter table "app_user" drop constraint "app_user_organization_id_foreign";`);

    this.addSql(`alter table "indicator" drop constraint "indicator_project_id_foreign";`);

    this.addSql(`alter table "spending" drop constraint "spending_project_id_foreign";`);

    this.addSql(`alter table "actual" drop constraint "actual_indicator_id_foreign";`);

    this.addSql(`alter table "spending" drop constraint "spending_recorded_by_id_foreign";`);

    this.addSql(`alter table "actual" drop constraint "actual_recorded_by_id_foreign";`);

    this.addSql(`drop table if exists "audit_event" cascade;`);

    this.addSql(`drop table if exists "organization" cascade;`);

    this.addSql(`drop table if exists "project" cascade;`);

    this.addSql(`drop table if exists "indicator" cascade;`);

    this.addSql(`drop table if exists "site" cascade;`);

    this.addSql(`drop table if exists "app_user" cascade;`);

    this.addSql(`drop table if exists "spending" cascade;`);

    this.addSql(`drop table if exists "actual" cascade;`);
  }
}
