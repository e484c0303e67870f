import type { EntityManager } from '@mikro-orm/core';
import { Organization } from './organization.entity.js';

/**
 * The organizations a user may see: their own and all its descendants (DESIGN.md: a parent
 * 主管部门 rolls up its units). Built once per request from one query.
 */
export class OrgScope {
  private constructor(
    readonly rootId: string,
    private readonly byId: Map<string, Organization>,
    readonly ids: ReadonlySet<string>,
  ) {}

  static async load(em: EntityManager, rootId: string): Promise<OrgScope> {
    const all: Organization[] = await em.find(Organization, {});
    const byId = new Map(all.map((org) => [org.id, org]));
    const children = new Map<string, string[]>();
    for (const org of all) {
      if (org.parent) children.set(org.parent.id, [...(children.get(org.parent.id) ?? []), org.id]);
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
  byCode(code: string): Organization | undefined {
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
      for (let org = this.byId.get(id); org; org = org.parent ? this.byId.get(org.parent.id) : undefined) {
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
