/**
 * The one HTML escaper of the app: every name that reaches an HTML string (ECharts tooltip formatters, which
 * ECharts puts into the page as markup) passes through it, so a run, model, task or family called
 * `<img src=x onerror=alert(1)>` is shown as that text and never becomes an element.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c])
}
