import { describe, expect, it } from 'vitest';
import { can, ROLES, rolesThatMay, type Permission, type Role } from './roles.js';

/** docs/first-run.md "Roles", one row per role: what it may do. */
const TABLE: Array<[Role, Permission[]]> = [
  ['ADMIN', ['MANAGE_ACCOUNTS', 'MANAGE_PROJECTS', 'MANAGE_SURVEYS', 'COLLECT_EVIDENCE', 'READ_RESULTS']],
  ['MANAGER', ['MANAGE_PROJECTS', 'MANAGE_SURVEYS', 'COLLECT_EVIDENCE', 'READ_RESULTS']],
  ['INSPECTOR', ['COLLECT_EVIDENCE']],
  ['VIEWER', ['READ_RESULTS']],
];
const PERMISSIONS: Permission[] = ['MANAGE_ACCOUNTS', 'MANAGE_PROJECTS', 'MANAGE_SURVEYS', 'COLLECT_EVIDENCE', 'READ_RESULTS'];

describe('roles and permissions', () => {
  it.each(TABLE)('%s may %j and nothing else', (role, allowed) => {
    expect(PERMISSIONS.filter((permission) => can(role, permission))).toEqual(allowed);
  });

  it.each(PERMISSIONS)('rolesThatMay(%s) lists exactly the roles that can', (permission) => {
    expect(rolesThatMay(permission)).toEqual(ROLES.filter((role) => can(role, permission)));
  });

  it.each<[string, string | null | undefined]>([
    ['an unknown role', 'ROOT'],
    ['a role in the wrong case', 'admin'],
    ['no role', null],
    ['an empty role', ''],
  ])('%s may do nothing', (_label, role) => {
    expect(PERMISSIONS.some((permission) => can(role, permission))).toBe(false);
  });

  it('lists the four roles, most rights first', () => {
    expect(ROLES).toEqual(['ADMIN', 'MANAGER', 'INSPECTOR', 'VIEWER']);
  });
});
