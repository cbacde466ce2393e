/**
 * The route table. Hash history, so the same build works from app://scaling-lab/ (Electron) and from the web host.
 *
 * HOW A HELPER ADDS A VIEW: write src/renderer/views/<Name>View.vue, then add ONE line to `routes` below, e.g.
 *   { path: '/scaling', name: 'scaling', component: () => import('../views/ScalingView.vue'), meta: { nav: 'scaling' } },
 * `meta.nav` is the key in NAV_ITEMS (router/nav.ts); it puts the view in the navigation with its label
 * (i18n key nav.<key>, already written in English and Chinese) and its "g <letter>" shortcut. Keys:
 *   catalog (g c), scaling (g s), compute (g o), emergence (g e), calibration (g a), trends (g i), knnlm (g k), data (g d).
 * Only routes whose view exists appear in the navigation; every entry opens a working view.
 */
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
import type { NavKey } from './nav'
import { isString, loadSetting, saveSetting } from '../composables/persisted'
import { followEarlyHashChanges } from './early-hash'

declare module 'vue-router' {
  interface RouteMeta {
    nav?: NavKey
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/catalog', name: 'catalog', component: () => import('../views/CatalogView.vue'), meta: { nav: 'catalog' } },
  { path: '/runs/:id(\\d+)', name: 'run', component: () => import('../views/RunView.vue'), props: (r) => ({ id: Number(r.params.id) }) },
  { path: '/data', name: 'data', component: () => import('../views/DataView.vue'), meta: { nav: 'data' } },
  { path: '/knnlm', name: 'knnlm', component: () => import('../views/KnnLmView.vue'), meta: { nav: 'knnlm' } },
  { path: '/emergence', name: 'emergence', component: () => import('../views/EmergenceView.vue'), meta: { nav: 'emergence' } },
  { path: '/calibration', name: 'calibration', component: () => import('../views/CalibrationView.vue'), meta: { nav: 'calibration' } },
  { path: '/inverse-scaling', name: 'inverse-scaling', component: () => import('../views/InverseScalingView.vue'), meta: { nav: 'trends' } },
  { path: '/scaling', name: 'scaling', component: () => import('../views/ScalingView.vue'), meta: { nav: 'scaling' } },
  { path: '/compute', name: 'compute', component: () => import('../views/ComputeView.vue'), meta: { nav: 'compute' } },
  { path: '/forecast', name: 'forecast', component: () => import('../views/ForecastView.vue'), meta: { nav: 'forecast' } },
  { path: '/atlas', name: 'atlas', component: () => import('../views/AtlasView.vue'), meta: { nav: 'atlas' } },
  { path: '/plan', name: 'plan', component: () => import('../views/PlanView.vue'), meta: { nav: 'plan' } },
  { path: '/curves', name: 'curves', component: () => import('../views/CurvesView.vue'), meta: { nav: 'curves' } },
  // helpers: add your view's line here (see the comment at the top of this file)
]

export function createLabRouter() {
  const router = createRouter({
    history: createWebHashHistory(),
    routes: [
      ...routes,
      {
        path: '/:rest(.*)*',
        redirect: () => {
          const last = loadSetting('lastRoute', '/catalog', isString)
          return routes.some((r) => r.path === last.split('?')[0]) || /^\/runs\/\d+$/.test(last) ? last : '/catalog'
        },
      },
    ],
  })
  router.afterEach((to) => {
    if (to.matched.length && to.name) saveSetting('lastRoute', to.fullPath)
  })
  followEarlyHashChanges(router)
  return router
}
