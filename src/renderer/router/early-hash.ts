/**
 * vue-router listens to the address bar only once its first navigation has finished, and that navigation then writes
 * its own route over the address. So a route typed into the address bar (or a `#/...` link followed) while the first
 * view is still loading was lost: the address went back to the first route and the view never changed. This keeps the
 * last such hash and goes there once the router is ready.
 */
import type { Router } from 'vue-router'

export function followEarlyHashChanges(router: Router): void {
  let early: string | null = null
  const remember = (): void => {
    early = window.location.hash.slice(1) || '/'
  }
  window.addEventListener('hashchange', remember)
  const follow = (): void => {
    window.removeEventListener('hashchange', remember)
    if (early !== null && early !== router.currentRoute.value.fullPath) void router.replace(early)
  }
  router.isReady().then(follow, follow)
}
