import { Migration } from '@mikro-orm/migrations';

/**
 * Each project's inspection tally per kind, and each place's count of passed inspections (issue 14):
 * a submission re-derives its project's actuals from these instead of re-reading every record.
 * Derived data: empty after this migration, built from the inspections on first use.
 */
export class Migration20261203123344_inspection_tallies extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "inspection_tally" ("project_id" uuid not null, "kind" text check ("kind" in ('REPAIR', 'EQUIPMENT')) not null, "counted" int not null, "passed" int not null, "places" int not null, "latest_at" bigint null, "latest_id" uuid null, constraint "inspection_tally_pkey" primary key ("project_id", "kind"));`,
    );

    this.addSql(
      `create table "inspection_place_tally" ("project_id" uuid not null, "kind" text check ("kind" in ('REPAIR', 'EQUIPMENT')) not null, "place" text not null, "passed" int not null, constraint "inspection_place_tally_pkey" primary key ("project_id", "kind", "place"));`,
    );

    this.addSql(
      `alter table "inspection_tally" add constraint "inspection_tally_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "inspection_place_tally" add constraint "inspection_place_tally_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "inspection_tally" cascade;`);

    this.addSql(`drop table if exists "inspection_place_tally" cascade;`);
  }
}
