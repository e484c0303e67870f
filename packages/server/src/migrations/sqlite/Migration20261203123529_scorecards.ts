import { Migration } from '@mikro-orm/migrations';

/**
 * Stored scorecards (issue 14): each project's scores, each indicator's, and each organization's
 * roll-up sums, read by the dashboard and the roll-ups instead of scoring every actual again.
 * Derived from the records: the tables start empty and are filled when the database is next
 * opened (ensureScorecards in modules/read-model/scorecards.ts), or by `jixiao rebuild-scorecards`.
 */
export class Migration20261203123529_scorecards extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`organization_scorecard\` (\`organization_id\` text not null, \`year\` integer not null, \`project_count\` integer not null, \`budget_fen\` bigint not null, \`spent_fen\` bigint not null, \`score_hundredths\` bigint not null, \`excellent\` integer not null, \`good\` integer not null, \`fair\` integer not null, \`poor\` integer not null, \`incomplete_projects\` integer not null, \`missing\` integer not null, constraint \`organization_scorecard_organization_id_foreign\` foreign key(\`organization_id\`) references \`organization\`(\`id\`) on delete cascade on update cascade, primary key (\`organization_id\`, \`year\`));`,
    );
    this.addSql(`create index \`organization_scorecard_organization_id_index\` on \`organization_scorecard\` (\`organization_id\`);`);

    this.addSql(
      `create table \`project_scorecard\` (\`project_id\` text not null, \`organization_id\` text not null, \`year\` integer not null, \`budget_fen\` bigint not null, \`spent_fen\` bigint not null, \`execution_rate\` double null, \`execution_score\` double not null, \`score\` double not null, \`grade\` text not null, \`missing\` integer not null, \`complete\` integer not null, constraint \`project_scorecard_project_id_foreign\` foreign key(\`project_id\`) references \`project\`(\`id\`) on delete cascade on update cascade, constraint \`project_scorecard_organization_id_foreign\` foreign key(\`organization_id\`) references \`organization\`(\`id\`) on delete cascade on update cascade, primary key (\`project_id\`));`,
    );
    this.addSql(`create index \`project_scorecard_project_id_index\` on \`project_scorecard\` (\`project_id\`);`);
    this.addSql(`create index \`project_scorecard_organization_id_index\` on \`project_scorecard\` (\`organization_id\`);`);

    this.addSql(
      `create table \`indicator_scorecard\` (\`indicator_id\` text not null, \`project_id\` text not null, \`weight\` double not null, \`completion_rate\` double null, \`score\` double null, \`met\` integer null, \`deviation_note_required\` integer not null, \`missing\` integer not null, \`actual_id\` text null, constraint \`indicator_scorecard_indicator_id_foreign\` foreign key(\`indicator_id\`) references \`indicator\`(\`id\`) on delete cascade on update cascade, constraint \`indicator_scorecard_project_id_foreign\` foreign key(\`project_id\`) references \`project\`(\`id\`) on delete cascade on update cascade, constraint \`indicator_scorecard_actual_id_foreign\` foreign key(\`actual_id\`) references \`actual\`(\`id\`) on delete set null on update cascade, primary key (\`indicator_id\`));`,
    );
    this.addSql(`create index \`indicator_scorecard_indicator_id_index\` on \`indicator_scorecard\` (\`indicator_id\`);`);
    this.addSql(`create index \`indicator_scorecard_project_id_index\` on \`indicator_scorecard\` (\`project_id\`);`);
    this.addSql(`create index \`indicator_scorecard_actual_id_index\` on \`indicator_scorecard\` (\`actual_id\`);`);
  }
}
