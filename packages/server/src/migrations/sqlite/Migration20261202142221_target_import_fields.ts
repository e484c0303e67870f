import { Migration } from '@mikro-orm/migrations';

/**
 * What the target-table import reads is stored (issue 12): a project's kind, 项目负责人, 实施期 and
 * 上年结转; a target's range high end, period start, note and tolerance, and `between` as a
 * comparator; where an actual came from.
 *
 * SQLite cannot change a column's CHECK, so `indicator` is rebuilt to allow `between`. Migrations
 * run in a transaction, where foreign keys cannot be switched off: the checks are deferred to the
 * commit, the rows are kept in a temporary copy, and they go back into the rebuilt table under its
 * final name — which settles every reference from `actual` and `survey` before the commit checks
 * them (an orphan would still fail it).
 */
export class Migration20261202142221_target_import_fields extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`project\` add column \`kind\` text check (\`kind\` in ('PROJECT', 'DEPARTMENT')) not null default 'PROJECT';`);
    this.addSql(`alter table \`project\` add column \`leader\` text null;`);
    this.addSql(`alter table \`project\` add column \`period\` text null;`);
    this.addSql(`alter table \`project\` add column \`budget_carryover_fen\` bigint not null default 0;`);

    this.addSql(`pragma defer_foreign_keys = on;`);
    this.addSql(`create temp table \`indicator__copy\` as select * from \`indicator\`;`);
    this.addSql(
      `create table \`indicator__new\` (\`id\` text not null, \`project_id\` text not null, \`position\` integer not null, \`level1\` text not null, \`level2\` text not null, \`name\` text not null, \`description\` text not null, \`target_raw\` text not null, \`target_kind\` text check (\`target_kind\` in ('quantitative', 'deadline', 'qualitative')) not null, \`comparator\` text check (\`comparator\` in ('>=', '>', '<=', '<', '=', 'between')) null, \`target_value\` text null, \`unit\` text null, \`zero_below\` double null, \`weight\` double null, \`not_applicable\` integer not null default false, \`source\` text check (\`source\` in ('MANUAL', 'REPAIR_COUNT', 'EQUIPMENT_COUNT', 'PASS_RATE', 'COMPLETION_DATE', 'SURVEY', 'SPENDING')) not null default 'MANUAL', \`deviation_note\` text null, \`updated_at\` datetime not null, \`target_max\` text null, \`target_start\` text null, \`target_note\` text null, \`tolerance\` integer not null default false, constraint \`indicator_project_id_foreign\` foreign key(\`project_id\`) references \`project\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`drop table \`indicator\`;`);
    this.addSql(`alter table \`indicator__new\` rename to \`indicator\`;`);
    const columns =
      '`id`, `project_id`, `position`, `level1`, `level2`, `name`, `description`, `target_raw`, `target_kind`, `comparator`, `target_value`, `unit`, `zero_below`, `weight`, `not_applicable`, `source`, `deviation_note`, `updated_at`';
    this.addSql(`insert into \`indicator\` (${columns}) select ${columns} from temp.\`indicator__copy\`;`);
    this.addSql(`drop table temp.\`indicator__copy\`;`);
    this.addSql(`create index \`indicator_project_id_index\` on \`indicator\` (\`project_id\`);`);
    this.addSql(`create unique index \`indicator_project_id_position_unique\` on \`indicator\` (\`project_id\`, \`position\`);`);

    this.addSql(`alter table \`actual\` add column \`source\` text check (\`source\` in ('MANUAL', 'EVIDENCE', 'IMPORT')) not null default 'MANUAL';`);
    this.addSql(`update \`actual\` set \`source\` = 'EVIDENCE' where \`derived_from\` is not null;`);
  }
}
