/**
 * Preloaded with `node --import` into tools that may try the network (Electronegativity fetches
 * translations and Electron release notes). Every connection to a host other than loopback fails at
 * once, as it would on an offline machine, and is reported on stderr so a test can show what was tried.
 */
import dns from 'node:dns';
import net from 'node:net';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const report = (host) => process.stderr.write(`offline guard: refused a connection to ${host}\n`);

function refused(host) {
  const error = new Error(`offline guard: no network outside loopback (${host})`);
  error.code = 'ECONNREFUSED';
  return error;
}

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
  const options = typeof args[0] === 'object' && args[0] !== null ? args[0] : { port: args[0], host: args[1] };
  const host = options.path ? 'loopback' : (options.host ?? 'localhost');
  if (options.path || LOOPBACK.has(host)) return originalConnect.apply(this, args);
  report(host);
  process.nextTick(() => this.destroy(refused(host)));
  return this;
};

const originalLookup = dns.lookup;
dns.lookup = function lookup(hostname, options, callback) {
  const done = typeof options === 'function' ? options : callback;
  if (LOOPBACK.has(hostname)) return originalLookup.call(dns, hostname, options, callback);
  report(hostname);
  process.nextTick(() => done(refused(hostname)));
  return undefined;
};
