/**
 * The measurement behind the out-of-domain threshold (src/core/knnlm/domain-distance.ts, OUT_OF_DOMAIN_RATIO):
 * the domain ratio of English and Chinese prefixes against the shipped demo's two English datastores. Prints the
 * smallest, median and largest ratio per set: 60 prefixes of each store's held-out text, 30 of Moby-Dick, 30 Tang
 * poem openings (built-in chinese-poetry corpus). The threshold must sit between the English and the Chinese ranges.
 * Run: node --import tsx scripts/knnlm-domain-ratios.ts
 */
import { loadChinesePoetry } from '../src/core/corpus/sources/chinese-poetry'
import { loadMobyDick } from '../src/core/corpus/sources/moby-dick'
import { queryNextToken } from '../src/core/knnlm/api'
import { readDemoHeldOut } from '../src/core/knnlm/demo'
import { OUT_OF_DOMAIN_RATIO } from '../src/core/knnlm/domain-distance'

async function main(): Promise<void> {
  const moby = loadMobyDick().map((d) => d.text).join(' ')
  const poems = loadChinesePoetry().slice(0, 2000)
  for (const setting of ['in-domain', 'adaptation'] as const) {
    const held = readDemoHeldOut(setting)
    const sets: Record<string, string[]> = {
      [`held-out ${setting}`]: Array.from({ length: 60 }, (_, i) => {
        const at = Math.floor((i * (held.length - 400)) / 60)
        return held.slice(at, at + 30 + (i % 7) * 20)
      }),
      'Moby-Dick': Array.from({ length: 30 }, (_, i) => moby.slice(20000 + i * 3000, 20000 + i * 3000 + 80)),
      'Tang poems': poems.filter((_, i) => i % 67 === 0).slice(0, 30).map((p) => p.text.slice(0, 10 + (p.text.length % 20))),
    }
    for (const [name, prefixes] of Object.entries(sets)) {
      const ratios: number[] = []
      for (const prefix of prefixes) {
        const v = await queryNextToken({ prefix, setting })
        if (v.domain) ratios.push(v.domain.ratio)
      }
      ratios.sort((a, b) => a - b)
      console.log(`${setting} store, ${name} (${ratios.length}): min ${ratios[0]!.toFixed(1)}, median ${ratios[ratios.length >> 1]!.toFixed(1)}, max ${ratios[ratios.length - 1]!.toFixed(1)}`)
    }
  }
  console.log(`threshold: ${OUT_OF_DOMAIN_RATIO}x`)
}

void main()
