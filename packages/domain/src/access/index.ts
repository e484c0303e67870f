export { can, Role, ROLE_LABELS, ROLES, rolesThatMay, type Permission } from './roles.js';
