import { Migration } from '@mikro-orm/migrations';

export class Migration20261127203335_evidence extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "equipment_item" ("id" uuid not null, "project_id" uuid not null, "name" varchar(255) not null, "model" varchar(255) null, "serial_number" varchar(255) null, "asset_tag" varchar(255) null, "created_at" timestamptz not null, constraint "equipment_item_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "equipment_item_project_id_index" on "equipment_item" ("project_id");`);

    this.addSql(
      `create table "upload" ("sha256" varchar(64) not null, "mime" varchar(32) not null, "bytes" int not null, "width" int not null, "height" int not null, "captured_at" timestamptz null, "latitude" double precision null, "longitude" double precision null, "uploaded_by_id" uuid null, "created_at" timestamptz not null, constraint "upload_pkey" primary key ("sha256"));`,
    );

    this.addSql(
      `create table "survey" ("id" uuid not null, "indicator_id" uuid not null, "title" varchar(255) not null, "audience" text check ("audience" in ('OFFICERS', 'EQUIPMENT_USERS', 'AID_RECIPIENTS')) not null, "questions" jsonb not null, "method" varchar(16) not null default 'TOP_TWO', "opens_at" timestamptz not null, "closes_at" timestamptz not null, "public_token" varchar(64) not null, "require_code" boolean not null default false, "created_by_id" uuid not null, "created_at" timestamptz not null, constraint "survey_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "survey_indicator_id_index" on "survey" ("indicator_id");`);
    this.addSql(`alter table "survey" add constraint "survey_public_token_unique" unique ("public_token");`);

    this.addSql(
      `create table "survey_response" ("id" uuid not null, "client_id" varchar(64) not null, "survey_id" uuid not null, "answers" jsonb not null, "satisfaction" varchar(8) null, "channel" text check ("channel" in ('KIOSK', 'PUBLIC')) not null, "code" varchar(32) null, "collected_by_id" uuid null, "collected_at" timestamptz not null, "received_at" timestamptz not null, constraint "survey_response_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "survey_response" add constraint "survey_response_client_id_unique" unique ("client_id");`);
    this.addSql(`alter table "survey_response" add constraint "survey_response_code_unique" unique ("code");`);
    this.addSql(`create index "survey_response_survey_id_satisfaction_index" on "survey_response" ("survey_id", "satisfaction");`);

    this.addSql(
      `create table "survey_code" ("id" uuid not null, "survey_id" uuid not null, "code" varchar(32) not null, constraint "survey_code_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "survey_code" add constraint "survey_code_code_unique" unique ("code");`);
    this.addSql(`create index "survey_code_survey_id_index" on "survey_code" ("survey_id");`);

    this.addSql(
      `create table "inspection" ("id" uuid not null, "client_id" varchar(64) not null, "project_id" uuid not null, "kind" text check ("kind" in ('REPAIR', 'EQUIPMENT')) not null, "site_id" uuid null, "item_name" varchar(255) not null, "serial_number" varchar(255) null, "checklist" jsonb not null, "passed" boolean not null, "note" text null, "photos" jsonb not null, "signature" varchar(64) null, "latitude" double precision null, "longitude" double precision null, "accuracy" double precision null, "captured_at" timestamptz not null, "submitted_by_id" uuid not null, "submitted_at" timestamptz not null, "review_status" text check ("review_status" in ('PENDING', 'ACCEPTED', 'REJECTED')) not null default 'PENDING', "review_reason" text null, "reviewed_by_id" uuid null, "reviewed_at" timestamptz null, constraint "inspection_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "inspection" add constraint "inspection_client_id_unique" unique ("client_id");`);
    this.addSql(`create index "inspection_project_id_kind_index" on "inspection" ("project_id", "kind");`);

    this.addSql(
      `alter table "equipment_item" add constraint "equipment_item_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "upload" add constraint "upload_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "survey" add constraint "survey_indicator_id_foreign" foreign key ("indicator_id") references "indicator" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "survey" add constraint "survey_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "survey_response" add constraint "survey_response_survey_id_foreign" foreign key ("survey_id") references "survey" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "survey_response" add constraint "survey_response_collected_by_id_foreign" foreign key ("collected_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "survey_code" add constraint "survey_code_survey_id_foreign" foreign key ("survey_id") references "survey" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "inspection" add constraint "inspection_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "inspection" add constraint "inspection_site_id_foreign" foreign key ("site_id") references "site" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "inspection" add constraint "inspection_submitted_by_id_foreign" foreign key ("submitted_by_id") references "app_user" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "inspection" add constraint "inspection_reviewed_by_id_foreign" foreign key ("reviewed_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "survey_response" drop constraint "survey_response_survey_id_foreign";`);

    this.addSql(`alter table "survey_code" drop constraint "survey_code_survey_id_foreign";`);

    this.addSql(`drop table if exists "equipment_item" cascade;`);

    this.addSql(`drop table if exists "upload" cascade;`);

    this.addSql(`drop table if exists "survey" cascade;`);

    this.addSql(`drop table if exists "survey_response" cascade;`);

    this.addSql(`drop table if exists "survey_code" cascade;`);

    this.addSql(`drop table if exists "inspection" cascade;`);
  }
}
