/**
 * Bound to every interface (owners on the station LAN), tested on loopback only: on Linux all of
 * 127.0.0.0/8 is loopback, so a second address (127.0.0.2) stands in for "another interface" — a
 * server bound to 0.0.0.0 answers there, one bound to 127.0.0.1 does not. The Host/Origin rules
 * for a LAN view are checked with the guard given a LAN address, and over HTTP by presenting this
 * machine's own LAN address as Host while the connection itself goes to 127.0.0.2.
 */
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HostGuard, lanAddresses } from '../../electron/server/security';
import { startTestServer, type TestServer } from '../helpers/server';

const SECOND_LOOPBACK = '127.0.0.2';

/** Can this machine use 127.0.0.2 (Linux: yes; macOS only after `ifconfig lo0 alias`)? */
function loopbackAliasWorks(): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(0, SECOND_LOOPBACK, () => probe.close(() => resolve(true)));
  });
}

/** GET /healthz over a connection to `connectTo`, presenting `host` as the Host header. */
function get(port: number, host: string, connectTo: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: connectTo, port, path: '/healthz', headers: { Host: host, ...headers }, agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', reject);
  });
}

/** POST /api/roster.list with an Origin, over a connection to `connectTo`. */
function post(s: TestServer, host: string, connectTo: string, origin: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: connectTo,
        port: s.port,
        method: 'POST',
        path: '/api/roster.list',
        agent: false,
        headers: { Host: host, Origin: origin, 'Content-Type': 'application/json', Authorization: `Bearer ${s.token}` },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end('{}');
  });
}

// This machine's LAN address is only ever sent as a Host header; no test connects to it.
const lan = Object.values(os.networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

let everywhere: TestServer;
let loopbackOnly: TestServer;
let aliasWorks = false;
beforeAll(async () => {
  aliasWorks = await loopbackAliasWorks();
  everywhere = await startTestServer({ host: '0.0.0.0' });
  loopbackOnly = await startTestServer({ host: '127.0.0.1' });
});
afterAll(async () => {
  await everywhere?.close();
  await loopbackOnly?.close();
});

describe('bound to every interface', () => {
  test('the console URL stays on 127.0.0.1 and loopback names are ours; other names are 403', async () => {
    const s = everywhere;
    expect(s.url).toBe(`http://127.0.0.1:${s.port}`);
    expect(await get(s.port, `127.0.0.1:${s.port}`, '127.0.0.1')).toBe(200);
    expect(await get(s.port, `localhost:${s.port}`, '127.0.0.1')).toBe(200);
    expect(await get(s.port, `${os.hostname()}:${s.port}`, '127.0.0.1')).toBe(200);
    expect(await get(s.port, `${os.hostname()}.local:${s.port}`, '127.0.0.1')).toBe(200);
    expect(await get(s.port, `evil.example:${s.port}`, '127.0.0.1')).toBe(403);
    expect(await get(s.port, `192.0.2.77:${s.port}`, '127.0.0.1')).toBe(403);
    expect(await get(s.port, `${os.hostname()}.evil.example:${s.port}`, '127.0.0.1')).toBe(403);
    expect(await get(s.port, `127.0.0.1:${s.port + 1}`, '127.0.0.1')).toBe(403);
  });

  test('answers on a second loopback address (another interface); a 127.0.0.1-only server does not', async (t) => {
    if (!aliasWorks) t.skip(`${SECOND_LOOPBACK} cannot be bound on this machine (Linux routes all of 127/8 to loopback; macOS needs an lo0 alias)`);
    expect(await get(everywhere.port, `127.0.0.1:${everywhere.port}`, SECOND_LOOPBACK)).toBe(200);
    await expect(get(loopbackOnly.port, `127.0.0.1:${loopbackOnly.port}`, SECOND_LOOPBACK)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  test("a LAN view: this machine's own LAN address is accepted as Host and Origin, foreign ones are not", async (t) => {
    if (!aliasWorks) t.skip(`${SECOND_LOOPBACK} cannot be bound on this machine`);
    if (!lan) t.skip('this machine has no LAN address to present as Host (the guard test below covers the rule)');
    const s = everywhere;
    expect(await get(s.port, `${lan}:${s.port}`, SECOND_LOOPBACK)).toBe(200);
    expect(await post(s, `${lan}:${s.port}`, SECOND_LOOPBACK, `http://${lan}:${s.port}`)).toBe(200);
    expect(await post(s, `${lan}:${s.port}`, SECOND_LOOPBACK, 'http://evil.example')).toBe(403);
    // The same LAN name on a server bound to loopback only is not ours.
    expect(await get(loopbackOnly.port, `${lan}:${loopbackOnly.port}`, '127.0.0.1')).toBe(403);
  });
});

describe('the Host/Origin guard with a LAN address', () => {
  const interfaces = () => ['127.0.0.1', '192.168.1.20', '[fe80::1]'];

  test('bound to every interface: its own LAN addresses are accepted, with the right port only', () => {
    const g = new HostGuard('0.0.0.0', 8080, interfaces);
    expect(g.hostAllowed('192.168.1.20:8080')).toBe(true);
    expect(g.hostAllowed('[fe80::1]:8080')).toBe(true);
    expect(g.hostAllowed('192.168.1.21:8080')).toBe(false);
    expect(g.hostAllowed('192.168.1.20:8081')).toBe(false);
    expect(g.hostAllowed('192.168.1.20')).toBe(false); // port 80 implied
    expect(g.hostAllowed(undefined)).toBe(false);
    expect(g.originAllowed('http://192.168.1.20:8080')).toBe(true);
    expect(g.originAllowed(undefined)).toBe(true);
    expect(g.originAllowed('http://192.168.1.20:8080/page')).toBe(false);
    expect(g.originAllowed('http://user@192.168.1.20:8080')).toBe(false);
    expect(g.originAllowed('file://192.168.1.20')).toBe(false);
    expect(g.originAllowed('http://evil.example:8080')).toBe(false);
    expect(g.originAllowed('null')).toBe(false);
  });

  test('bound to loopback: LAN addresses are not ours even though the machine has them', () => {
    const g = new HostGuard('127.0.0.1', 8080, interfaces);
    expect(g.hostAllowed('127.0.0.1:8080')).toBe(true);
    expect(g.hostAllowed('localhost:8080')).toBe(true);
    expect(g.hostAllowed('192.168.1.20:8080')).toBe(false);
    expect(g.originAllowed('http://192.168.1.20:8080')).toBe(false);
  });

  test('a public address given (a head office behind a proxy): its name and port count, nothing else does', () => {
    const g = new HostGuard('127.0.0.1', 48800, interfaces, ['https://ho.example.com', 'http://ho-lan.example:8080']);
    expect(g.hostAllowed('ho.example.com')).toBe(true); // https's default port, left out by the browser
    expect(g.hostAllowed('HO.example.com:443')).toBe(true);
    expect(g.hostAllowed('ho.example.com:80')).toBe(false);
    expect(g.hostAllowed('ho.example.com:48800')).toBe(false);
    expect(g.hostAllowed('ho-lan.example:8080')).toBe(true);
    expect(g.hostAllowed('ho-lan.example')).toBe(false);
    expect(g.hostAllowed('evil.ho.example.com')).toBe(false);
    expect(g.hostAllowed('127.0.0.1:48800')).toBe(true);
    expect(g.originAllowed('https://ho.example.com')).toBe(true);
    expect(g.originAllowed('http://ho.example.com')).toBe(false);
    expect(g.originAllowed('https://evil.example')).toBe(false);
  });
});

describe('the LAN addresses the desk tells the console (kiosk link, owner URL)', () => {
  const ifaces = () => ({
    lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true } as os.NetworkInterfaceInfo],
    eth0: [{ address: '192.168.40.12', family: 'IPv4', internal: false } as os.NetworkInterfaceInfo, { address: 'fe80::1', family: 'IPv6', internal: false } as os.NetworkInterfaceInfo],
  });
  test('all interfaces → every non-internal IPv4 address; a LAN address → itself; loopback → none', () => {
    expect(lanAddresses('0.0.0.0', ifaces)).toEqual(['192.168.40.12']);
    expect(lanAddresses('::', ifaces)).toEqual(['192.168.40.12']);
    expect(lanAddresses('192.168.40.12', ifaces)).toEqual(['192.168.40.12']);
    for (const loop of ['127.0.0.1', '127.0.0.2', 'localhost', '::1']) expect(lanAddresses(loop, ifaces)).toEqual([]);
  });

  test('app.info answers lanUrls: none for a server bound to loopback', async () => {
    const s = await startTestServer();
    try {
      const info = await s.call('app.info');
      expect(info.body.data.lanUrls).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
