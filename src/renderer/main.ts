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
import './styles/base.css'

setLab(createTransport())
setupECharts()
installShortcuts()

createApp(App).use(createPinia()).use(i18n).use(createLabRouter()).mount('#app')
