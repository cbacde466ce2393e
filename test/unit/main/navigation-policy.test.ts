/**
 * Issue 11, the desktop shell's decisions (src/main/navigation-policy.ts): the window stays on app://scaling-lab
 * (or the dev server while developing), the page gets no permission but writing to the clipboard, and a link
 * leaves for the browser at once only for a trusted https host; other http(s) links need the user's yes after
 * seeing the URL; other schemes never open.
 */
import { describe, expect, it } from 'vitest'
import { externalLinkDecision, isAllowedNavigation, isAllowedPermission, isAppOrigin } from '../../../src/main/navigation-policy'

const DEV = 'http://localhost:5173/'

describe('navigation', () => {
  it('allows the app’s own pages and, while developing, the dev server', () => {
    expect(isAllowedNavigation('app://scaling-lab/index.html')).toBe(true)
    expect(isAllowedNavigation('app://scaling-lab/index.html#/scaling')).toBe(true)
    expect(isAllowedNavigation('app://SCALING-LAB/index.html')).toBe(true)
    expect(isAllowedNavigation('http://localhost:5173/#/compute', DEV)).toBe(true)
  })

  it('refuses the web, file://, other app hosts, look-alikes and the dev server when there is none', () => {
    for (const url of [
      'https://evil.example/',
      'http://127.0.0.1:8080/',
      'file:///etc/passwd',
      'file:///work/out/renderer/index.html',
      'app://evil/index.html',
      'app://scaling-lab.evil.example/',
      'app://scaling-lab@evil.example/',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'about:blank',
      'not a url',
      '',
    ])
      expect(isAllowedNavigation(url), url).toBe(false)
    expect(isAllowedNavigation('http://localhost:5173/')).toBe(false)
    expect(isAllowedNavigation('http://localhost:5174/', DEV)).toBe(false)
    expect(isAllowedNavigation('http://localhost:5173/', '')).toBe(false)
  })

  it('trusts IPC only from the app’s origin', () => {
    expect(isAppOrigin('app://scaling-lab/index.html#/catalog')).toBe(true)
    expect(isAppOrigin('file:///app/out/renderer/index.html')).toBe(false)
    expect(isAppOrigin('https://scaling-lab/')).toBe(false)
  })
})

describe('permissions', () => {
  it('grants only writing to the clipboard, and only to the app’s page', () => {
    expect(isAllowedPermission('clipboard-sanitized-write', 'app://scaling-lab/index.html')).toBe(true)
    expect(isAllowedPermission('clipboard-sanitized-write', 'app://scaling-lab')).toBe(true)
    expect(isAllowedPermission('clipboard-sanitized-write', 'https://evil.example/')).toBe(false)
    expect(isAllowedPermission('clipboard-sanitized-write', '')).toBe(false)
  })

  it('refuses everything else, even to the app’s page', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'midiSysex', 'hid', 'serial', 'usb', 'fileSystem', 'display-capture', 'fullscreen', 'pointerLock', 'unknown'])
      expect(isAllowedPermission(p, 'app://scaling-lab/index.html'), p).toBe(false)
  })
})

describe('external links', () => {
  it('opens https links to trusted hosts (and their subdomains) at once', () => {
    expect(externalLinkDecision('https://arxiv.org/abs/2203.15556')).toEqual({ action: 'open', url: 'https://arxiv.org/abs/2203.15556' })
    expect(externalLinkDecision('https://www.arxiv.org/abs/2001.08361').action).toBe('open')
    expect(externalLinkDecision('https://docs.github.com/x').action).toBe('open')
    expect(externalLinkDecision('https://doi.org/10.48550/arXiv.2203.15556').action).toBe('open')
  })

  it('asks first for any other http(s) link, showing the whole URL as parsed', () => {
    expect(externalLinkDecision('https://evil.example/phish?x=1')).toEqual({ action: 'confirm', url: 'https://evil.example/phish?x=1' })
    expect(externalLinkDecision('http://arxiv.org/abs/1').action).toBe('confirm')
    expect(externalLinkDecision('https://arxiv.org.evil.example/').action).toBe('confirm')
    expect(externalLinkDecision('https://evilarxiv.org/').action).toBe('confirm')
    expect(externalLinkDecision('https://arxiv.org:8443/').action).toBe('confirm')
    // a look-alike host is shown as the browser will read it (punycode), not as it was written
    expect(externalLinkDecision('https://аrxiv.org/')).toEqual({ action: 'confirm', url: 'https://xn--rxiv-43d.org/' })
  })

  it('never opens other schemes or links with credentials', () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-msdt:/id', 'vscode://x', 'data:text/html,x', 'mailto:a@b.c', 'not a url', 'https://user:pw@arxiv.org/', 'https://arxiv.org@evil.example/'])
      expect(externalLinkDecision(url).action, url).toBe('refuse')
  })
})
