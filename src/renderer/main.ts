/** Renderer entry: pick the transport, set up ECharts, i18n, Pinia and the router, mount the shell. */
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { createTransport } from './transport'
import { setLab } from './stores/lab'
import { i18n } from './i18n'
import { createLabRouter } from './router'
import { setupECharts } from './charts/echarts-setup'
import { installShortcuts } from './composables/shortcuts'
import { useToastsStore } from './stores/toasts'
import './styles/base.css'

setLab(createTransport())
setupECharts()
installShortcuts()

const pinia = createPinia()
const router = createLabRouter()
// a view's code that cannot be fetched (e.g. the app was rebuilt while the page was open) is said, not only logged
router.onError((error: unknown) => {
  const text = i18n.global.t('app.viewLoadFailed', { error: error instanceof Error ? error.message : String(error) })
  useToastsStore(pinia).show(text, { kind: 'error', ms: 30_000, action: { label: i18n.global.t('app.reload'), run: () => window.location.reload() } })
})
createApp(App).use(pinia).use(i18n).use(router).mount('#app')
