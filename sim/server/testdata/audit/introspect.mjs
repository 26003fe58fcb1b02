// Fetches a krakensim endpoint's introspection with graphql-js's own query, rebuilds the
// schema from it as GraphiQL, Apollo and graphql-codegen do, and compares it with the SDL
// file served there. Usage: node introspect.mjs URL SDL_FILE. Exits 1 on any difference.
import { readFileSync } from 'node:fs';
import {
  buildClientSchema, buildSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema,
} from 'graphql';

const [url, sdlFile] = process.argv.slice(2);
const query = getIntrospectionQuery({
  descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true,
  schemaDescription: true, inputValueDeprecation: true, oneOf: true,
});
const res = await fetch(url, {
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
  body: JSON.stringify({ query, operationName: 'IntrospectionQuery' }),
});
const body = await res.json();
if (res.status !== 200 || body.errors) {
  console.error(`HTTP ${res.status}: ${JSON.stringify(body.errors ?? body).slice(0, 2000)}`);
  process.exit(1);
}
const print = (schema) => printSchema(lexicographicSortSchema(schema));
const got = print(buildClientSchema(body.data)).split('\n');
const want = print(buildSchema(readFileSync(sdlFile, 'utf8'))).split('\n');
let diffs = 0;
for (let i = 0; i < Math.max(got.length, want.length); i++) {
  if (got[i] !== want[i]) {
    console.error(`line ${i + 1}:\n  introspected: ${got[i]}\n  SDL:          ${want[i]}`);
    if (++diffs === 10) break;
  }
}
if (diffs > 0) process.exit(1);
console.log(`introspection rebuilds ${sdlFile}: ${Object.keys(body.data.__schema.types).length} types, ${got.length} lines identical`);
