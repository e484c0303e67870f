import { Migration } from '@mikro-orm/migrations';

/**
 * What the target-table import reads is stored (issue 12): a project's kind, 项目负责人, 实施期 and
 * 上年结转; a target's range high end, period start, note and tolerance, and `between` as a
 * comparator; where an actual came from.
 */
export class Migration20261202142222_target_import_fields extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "indicator" drop constraint if exists "indicator_comparator_check";`);

    this.addSql(
      `alter table "project" add column "kind" text check ("kind" in ('PROJECT', 'DEPARTMENT')) not null default 'PROJECT', add column "leader" text null, add column "period" text null, add column "budget_carryover_fen" bigint not null default 0;`,
    );

    this.addSql(
      `alter table "indicator" add column "target_max" text null, add column "target_start" varchar(10) null, add column "target_note" text null, add column "tolerance" boolean not null default false;`,
    );
    this.addSql(`alter table "indicator" add constraint "indicator_comparator_check" check("comparator" in ('>=', '>', '<=', '<', '=', 'between'));`);

    this.addSql(`alter table "actual" add column "source" text check ("source" in ('MANUAL', 'EVIDENCE', 'IMPORT')) not null default 'MANUAL';`);
    this.addSql(`update "actual" set "source" = 'EVIDENCE' where "derived_from" is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "indicator" drop constraint if exists "indicator_comparator_check";`);

    this.addSql(`alter table "actual" drop column "source";`);

    this.addSql(`alter table "indicator" drop column "target_max", drop column "target_start", drop column "target_note", drop column "tolerance";`);

    this.addSql(`alter table "indicator" add constraint "indicator_comparator_check" check("comparator" in ('>=', '>', '<=', '<', '='));`);

    this.addSql(`alter table "project" drop column "kind", drop column "leader", drop column "period", drop column "budget_carryover_fen";`);
  }
}
