import { Migration } from '@mikro-orm/migrations';

export class Migration20261201225525_survey_stuffing extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "survey_rate_limit" ("key" varchar(200) not null, "tat" double precision not null, "allowed" int not null, "last_at" double precision not null, "previous_at" double precision null, constraint "survey_rate_limit_pkey" primary key ("key"));`,
    );

    this.addSql(
      `alter table "survey" add column "max_responses_per_device" int not null default 1, add column "per_address_per_minute" int not null default 5, add column "per_survey_per_minute" int not null default 60;`,
    );

    this.addSql(
      `alter table "survey_response" add column "device_id" varchar(32) null, add column "device_slot" int null, add column "address_hash" varchar(64) null, add column "flag_reason" varchar(200) null, add column "voided_at" timestamptz null, add column "voided_by_id" uuid null, add column "void_reason" varchar(200) null;`,
    );
    this.addSql(
      `alter table "survey_response" add constraint "survey_response_voided_by_id_foreign" foreign key ("voided_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "survey_response" add constraint "survey_response_survey_id_device_id_device_slot_unique" unique ("survey_id", "device_id", "device_slot");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "survey_rate_limit" cascade;`);

    this.addSql(`alter table "survey_response" drop constraint "survey_response_voided_by_id_foreign";`);

    this.addSql(`alter table "survey" drop column "max_responses_per_device", drop column "per_address_per_minute", drop column "per_survey_per_minute";`);

    this.addSql(`alter table "survey_response" drop constraint "survey_response_survey_id_device_id_device_slot_unique";`);
    this.addSql(
      `alter table "survey_response" drop column "device_id", drop column "device_slot", drop column "address_hash", drop column "flag_reason", drop column "voided_at", drop column "voided_by_id", drop column "void_reason";`,
    );
  }
}
