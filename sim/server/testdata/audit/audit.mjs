// Runs the graphql-http server audit suite (GraphQL over HTTP conformance) against
// a running endpoint and prints every result. Exits 1 if any MUST audit fails,
// 2 on bad usage or a fatal error.
//
// Usage: npm install && node audit.mjs http://127.0.0.1:8080/v1/graphql/
// TestGraphQLHTTPAudit in sim/server runs it against a real server.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <graphql endpoint URL>');
  process.exit(2);
}

const levels = { MUST: { ok: 0, fail: 0 }, SHOULD: { ok: 0, fail: 0 }, MAY: { ok: 0, fail: 0 } };
const failures = [];

for (const audit of serverAudits({ url })) {
  const level = audit.name.split(' ')[0];
  let result;
  try {
    result = await audit.fn();
  } catch (err) {
    console.error(`FATAL ${audit.id} ${audit.name}: ${err && err.stack ? err.stack : err}`);
    process.exit(2);
  }
  if (result.status === 'ok') {
    levels[level].ok++;
    console.log(`ok     ${result.id} ${result.name}`);
    continue;
  }
  levels[level].fail++;
  let body = '';
  try {
    body = await result.response.text();
  } catch {
    body = '(body already read)';
  }
  const line = `${result.status.padEnd(6)} ${result.id} ${result.name}\n       reason: ${result.reason}\n       response: ${result.response.status} ${result.response.headers.get('content-type')} ${body.slice(0, 500)}`;
  console.log(line);
  if (result.status === 'error') {
    failures.push(line);
  }
}

console.log('');
for (const [level, c] of Object.entries(levels)) {
  console.log(`${level}: ${c.ok} passed, ${c.fail} failed`);
}
if (failures.length > 0) {
  console.log(`\n${failures.length} MUST audit(s) failed:`);
  for (const f of failures) {
    console.log(f);
  }
  process.exit(1);
}
