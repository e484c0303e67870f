/**
 * Who uses Jixiao and what each may do (docs/first-run.md "Roles"). Every check — GraphQL guards,
 * upload and import routes, the phone app's menus and pages — asks `can` / `rolesThatMay` here, so
 * a role's rights are written once.
 */

/** The roles, by identifier (the API's UserRole enum and the database's check constraint). */
export const Role = {
  /** 管理员: everything a MANAGER may, plus units and users. */
  ADMIN: 'ADMIN',
  /** 管理人员: finance and performance staff. */
  MANAGER: 'MANAGER',
  /** 现场人员: people on site. */
  INSPECTOR: 'INSPECTOR',
  /** 只读: leaders, auditors. */
  VIEWER: 'VIEWER',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

/** Every role, most rights first. */
export const ROLES: readonly Role[] = Object.values(Role);

/** The Chinese name of each role, as the command line and forms print it. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = { ADMIN: '管理员', MANAGER: '管理人员', INSPECTOR: '现场人员', VIEWER: '只读' };

/** What a signed-in person may do beyond reading their units' data (which every role may). */
export type Permission =
  /** Units and user accounts: create, reset passwords, disable; a unit named by an import may be created. */
  | 'MANAGE_ACCOUNTS'
  /** Import target tables; record actuals, spending, weights and notes; sites and equipment; review inspections. */
  | 'MANAGE_PROJECTS'
  /** Create surveys and codes, read codes, free-text answers and single responses, void responses. */
  | 'MANAGE_SURVEYS'
  /** Submit repair and equipment acceptances, upload photos, collect survey answers in kiosk mode. */
  | 'COLLECT_EVIDENCE'
  /** Export reports (XLSX, printable) and read the dashboard. */
  | 'READ_RESULTS';

const ROLES_THAT_MAY: Readonly<Record<Permission, readonly Role[]>> = {
  MANAGE_ACCOUNTS: [Role.ADMIN],
  MANAGE_PROJECTS: [Role.ADMIN, Role.MANAGER],
  MANAGE_SURVEYS: [Role.ADMIN, Role.MANAGER],
  COLLECT_EVIDENCE: [Role.ADMIN, Role.MANAGER, Role.INSPECTOR],
  READ_RESULTS: [Role.ADMIN, Role.MANAGER, Role.VIEWER],
};

/**
 * The roles that have a permission, most rights first (for guards that take a list of roles).
 *
 * @example rolesThatMay('COLLECT_EVIDENCE') // ['ADMIN', 'MANAGER', 'INSPECTOR']
 */
export function rolesThatMay(permission: Permission): readonly Role[] {
  return ROLES_THAT_MAY[permission];
}

/**
 * Whether a role has a permission; an unknown role (or none) has none.
 *
 * @example can('VIEWER', 'READ_RESULTS') // true
 */
export function can(role: string | null | undefined, permission: Permission): boolean {
  return (ROLES_THAT_MAY[permission] as readonly string[]).includes(role ?? '');
}
