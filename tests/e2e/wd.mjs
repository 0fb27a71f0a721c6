// A small WebDriver client over plain HTTP (Node 20's fetch), and helpers to launch claimtrail with its own
// temporary database and config directory. No npm dependencies.
import { mkdtempSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '../..');
export const APP = process.env.APP_BIN ?? join(ROOT, 'target/debug/claimtrail-app');
export const WD = process.env.WD_URL ?? 'http://127.0.0.1:4445';
export const SHOTS = join(ROOT, 'test-output/e2e');

async function wd(method, path, body) {
  const res = await fetch(`${WD}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok || (json.value && json.value.error)) {
    const v = json.value ?? {};
    throw new Error(`WebDriver ${method} ${path}: ${v.error ?? res.status} ${v.message ?? ''}`);
  }
  return json.value;
}

const ELEMENT = 'element-6066-11e4-a6e6-4cefd4e8f9e2';
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A fresh profile: temp database + config dir, and a launcher script that passes them to the app. */
export function makeProfile(name) {
  const dir = mkdtempSync(join(tmpdir(), `claimtrail-e2e-${name}-`));
  const launcher = join(dir, 'launch.sh');
  mkdirSync(join(dir, 'config'), { recursive: true });
  writeFileSync(
    launcher,
    `#!/bin/sh\nexport CLAIMTRAIL_DB='${join(dir, 'claimtrail.db')}'\nexport XDG_CONFIG_HOME='${join(dir, 'config')}'\n` +
      `export XDG_DATA_HOME='${join(dir, 'data')}'\nexport CLAIMTRAIL_LOG_DIR='${join(dir, 'logs')}'\n` +
      `exec '${APP}' "$@"\n`,
  );
  chmodSync(launcher, 0o755);
  return { dir, launcher, db: join(dir, 'claimtrail.db'), logs: join(dir, 'logs') };
}

export class App {
  constructor(id) {
    this.id = id;
  }

  /** Starts the app through WebKitWebDriver and waits until the UI answers. */
  static async launch(profile) {
    const t0 = Date.now();
    const session = await wd('POST', '/session', {
      capabilities: {
        alwaysMatch: { 'webkitgtk:browserOptions': { binary: profile.launcher, args: [] } },
      },
    });
    const app = new App(session.sessionId);
    await app.waitFor('[data-testid="nav-library"]', 20000);
    app.launchMs = Date.now() - t0;
    return app;
  }

  async quit() {
    await wd('DELETE', `/session/${this.id}`).catch(() => {});
    await sleep(500);
  }

  exec(script, ...args) {
    return wd('POST', `/session/${this.id}/execute/sync`, { script, args });
  }

  execAsync(script, ...args) {
    return wd('POST', `/session/${this.id}/execute/async`, { script, args });
  }

  /** Calls a Rust command through the real IPC bridge. */
  invoke(cmd, args = {}) {
    return this.execAsync(
      `const done = arguments[arguments.length - 1];
       window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])
         .then((v) => done({ ok: v }), (e) => done({ err: e }));`,
      cmd,
      args,
    ).then((r) => {
      if (r && 'err' in r) throw new Error(`${cmd}: ${JSON.stringify(r.err)}`);
      return r?.ok;
    });
  }

  async find(css) {
    const v = await wd('POST', `/session/${this.id}/element`, { using: 'css selector', value: css });
    return v[ELEMENT] ?? Object.values(v)[0];
  }

  async findAll(css) {
    const v = await wd('POST', `/session/${this.id}/elements`, { using: 'css selector', value: css });
    return v.map((e) => e[ELEMENT] ?? Object.values(e)[0]);
  }

  async waitFor(css, timeout = 10000) {
    const end = Date.now() + timeout;
    let last;
    while (Date.now() < end) {
      try {
        return await this.find(css);
      } catch (e) {
        last = e;
        await sleep(100);
      }
    }
    throw new Error(`timed out waiting for ${css}: ${last?.message}`);
  }

  async waitUntil(fn, what, timeout = 10000) {
    const end = Date.now() + timeout;
    while (Date.now() < end) {
      if (await fn().catch(() => false)) return;
      await sleep(100);
    }
    throw new Error(`timed out waiting until ${what}`);
  }

  async click(css) {
    const el = await this.waitFor(css);
    await wd('POST', `/session/${this.id}/element/${el}/click`, {});
  }

  async type(css, text) {
    const el = await this.waitFor(css);
    await wd('POST', `/session/${this.id}/element/${el}/value`, { text });
  }

  async text(css) {
    const el = await this.waitFor(css);
    return wd('GET', `/session/${this.id}/element/${el}/text`);
  }

  async count(css) {
    return (await this.findAll(css)).length;
  }

  /** Presses keys as a keyboard would (WebDriver actions, sent to the focused element). */
  async keys(...keys) {
    const actions = [];
    for (const k of keys) actions.push({ type: 'keyDown', value: k }, { type: 'keyUp', value: k });
    await wd('POST', `/session/${this.id}/actions`, {
      actions: [{ type: 'key', id: 'keyboard', actions }],
    });
    await wd('DELETE', `/session/${this.id}/actions`).catch(() => {});
  }

  /** Clicks at (x, y) CSS pixels from the top-left corner of the element (e.g. a mark on a canvas). */
  async clickAt(css, x, y) {
    const el = await this.waitFor(css);
    const rect = await wd('GET', `/session/${this.id}/element/${el}/rect`);
    const vx = Math.round(rect.x + x);
    const vy = Math.round(rect.y + y);
    await wd('POST', `/session/${this.id}/actions`, {
      actions: [
        {
          type: 'pointer',
          id: 'mouse',
          parameters: { pointerType: 'mouse' },
          actions: [
            { type: 'pointerMove', duration: 0, origin: 'viewport', x: vx, y: vy },
            { type: 'pause', duration: 150 },
            { type: 'pointerDown', button: 0 },
            { type: 'pointerUp', button: 0 },
          ],
        },
      ],
    });
    await wd('DELETE', `/session/${this.id}/actions`).catch(() => {});
  }

  /**
   * What the screen shows, taken from the X display (ImageMagick's `import`). WebKitWebDriver's own screenshot
   * waits for a compositing frame, and the app runs WebKit without accelerated compositing (less memory), so
   * that call can wait forever once the page is idle.
   */
  async screenshot(name) {
    mkdirSync(SHOTS, { recursive: true });
    const path = join(SHOTS, `${name}.png`);
    await sleep(150); // let the last change paint
    execFileSync('import', ['-display', process.env.DISPLAY, '-window', 'root', path], { timeout: 20000 });
    return path;
  }
}
