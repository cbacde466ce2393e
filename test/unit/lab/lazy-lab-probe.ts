/**
 * Child process of lazy-handlers.test.ts: open a lab on an in-memory catalog, call the channels given as JSON
 * (`[["listRuns", {"projectId": 1}], ...]`) in order, and print each answer, or the error's code, as JSON.
 */
import { createLab } from '../../../src/core/lab'
import { toErrorInfo } from '../../../src/shared/errors'

const calls = JSON.parse(process.argv[2] ?? '[]') as [string, unknown][]
const lab = await createLab({ catalogPath: ':memory:', host: 'web', seedDemo: false })
const answers: unknown[] = []
try {
  for (const [name, payload] of calls) {
    try {
      answers.push({ result: await lab.invoke(name, payload) })
    } catch (e) {
      answers.push({ error: toErrorInfo(e).code })
    }
  }
} finally {
  lab.close()
}
process.stdout.write(JSON.stringify(answers))
