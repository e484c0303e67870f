import type { EntityManager } from '@mikro-orm/core';

/** An organization as the scope knows it: plain values, loaded once per request. */
export interface OrgNode {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
}

/**
 * The organizations a user may see: their own and all its descendants (DESIGN.md: a parent
 * 主管部门 rolls up its units). Built once per request from one query.
 */
export class OrgScope {
  private constructor(
    readonly rootId: string,
    private readonly byId: Map<string, OrgNode>,
    readonly ids: ReadonlySet<string>,
  ) {}

  static async load(em: EntityManager, rootId: string): Promise<OrgScope> {
    // Plain rows: every request builds the scope, and entities would cost several times the query.
    const rows: Array<Record<string, unknown>> = await em.getConnection().execute('select id, code, name, parent_id from organization', [], 'all', em.getTransactionContext());
    const all: OrgNode[] = rows.map((r) => ({ id: String(r.id), code: String(r.code), name: String(r.name), parentId: r.parent_id == null ? null : String(r.parent_id) }));
    const byId = new Map(all.map((org) => [org.id, org]));
    const children = new Map<string, string[]>();
    for (const org of all) {
      if (org.parentId) children.set(org.parentId, [...(children.get(org.parentId) ?? []), org.id]);
    }
    const ids = new Set<string>();
    const stack = [rootId];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (ids.has(id)) continue;
      ids.add(id);
      stack.push(...(children.get(id) ?? []));
    }
    return new OrgScope(rootId, byId, ids);
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

  /** Does an organization with this code exist at all (visible or not)? */
  exists(code: string): boolean {
    for (const org of this.byId.values()) if (org.code === code) return true;
    return false;
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
    return this.ids.size === this.byId.size;
  }
}
