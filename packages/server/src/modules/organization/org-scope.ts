import type { EntityManager } from '@mikro-orm/core';
import { nullable, number, queryRows, text } from '../common/sql.js';

/** An organization as the scope knows it: plain values, loaded once per request. */
export interface OrgNode {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
}

/** The organization and its descendants (cycles end: `union` keeps each id once), with the number of all organizations. */
const SCOPE_SQL = `with recursive scope(id) as (
    select id from organization where id = ?
    union
    select o.id from organization o join scope s on o.parent_id = s.id
  )
  select o.id, o.code, o.name, o.parent_id, (select count(*) from organization) as total
    from organization o join scope s on s.id = o.id`;

/**
 * The organizations a user may see: their own and all its descendants (docs/domain.md: a parent
 * 主管部门 rolls up its units). Built once per request from one query, which reads only those
 * organizations: a unit's manager costs one row, not the whole province.
 */
export class OrgScope {
  private constructor(
    readonly rootId: string,
    private readonly byId: Map<string, OrgNode>,
    readonly ids: ReadonlySet<string>,
    /** How many organizations there are, visible or not. */
    private readonly total: number,
  ) {}

  static async load(em: EntityManager, rootId: string): Promise<OrgScope> {
    // Plain rows: every request builds the scope, and entities would cost several times the query.
    const rows = await queryRows(em, SCOPE_SQL, [rootId], { id: text, code: text, name: text, parent_id: nullable(text), total: number });
    const byId = new Map<string, OrgNode>();
    const ids = new Set<string>([rootId]);
    let total = 0;
    for (const r of rows) {
      const org: OrgNode = { id: r.id, code: r.code, name: r.name, parentId: r.parent_id };
      byId.set(org.id, org);
      ids.add(org.id);
      total = r.total;
    }
    return new OrgScope(rootId, byId, ids, total);
  }

  has(orgId: string): boolean {
    return this.ids.has(orgId);
  }

  /** The organization with this code, if the user may see it. */
  byCode(code: string): OrgNode | undefined {
    for (const id of this.ids) {
      const org = this.byId.get(id);
      if (org?.code === code) return org;
    }
    return undefined;
  }

  /** Ids of the organization with this code and its descendants, within the scope. */
  subtree(code: string): string[] {
    const root = this.byCode(code);
    if (!root) return [];
    const result: string[] = [];
    for (const id of this.ids) {
      for (let org = this.byId.get(id); org; org = org.parentId ? this.byId.get(org.parentId) : undefined) {
        if (org.id === root.id) {
          result.push(id);
          break;
        }
      }
    }
    return result;
  }

  /** Does the scope cover every organization (the user sees everything)? */
  get isEverything(): boolean {
    return this.byId.size === this.total;
  }
}
