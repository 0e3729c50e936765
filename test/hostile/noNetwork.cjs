// Preloaded (`node --require`) by the no-network test: every way to reach the network records the attempt and throws.
const fs = require('node:fs');
const log = process.env.ADRIFT_NETWORK_LOG;
fs.appendFileSync(`${log}.armed`, `armed ${process.pid}\n`);
function refuse(what) {
  return function () {
    fs.appendFileSync(log, `${what} ${new Error().stack.split('\n').slice(2, 5).join(' | ')}\n`);
    throw new Error(`network access attempted: ${what}`);
  };
}
const net = require('node:net');
net.connect = net.createConnection = refuse('net.connect');
const tls = require('node:tls');
tls.connect = refuse('tls.connect');
for (const name of ['http', 'https']) {
  const mod = require(`node:${name}`);
  mod.request = mod.get = refuse(`${name}.request`);
}
const dns = require('node:dns');
dns.lookup = dns.resolve = dns.promises.lookup = dns.promises.resolve = refuse('dns.lookup');
const dgram = require('node:dgram');
dgram.createSocket = refuse('dgram.createSocket');
globalThis.fetch = refuse('fetch');
