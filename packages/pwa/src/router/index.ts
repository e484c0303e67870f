import { can, type Permission } from '@jixiao/domain';
import { createRouter, createWebHistory, START_LOCATION, type RouteRecordRaw, type Router, type RouterHistory } from 'vue-router';
import type { Pinia } from 'pinia';
import HomePage from '../pages/HomePage.vue';
import LoginPage from '../pages/LoginPage.vue';
import { useSessionStore } from '../stores/session';

declare module 'vue-router' {
  interface RouteMeta {
    /** Open without a login: the login screen. (The public survey link /s/<token> is a page of its own, survey.html.) */
    public?: boolean;
    /** Shows the bottom tab bar. */
    tab?: boolean;
    /** Only roles with this permission (the domain's roles) may open it. */
    may?: Permission;
  }
}

/**
 * Login and home are in the first download; every other page is its own chunk, fetched when first
 * opened (and cached by the service worker for offline use).
 */
export const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: LoginPage, meta: { public: true } },
  { path: '/', name: 'home', component: HomePage, meta: { tab: true } },
  { path: '/outbox', name: 'outbox', component: () => import('../pages/OutboxPage.vue'), meta: { tab: true } },
  { path: '/me', name: 'me', component: () => import('../pages/MePage.vue'), meta: { tab: true } },
  { path: '/projects/:id', name: 'project', component: () => import('../pages/ProjectPage.vue'), props: true },
  {
    path: '/projects/:id/inspect/repair',
    name: 'inspect-repair',
    component: () => import('../pages/InspectionPage.vue'),
    props: (route) => ({ id: route.params.id, kind: 'REPAIR' }),
    meta: { may: 'COLLECT_EVIDENCE' },
  },
  {
    path: '/projects/:id/inspect/equipment',
    name: 'inspect-equipment',
    component: () => import('../pages/InspectionPage.vue'),
    props: (route) => ({ id: route.params.id, kind: 'EQUIPMENT' }),
    meta: { may: 'COLLECT_EVIDENCE' },
  },
  {
    path: '/projects/:id/manage',
    name: 'manage',
    component: () => import('../pages/ManagePage.vue'),
    props: true,
    meta: { may: 'MANAGE_PROJECTS' },
  },
  {
    // 地点管理: online only (the server keeps each unit's names unique).
    path: '/sites',
    name: 'sites',
    component: () => import('../pages/SitesPage.vue'),
    meta: { may: 'MANAGE_PROJECTS' },
  },
  {
    // Reading a document of target tables, correcting the guesses, saving: online only.
    path: '/import',
    name: 'import',
    component: () => import('../pages/ImportPage.vue'),
    meta: { may: 'MANAGE_PROJECTS' },
  },
  {
    // Online charts for those who read results; ECharts comes with this chunk, never the shell.
    path: '/dashboard',
    name: 'dashboard',
    component: () => import('../pages/DashboardPage.vue'),
    meta: { may: 'READ_RESULTS' },
  },
  {
    path: '/surveys/:id/kiosk',
    name: 'kiosk',
    component: () => import('../pages/SurveyKioskPage.vue'),
    props: true,
    meta: { may: 'COLLECT_EVIDENCE' },
  },
  { path: '/:rest(.*)*', redirect: '/' },
];

export function createAppRouter(pinia: Pinia, history: RouterHistory = createWebHistory(import.meta.env.BASE_URL)): Router {
  const router = createRouter({
    history,
    routes,
    // The first screen opens where the page is (the top, or where a reload left it): no scrolling,
    // which would lay the page out once more before it has even mounted.
    scrollBehavior: (_to, from, saved) => saved ?? (from === START_LOCATION ? false : { top: 0 }),
  });

  router.beforeEach(async (to) => {
    if (to.meta.public) return true;
    const session = useSessionStore(pinia);
    await session.restore();
    if (!session.loggedIn) return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} };
    if (to.meta.may && !can(session.user!.role, to.meta.may)) {
      return typeof to.params.id === 'string' ? { name: 'project', params: { id: to.params.id } } : { name: 'home' };
    }
    return true;
  });

  return router;
}
