// krakensim's GraphiQL: the stock IDE plus a "Kraken" panel (sign in, session, forced
// errors). Built by scripts/build-ide.sh into sim/server/ide/; everything it loads is
// served by krakensim itself.
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { useGraphiQL } from '@graphiql/react';
import { HISTORY_PLUGIN } from '@graphiql/plugin-history';
import { parse } from 'graphql';
// Monaco's own CSS, gathered in one file by GraphiQL (its codicon font inline); the CSS
// that Monaco's modules import one by one is left out of the build (see build.mjs).
import '../node_modules/graphiql/dist/index.css';
import 'graphiql/graphiql.css';
import '@graphiql/react/style.css';
import '@graphiql/plugin-doc-explorer/style.css';
import '@graphiql/plugin-history/style.css';
import './kraken.css';

const cfg = JSON.parse(document.getElementById('krakensim-ide').textContent);
const base = cfg.assets; // e.g. /__krakensim/ide/

// Monaco's workers come from krakensim too, never from a CDN.
globalThis.MonacoEnvironment = {
  getWorker(_id, label) {
    const name = label === 'json' ? 'json.worker.js' : label === 'graphql' ? 'graphql.worker.js' : 'editor.worker.js';
    return new Worker(base + name);
  },
};

// The forced error waits here for the next request the user runs.
const pending = {
  value: '', subs: new Set(),
  set(v) { this.value = v; this.subs.forEach((f) => f()); },
  subscribe(f) { pending.subs.add(f); return () => pending.subs.delete(f); },
};

async function post(url, body, headers) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  try { return JSON.parse(text); } catch { return { errors: [{ message: `HTTP ${res.status}: ${text.slice(0, 300)}` }] }; }
}

// operationNames lists the named operations of a document, or null when it does not parse.
function operationNames(query) {
  try {
    return parse(query).definitions.filter((d) => d.kind === 'OperationDefinition' && d.name).map((d) => d.name.value);
  } catch { return null; }
}

async function fetcher(params, opts) {
  const headers = { ...(opts && opts.headers) };
  // GraphiQL can keep the name of an operation that an edit has just removed; send
  // none rather than one the document lacks.
  if (params.operationName) {
    const names = operationNames(params.query || '');
    if (names && !names.includes(params.operationName)) params = { ...params, operationName: undefined };
  }
  const introspection = params.operationName === 'IntrospectionQuery';
  if (!introspection && pending.value) {
    headers['X-Krakensim-Error'] = pending.value;
    pending.set('');
  }
  return post(cfg.endpoint, params, headers);
}

function parseHeaders(text) {
  try {
    const v = JSON.parse(text || '{}');
    return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
  } catch { return null; }
}

// useHeaders reads and writes the headers editor, so what the panel sets stays visible.
function useHeaders() {
  const editor = useGraphiQL((s) => s.headerEditor);
  const get = useCallback(() => parseHeaders(editor ? editor.getValue() : ''), [editor]);
  const set = useCallback((name, value) => {
    const h = get() || {};
    if (value) h[name] = value; else delete h[name];
    editor && editor.setValue(JSON.stringify(h, null, 2));
  }, [editor, get]);
  return [get, set];
}

function rootFields(query) {
  try {
    const doc = parse(query);
    const out = [];
    for (const def of doc.definitions) {
      if (def.kind !== 'OperationDefinition' || def.operation === 'subscription') continue;
      for (const sel of def.selectionSet.selections) {
        if (sel.kind === 'Field' && !sel.name.value.startsWith('__')) out.push({ name: sel.name.value, type: def.operation });
      }
    }
    return out;
  } catch { return []; }
}

function SignIn({ getHeaders, setHeader }) {
  const [email, setEmail] = useState(cfg.signIn?.email || '');
  const [password, setPassword] = useState(cfg.signIn?.password || '');
  const [status, setStatus] = useState('');
  const submit = async (e) => {
    e.preventDefault();
    setStatus('Signing in…');
    const h = getHeaders() || {};
    const session = h['X-Krakensim-Session'];
    const res = await post(cfg.authEndpoint, {
      query: 'mutation KrakensimSignIn($input: ObtainJSONWebTokenInput!) { obtainKrakenToken(input: $input) { token refreshExpiresIn } }',
      variables: { input: { email, password } },
      operationName: 'KrakensimSignIn',
    }, session ? { 'X-Krakensim-Session': session } : {});
    const token = res?.data?.obtainKrakenToken?.token;
    if (token) {
      setHeader('Authorization', token);
      setStatus(`Signed in as ${email}; the Authorization header is set.`);
    } else {
      const e0 = res?.errors?.[0];
      setStatus(`Sign-in failed: ${e0?.extensions?.errorCode || ''} ${e0?.message || 'no token'}`);
    }
  };
  return (
    <form className="kraken-form" onSubmit={submit} aria-labelledby="kraken-signin">
      <h3 id="kraken-signin">Sign in (obtainKrakenToken)</h3>
      <label>Email<input name="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" /></label>
      <label>Password<input name="password" type="text" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="off" /></label>
      <div className="kraken-row">
        <button type="submit" className="kraken-button">Sign in</button>
        <button type="button" className="kraken-button secondary" onClick={() => { setHeader('Authorization', ''); setStatus('Signed out: the Authorization header is removed.'); }}>Sign out</button>
      </div>
      <p role="status" className="kraken-status" data-testid="signin-status">{status}</p>
    </form>
  );
}

function SessionPicker({ getHeaders, setHeader }) {
  const [value, setValue] = useState(() => (getHeaders() || {})['X-Krakensim-Session'] || '');
  const [known, setKnown] = useState([]);
  useEffect(() => {
    fetch(cfg.admin + 'sessions', { headers: { Accept: 'application/json' } })
      .then((r) => (r.ok ? r.json() : { sessions: [] }))
      .then((b) => setKnown((b.sessions || []).map((s) => s.id)))
      .catch(() => {});
  }, []);
  const apply = (e) => { e.preventDefault(); setHeader('X-Krakensim-Session', value.trim()); };
  return (
    <form className="kraken-form" onSubmit={apply} aria-labelledby="kraken-session">
      <h3 id="kraken-session">Session</h3>
      <label>X-Krakensim-Session<input name="session" list="kraken-sessions" value={value} placeholder="default" onChange={(e) => setValue(e.target.value)} autoComplete="off" /></label>
      <datalist id="kraken-sessions">{known.map((id) => <option key={id} value={id} />)}</datalist>
      <button type="submit" className="kraken-button">Use session</button>
    </form>
  );
}

function ForceError() {
  const query = useGraphiQL((s) => s.queryEditor);
  const [fields, setFields] = useState([]);
  const [choice, setChoice] = useState('');
  const [status, setStatus] = useState('');
  const next = useSyncExternalStore(pending.subscribe, () => pending.value);
  const load = async () => {
    const roots = rootFields(query ? query.getValue() : '');
    if (!roots.length) { setStatus('Write an operation first: its root fields list their documented errors.'); return; }
    const out = [];
    for (const f of roots) {
      // The admin API lists them on every SDL, whatever (or whether) it names a
      // possibleErrors query's types, without running the fields.
      const res = await fetch(cfg.admin + 'possible-errors?' + new URLSearchParams({ endpoint: cfg.endpoint, type: f.type, field: f.name }), { headers: { Accept: 'application/json' } })
        .then((r) => (r.ok ? r.json() : {}))
        .catch(() => ({}));
      const errs = res?.possibleErrors?.[f.name] || [];
      out.push({ ...f, errors: errs.filter((e) => e && e.code) });
    }
    setFields(out);
    const first = out.find((f) => f.errors.length);
    setChoice(first ? `${first.name}=${first.errors[0].code}` : '');
    setStatus(first ? '' : 'These fields document no error codes.');
  };
  return (
    <form className="kraken-form" onSubmit={(e) => { e.preventDefault(); if (choice) pending.set(choice); }} aria-labelledby="kraken-force">
      <h3 id="kraken-force">Force a documented error</h3>
      <button type="button" className="kraken-button secondary" onClick={load}>List the operation's error codes</button>
      {fields.length > 0 && (
        <label>Error for the next request
          <select name="error" value={choice} onChange={(e) => setChoice(e.target.value)}>
            {fields.map((f) => (
              <optgroup key={f.name} label={f.name}>
                {f.errors.map((e) => <option key={f.name + e.code} value={`${f.name}=${e.code}`}>{e.code}: {e.message}</option>)}
              </optgroup>
            ))}
          </select>
        </label>
      )}
      {fields.length > 0 && <button type="submit" className="kraken-button" disabled={!choice}>Force on next request</button>}
      <p role="status" className="kraken-status" data-testid="force-status">
        {next ? `The next request sends X-Krakensim-Error: ${next}` : status}
        {next && <button type="button" className="kraken-link" onClick={() => pending.set('')}>cancel</button>}
      </p>
    </form>
  );
}

function KrakenPanel() {
  const [getHeaders, setHeader] = useHeaders();
  return (
    <div className="kraken-panel">
      <div className="graphiql-doc-explorer-title">Kraken</div>
      <SignIn getHeaders={getHeaders} setHeader={setHeader} />
      <SessionPicker getHeaders={getHeaders} setHeader={setHeader} />
      <ForceError />
      <p className="kraken-status"><a href={cfg.admin}>krakensim dashboard</a></p>
    </div>
  );
}

function KrakenIcon() {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <path d="M12 3c-3.5 0-6 2.6-6 6v3c0 1.5-1 3-2.5 4M12 3c3.5 0 6 2.6 6 6v3c0 1.5 1 3 2.5 4M9 12v5c0 1.5-1 3-2.5 4M15 12v5c0 1.5 1 3 2.5 4M12 12v9" />
      <circle cx="9.5" cy="8.5" r="1" /><circle cx="14.5" cy="8.5" r="1" />
    </svg>
  );
}

const krakenPlugin = { title: 'Kraken', icon: KrakenIcon, content: KrakenPanel };

function App() {
  return (
    <GraphiQL
      fetcher={fetcher}
      plugins={[HISTORY_PLUGIN, krakenPlugin]}
      defaultQuery={cfg.defaultQuery}
      defaultEditorToolsVisibility="headers"
      storage={window.localStorage}
    >
      <GraphiQL.Logo>krakensim <code>{cfg.endpoint}</code></GraphiQL.Logo>
    </GraphiQL>
  );
}

createRoot(document.getElementById('graphiql')).render(<App />);
