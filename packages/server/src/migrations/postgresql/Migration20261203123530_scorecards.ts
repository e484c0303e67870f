import { Migration } from '@mikro-orm/migrations';

/**
 * Stored scorecards (issue 14): each project's scores, each indicator's, and each organization's
 * roll-up sums, read by the dashboard and the roll-ups instead of scoring every actual again.
 * Derived from the records: the tables start empty and are filled when the database is next
 * opened (ensureScorecards in modules/read-model/scorecards.ts), or by `jixiao rebuild-scorecards`.
 */
export class Migration20261203123530_scorecards extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "organization_scorecard" ("organization_id" uuid not null, "year" int not null, "project_count" int not null, "budget_fen" bigint not null, "spent_fen" bigint not null, "score_hundredths" bigint not null, "excellent" int not null, "good" int not null, "fair" int not null, "poor" int not null, "incomplete_projects" int not null, "missing" int not null, constraint "organization_scorecard_pkey" primary key ("organization_id", "year"));`,
    );

    this.addSql(
      `create table "project_scorecard" ("project_id" uuid not null, "organization_id" uuid not null, "year" int not null, "budget_fen" bigint not null, "spent_fen" bigint not null, "execution_rate" double precision null, "execution_score" double precision not null, "score" double precision not null, "grade" varchar(1) not null, "missing" int not null, "complete" boolean not null, constraint "project_scorecard_pkey" primary key ("project_id"));`,
    );
    this.addSql(`create index "project_scorecard_organization_id_index" on "project_scorecard" ("organization_id");`);

    this.addSql(
      `create table "indicator_scorecard" ("indicator_id" uuid not null, "project_id" uuid not null, "weight" double precision not null, "completion_rate" double precision null, "score" double precision null, "met" boolean null, "deviation_note_required" boolean not null, "missing" boolean not null, "actual_id" uuid null, constraint "indicator_scorecard_pkey" primary key ("indicator_id"));`,
    );
    this.addSql(`create index "indicator_scorecard_project_id_index" on "indicator_scorecard" ("project_id");`);

    this.addSql(
      `alter table "organization_scorecard" add constraint "organization_scorecard_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "project_scorecard" add constraint "project_scorecard_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "project_scorecard" add constraint "project_scorecard_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "indicator_scorecard" add constraint "indicator_scorecard_indicator_id_foreign" foreign key ("indicator_id") references "indicator" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "indicator_scorecard" add constraint "indicator_scorecard_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "indicator_scorecard" add constraint "indicator_scorecard_actual_id_foreign" foreign key ("actual_id") references "actual" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "organization_scorecard" cascade;`);

    this.addSql(`drop table if exists "project_scorecard" cascade;`);

    this.addSql(`drop table if exists "indicator_scorecard" cascade;`);
  }
}
