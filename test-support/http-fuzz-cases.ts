/**
 * Malformed HTTP for the web host's fuzz test: hand-written cases for every known trap, and a
 * seeded generator that mixes broken request lines, headers, escapes, framing and bodies. Same
 * seed, same cases: a failure names a case that can be replayed.
 */
import { API_NAMES } from '../electron/api/contract.ts';
import { createRandom } from '../workers/engine/random.ts';

export interface FuzzCase {
  name: string;
  chunks: (string | Buffer)[];
  /** For requests the host rightly waits on (truncated, streaming): hang up after this long. */
  hangUpAfterMs?: number;
}

export interface FuzzTarget {
  port: number;
  token: string;
}


const nested = (depth: number, open = '[', close = ']'): string => open.repeat(depth) + close.repeat(depth);

function head(lines: string[], body: string | Buffer = '', eol = '\r\n'): (string | Buffer)[] {
  return [`${lines.join(eol)}${eol}${eol}`, body];
}

export function handWrittenCases({ port, token }: FuzzTarget): FuzzCase[] {
  const host = `Host: 127.0.0.1:${port}`;
  const auth = `Authorization: Bearer ${token}`;
  const json = 'Content-Type: application/json';
  const octets = 'Content-Type: application/octet-stream';
  const call = (name: string, headers: string[], body: string | Buffer = ''): (string | Buffer)[] =>
    head([`POST /api/${name} HTTP/1.1`, host, auth, ...headers, `Content-Length: ${Buffer.byteLength(body)}`], body);
  const cases: FuzzCase[] = [];
  const add = (name: string, chunks: (string | Buffer)[], hangUpAfterMs?: number): void => {
    cases.push(hangUpAfterMs === undefined ? { name, chunks } : { name, chunks, hangUpAfterMs });
  };

  // Request lines and targets.
  const targets = [
    '//', '///', '//evil.test/', '//api/app.ping', '*', 'http://127.0.0.1/', 'http://evil.test/api/app.ping', '/%', '/%zz', '/%00',
    '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fpackage.json', '/assets/../../../../etc/passwd', '/\\..\\..\\package.json',
    `/${'a'.repeat(8000)}`, `/${'%'.repeat(3000)}`, '/?%%%', '/api', '/api/', '/api/%', '/api/%E0%A4%A', '/api/%C0%AF',
    '/api/__proto__', '/api/constructor', '/api/app.ping/extra', '/api/app.ping?x=%zz', '/api/events?%', '/api/%2e%2e/app.ping',
    '/api/app%2Eping', '/api/app.ping%00', '/api/' + 'x'.repeat(5000), '/index.html%', '/;/', '/api;/app.ping',
  ];
  for (const target of targets) {
    add(`GET ${target.slice(0, 40)}`, head([`GET ${target} HTTP/1.1`, host]));
    add(`POST ${target.slice(0, 40)} with token`, head([`POST ${target} HTTP/1.1`, host, auth, json, 'Content-Length: 2'], '{}'));
  }
  for (const line of [
    'GET  / HTTP/1.1', 'GET / HTTP/1.1 extra', 'GET /', 'GET / HTTP/9.9', 'GET / HTTP/1.1x', 'get / http/1.1', 'BREW /coffee HTCPCP/1.0',
    'G\0ET / HTTP/1.1', 'GET /\0 HTTP/1.1', 'GET /\x7f HTTP/1.1', ' GET / HTTP/1.1', 'GET\t/\tHTTP/1.1', 'CONNECT 127.0.0.1:1 HTTP/1.1',
    'TRACE / HTTP/1.1', 'OPTIONS * HTTP/1.1', 'HEAD /api/app.ping HTTP/1.1', 'DELETE /api/runs.delete HTTP/1.1', 'PRI * HTTP/2.0',
  ]) {
    add(`request line ${JSON.stringify(line)}`, head([line, host, auth]));
  }
  add('raw UTF-8 in the path', [Buffer.concat([Buffer.from('GET /'), Buffer.from([0xc3, 0xa9]), Buffer.from(` HTTP/1.1\r\n${host}\r\n\r\n`)])]);
  add('invalid UTF-8 in the path', [Buffer.concat([Buffer.from('GET /api/'), Buffer.from([0xff, 0xfe, 0x80]), Buffer.from(` HTTP/1.1\r\n${host}\r\n${auth}\r\n\r\n`)])]);
  add('LF-only line endings', head(['POST /api/app.ping HTTP/1.1', host, auth, json, 'Content-Length: 2'], '{}', '\n'));
  add('bare CR line endings', head(['GET / HTTP/1.1', host], '', '\r'));
  add('leading empty lines', ['\r\n\r\n\r\n', ...head(['GET / HTTP/1.1', host])]);
  add('HTTP/2 preface', ['PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n']);
  add('TLS client hello', [Buffer.from('16030100a5010000a10303', 'hex')]);
  add('random binary', [Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 131 + 7) % 256))]);
  add('request line only, then silence', ['GET / HTTP/1.1\r\n'], 100);
  add('half a request line', ['GET /api/app.pi'], 100);

  // Headers.
  add('no Host', head(['POST /api/app.ping HTTP/1.1', auth, json, 'Content-Length: 2'], '{}'));
  add('two Hosts', head(['GET / HTTP/1.1', host, 'Host: evil.test']));
  add('empty Host', head(['GET / HTTP/1.1', 'Host: ']));
  add('Host with a trailing dot', head(['GET / HTTP/1.1', `Host: 127.0.0.1.:${port}`]));
  add('Host with odd bytes', head(['GET / HTTP/1.1', `Host: 127.0.0.1:${port}\x01`]));
  add('header without a colon', head(['GET / HTTP/1.1', host, 'NoColonHere']));
  add('space before the colon', head(['GET / HTTP/1.1', `Host : 127.0.0.1:${port}`]));
  add('obs-fold continuation', head(['GET / HTTP/1.1', host, 'X-Folded: a', ' b']));
  add('invalid header name', head(['GET / HTTP/1.1', host, 'X(Bad): 1']));
  add('NUL in a header value', head(['GET / HTTP/1.1', host, 'X-Nul: a\0b']));
  add('one 20 KiB header', head(['GET / HTTP/1.1', host, `X-Big: ${'b'.repeat(20_000)}`]));
  add('3000 headers', head(['GET / HTTP/1.1', host, ...Array.from({ length: 3000 }, (_, i) => `X-${i}: v`)]));
  add('1500 small headers under the size limit', head(['GET / HTTP/1.1', host, ...Array.from({ length: 1500 }, (_, i) => `X${i % 10}: v`)]));
  for (const value of ['Bearer', 'Bearer  ', 'Basic dXNlcjpwYXNz', `Bearer ${token} extra`, `Bearer ${'t'.repeat(10_000)}`, 'Bearer \u00e9\u00e9', `bearer ${token}`]) {
    add(`Authorization ${JSON.stringify(value.slice(0, 30))}`, head(['POST /api/app.ping HTTP/1.1', host, `Authorization: ${value}`, json, 'Content-Length: 2'], '{}'));
  }
  for (const origin of ['null', 'http://evil.test', `http://127.0.0.1:${port}.evil.test`, 'file://', '%']) {
    add(`Origin ${origin}`, call('app.ping', [json, `Origin: ${origin}`], '{}'));
  }
  for (const type of ['', 'text/plain', 'application/jsonx', 'application/json; charset=latin1', 'APPLICATION/JSON', 'multipart/form-data; boundary=x', 'application/octet-stream; x']) {
    add(`Content-Type ${JSON.stringify(type)}`, call('app.ping', [`Content-Type: ${type}`], '{"echo":"x"}'));
  }
  for (const length of ['-1', 'abc', '1e3', '0x10', '99999999999999999999999', ' 2', '2, 3', '+2']) {
    add(`Content-Length ${length}`, head(['POST /api/app.ping HTTP/1.1', host, auth, json, `Content-Length: ${length}`], '{}'));
  }
  add('two different Content-Lengths', head(['POST /api/app.ping HTTP/1.1', host, auth, json, 'Content-Length: 2', 'Content-Length: 3'], '{}'));
  add('Content-Length and chunked', head(['POST /api/app.ping HTTP/1.1', host, auth, json, 'Content-Length: 5', 'Transfer-Encoding: chunked'], '2\r\n{}\r\n0\r\n\r\n'));
  for (const encoding of ['gzip', 'chunked, chunked', 'identity', 'chunked, gzip', 'xchunked']) {
    add(`Transfer-Encoding ${encoding}`, head(['POST /api/app.ping HTTP/1.1', host, auth, json, `Transfer-Encoding: ${encoding}`], '2\r\n{}\r\n0\r\n\r\n'), 300);
  }
  add('Expect: 100-continue', call('app.ping', [json, 'Expect: 100-continue'], '{}'));
  add('Expect: teapot', call('app.ping', [json, 'Expect: teapot'], '{}'));
  add('Upgrade: websocket', head(['GET /api/events HTTP/1.1', host, auth, 'Connection: Upgrade', 'Upgrade: websocket']), 200);

  // Escapes and arguments in X-Lab-Args (binary calls).
  for (const args of ['%', '%E0%A4%A', '%%7B', 'not json', '[1,2]', 'null', '"str"', '{"__proto__":{"polluted":1}}', `{"a":${nested(6000)}}`, encodeURIComponent('{"name":"~bad","id":1}')]) {
    for (const name of ['dataset.importArchive', 'runs.checkpoint', 'exports.save']) {
      add(`X-Lab-Args ${JSON.stringify(args.slice(0, 20))} on ${name}`, call(name, [octets, `X-Lab-Args: ${args}`], Buffer.from([1, 2, 3, 4])));
    }
  }
  add('binary body without X-Lab-Args', call('runs.checkpoint', [octets], Buffer.alloc(1000, 7)));
  add('binary body on a JSON call', call('runs.create', [octets, 'X-Lab-Args: {}'], Buffer.alloc(1000, 7)));
  add('declared 300 MiB binary body', head(['POST /api/dataset.importArchive HTTP/1.1', host, auth, octets, `X-Lab-Args: ${encodeURIComponent('{"name":"x"}')}`, `Content-Length: ${300 << 20}`]));
  add('declared 1 TB JSON body', head(['POST /api/app.ping HTTP/1.1', host, auth, json, `Content-Length: ${1e12}`]));

  // Bodies.
  const bodies: [string, string | Buffer][] = [
    ['broken JSON', '{oops'], ['empty', ''], ['spaces', '   '], ['null', 'null'], ['array', '[]'], ['string', '"x"'], ['huge number', '1e999'],
    ['lone surrogate', '{"echo":"\\ud800"}'], ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])],
    ['overlong UTF-8', Buffer.from([0x7b, 0x22, 0x65, 0xc0, 0xaf, 0x22, 0x3a, 0x31, 0x7d])], ['BOM then JSON', '\ufeff{"echo":"bom"}'],
    ['NUL bytes', Buffer.alloc(64)], ['__proto__ key', '{"__proto__":{"admin":true},"echo":"p"}'], ['nested 100k arrays', nested(100_000)],
    ['nested 50k objects', `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`], ['nested in echo', `{"echo":${nested(10_000)}}`],
    ['200k-wide array', `{"echo":[${new Array(200_000).fill(0).join(',')}]}`], ['1 MiB + 1 of JSON', `{"echo":"${'x'.repeat((1 << 20) - 10)}"}`],
    ['trailing garbage', '{"echo":"x"} trailing'], ['duplicate keys', '{"echo":"a","echo":"b"}'],
  ];
  for (const [label, body] of bodies) {
    for (const name of ['app.ping', 'runs.create', 'runs.epoch', 'handwriting.save']) add(`body ${label} to ${name}`, call(name, [json], body));
  }
  add('spec nested 100k deep', call('runs.create', [json], `{"spec":${nested(100_000)},"settings":{}}`));
  add('spec of nested layers', call('runs.create', [json], `{"spec":{"layers":${nested(5000, '[{"type":"dense","units":', '}]')}},"settings":{}}`));

  // Framing: chunked encoding and lengths that lie.
  const chunked = (body: string): (string | Buffer)[] => head(['POST /api/app.ping HTTP/1.1', host, auth, json, 'Transfer-Encoding: chunked'], body);
  add('chunked, valid', chunked('2\r\n{}\r\n0\r\n\r\n'));
  add('chunked, bad hex size', chunked('zz\r\n{}\r\n0\r\n\r\n'));
  add('chunked, negative size', chunked('-2\r\n{}\r\n0\r\n\r\n'));
  add('chunked, size larger than data', chunked('ff\r\n{}\r\n0\r\n\r\n'), 150);
  add('chunked, huge size', chunked('ffffffffffffffff\r\n{}\r\n'), 150);
  add('chunked, missing CRLF after data', chunked('2\r\n{}0\r\n\r\n'));
  add('chunked, garbage extension', chunked('2;\x01\x02\r\n{}\r\n0\r\n\r\n'));
  add('chunked, odd trailer', chunked('2\r\n{}\r\n0\r\nX Bad Trailer\r\n\r\n'));
  add('chunked, no final chunk', chunked('2\r\n{}\r\n'), 150);
  add('chunked, 2 MiB in 1 KiB chunks', chunked(`${'400\r\n' + ' '.repeat(1024) + '\r\n'}`.repeat(2048) + '0\r\n\r\n'));
  add('truncated body', head(['POST /api/app.ping HTTP/1.1', host, auth, json, 'Content-Length: 100'], '{"echo":'), 100);
  add('truncated binary body', head(['POST /api/runs.checkpoint HTTP/1.1', host, auth, octets, 'X-Lab-Args: {}', 'Content-Length: 100000'], Buffer.alloc(500)), 100);
  add('body longer than declared', head(['POST /api/app.ping HTTP/1.1', host, auth, json, 'Content-Length: 2'], '{}GARBAGE / HTTP/1.1\r\n\r\n'));
  add('pipelined good then bad', [...call('app.ping', [json], '{}'), 'GET // HTTP/1.1\r\n\r\n', 'NONSENSE\r\n\r\n']);
  add('pipelined 50 requests', Array.from({ length: 50 }, () => call('app.ping', [json], '{"echo":"p"}')).flat());
  add('event stream opened and dropped', head(['GET /api/events HTTP/1.1', host, auth]), 100);
  add('event stream with a body', head(['GET /api/events HTTP/1.1', host, auth, 'Content-Length: 5'], 'hello'), 100);
  return cases;
}

const METHODS = ['GET', 'POST', 'POST', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'FOO', 'post', 'G ET', ''];
const VERSIONS = ['HTTP/1.1', 'HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1x', '', 'HTTP/0.9'];
const TYPES = ['application/json', 'application/json', 'application/octet-stream', 'text/plain', '', 'application/json; charset=utf-8', '\x01'];
const JUNK = ['%', '%E0%A4%A', '%zz', '%00', '//', '..', '\\', '?', '#', ';', '\u00e9', '\x7f', ' ', '%2f', '%2e%2e', '\ud800'];

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** A random string that never names a real dataset or run (it starts with "~"). */
export function junkString(random: () => number): string {
  let text = '~';
  const length = Math.floor(random() * 12);
  for (let i = 0; i < length; i++) text += random() < 0.3 ? pick(random, JUNK) : String.fromCharCode(33 + Math.floor(random() * 90));
  return text;
}

export function junkValue(random: () => number, depth: number): unknown {
  const kind = Math.floor(random() * (depth > 3 ? 5 : 8));
  switch (kind) {
    case 0: return junkString(random);
    case 1: return Math.floor(random() * 1e6) - 5e5;
    case 2: return random() < 0.5 ? null : random() < 0.5;
    case 3: return 1e308 * (random() < 0.5 ? 10 : 1);
    case 4: return '';
    case 5: return Array.from({ length: Math.floor(random() * 4) }, () => junkValue(random, depth + 1));
    default: return Object.fromEntries(
      Array.from({ length: Math.floor(random() * 4) }, () => [pick(random, ['echo', 'name', 'id', 'spec', 'settings', 'epoch', 'bytes', junkString(random)]), junkValue(random, depth + 1)]),
    );
  }
}

function junkTarget(random: () => number): string {
  const name = pick(random, [...API_NAMES, 'events', 'nope', '']);
  let target = random() < 0.85 ? `/api/${name}` : pick(random, ['/', '/index.html', '/assets/x.js', '//', '*', 'http://x/']);
  const mutations = Math.floor(random() * 3);
  for (let i = 0; i < mutations; i++) {
    const at = Math.floor(random() * (target.length + 1));
    target = target.slice(0, at) + pick(random, JUNK) + target.slice(at);
  }
  return target;
}

function junkBody(random: () => number): Buffer {
  const kind = Math.floor(random() * 6);
  if (kind === 0) return Buffer.from(Array.from({ length: Math.floor(random() * 300) }, () => Math.floor(random() * 256)));
  if (kind === 1) return Buffer.from(nested(Math.floor(random() * 200_000)));
  if (kind === 2) return Buffer.from(JSON.stringify(junkValue(random, 0)).slice(0, Math.floor(random() * 200)));
  return Buffer.from(JSON.stringify(junkValue(random, 0)) ?? '');
}

/** `count` mixed cases from `seed`: each picks a method, target, version, headers, body and framing. */
export function generatedCases({ port, token }: FuzzTarget, seed: number, count: number): FuzzCase[] {
  const random = createRandom(seed);
  const cases: FuzzCase[] = [];
  for (let i = 0; i < count; i++) {
    const method = pick(random, METHODS);
    const target = junkTarget(random);
    const lines = [`${method} ${target} ${pick(random, VERSIONS)}`.trimEnd()];
    if (random() < 0.9) lines.push(random() < 0.9 ? `Host: 127.0.0.1:${port}` : `Host: ${pick(random, ['evil.test', '', `localhost:${port}`, `127.0.0.1:${port + 1}`])}`);
    if (random() < 0.8) lines.push(random() < 0.85 ? `Authorization: Bearer ${token}` : `Authorization: ${junkString(random)}`);
    const type = pick(random, TYPES);
    if (type) lines.push(`Content-Type: ${type}`);
    if (type.includes('octet') || random() < 0.1) {
      const args = random() < 0.5 ? encodeURIComponent(JSON.stringify(junkValue(random, 0)) ?? '') : junkString(random);
      lines.push(`X-Lab-Args: ${args}`);
    }
    for (let h = Math.floor(random() * 3); h > 0; h--) lines.push(`X-${junkString(random).replace(/[^A-Za-z0-9]/g, 'q')}: ${junkString(random)}`);
    const body = method === 'GET' && random() < 0.7 ? Buffer.alloc(0) : junkBody(random);
    const framing = Math.floor(random() * 10);
    let hangUpAfterMs: number | undefined;
    if (framing < 6) lines.push(`Content-Length: ${body.length}`);
    else if (framing === 6) {
      lines.push(`Content-Length: ${body.length + 1 + Math.floor(random() * 1000)}`);
      hangUpAfterMs = 60;
    } else if (framing === 7) lines.push('Transfer-Encoding: chunked');
    else if (framing === 8) lines.push(`Content-Length: ${pick(random, ['-1', 'x', '1e9', String(2 ** 53)])}`);
    const payload = framing === 7 ? Buffer.from(`${body.length.toString(16)}\r\n${body.toString('latin1')}\r\n${random() < 0.7 ? '0\r\n\r\n' : ''}`, 'latin1') : body;
    if (framing === 7) hangUpAfterMs = 150;
    const eol = random() < 0.9 ? '\r\n' : '\n';
    const c: FuzzCase = { name: `generated #${i}: ${lines[0]?.slice(0, 60)}`, chunks: [`${lines.join(eol)}${eol}${eol}`, payload] };
    if (hangUpAfterMs !== undefined) c.hangUpAfterMs = hangUpAfterMs;
    cases.push(c);
  }
  return cases;
}
