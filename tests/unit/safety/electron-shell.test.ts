/**
 * Issue 11 #12, what can be checked without an Electron runtime: the fuses in the packaging
 * config, the CSP's connect-src limited to the desk's own origin, the window loading app:// (never
 * file://) and the app:// handler reading nothing outside dist/renderer. The Electron e2e
 * (tests/electron/, run in CI) covers the running app and its start-up dialog.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appSchemeFile } from '../../../electron/app-path';
import { CONSOLE_CSP } from '../../../electron/server/security';

const read = (f: string) => fs.readFileSync(path.resolve(f), 'utf8');

describe('desktop shell hardening', () => {
  it('electron-builder flips the fuses', () => {
    const yml = read('build/electron-builder.yml');
    const fuses = /^electronFuses:\n((?: {2}.+\n?)+)/m.exec(yml)?.[1] ?? '';
    const set = Object.fromEntries(fuses.trim().split('\n').map((l) => l.trim().split(/:\s*/) as [string, string]));
    expect(set).toMatchObject({
      runAsNode: 'false',
      enableCookieEncryption: 'true',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
      grantFileProtocolExtraPrivileges: 'false',
    });
  });

  it("CSP connect-src is the desk's own origin only (header and the page's meta)", () => {
    const connect = /connect-src ([^;]+);/.exec(CONSOLE_CSP)?.[1];
    expect(connect).toBe("'self'");
    expect(read('renderer/index.html')).toContain(CONSOLE_CSP);
  });

  it('the window loads app://desk/index.html through a privileged scheme registered before ready', () => {
    const main = read('electron/main.ts');
    expect(main).toContain('loadURL(APP_INDEX_URL)');
    expect(main).not.toMatch(/loadFile\(|file:\/\//);
    expect(main.indexOf('registerAppScheme()')).toBeLessThan(main.indexOf('app.whenReady()'));
    expect(read('electron/app-protocol.ts')).toMatch(/protocol\.handle\(APP_SCHEME/);
  });

  it('app:// serves files of dist/renderer and nothing else', () => {
    const root = path.resolve('dist/renderer');
    expect(appSchemeFile(root, 'app://desk/index.html')).toBe(path.join(root, 'index.html'));
    expect(appSchemeFile(root, 'app://desk/')).toBe(path.join(root, 'index.html'));
    expect(appSchemeFile(root, 'app://desk/assets/index-abc.js')).toBe(path.join(root, 'assets', 'index-abc.js'));
    // Dot segments, plain or %2e-encoded, are folded by the URL parser: they stay inside the folder.
    expect(appSchemeFile(root, 'app://desk/../../package.json')).toBe(path.join(root, 'package.json'));
    expect(appSchemeFile(root, 'app://desk/%2e%2e/%2e%2e/etc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
    // An encoded slash would escape after decoding: refused.
    for (const bad of ['app://desk/..%2f..%2fpackage.json', 'app://other/index.html', 'app://desk/%00', 'app://desk/%E0%A4%A']) {
      expect(appSchemeFile(root, bad), bad).toBeNull();
    }
  });
});
