import { describe, expect, it } from 'vitest';
import { CSP, serviceWorkerSource } from '../../build/offline-plugins';

describe('build: Content-Security-Policy and service worker', () => {
  it('the policy allows only the site itself: no inline script, no eval, no other hosts', () => {
    const directives = Object.fromEntries(CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['style-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
    expect(directives['form-action']).toEqual(["'none'"]);
    expect(CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
  });

  it('the service worker is valid JavaScript listing every file under a versioned cache', () => {
    const source = serviceWorkerSource(['index.html', 'assets/app-1a2b.js'], 'stand-down-abc');
    expect(() => new Function(source)).not.toThrow();
    expect(source).toContain('const CACHE = "stand-down-abc";');
    expect(source).toContain('["./","./index.html","./assets/app-1a2b.js"]');
  });
});
