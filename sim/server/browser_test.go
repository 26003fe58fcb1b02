package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/server"
	"github.com/krakensim/krakensim/sim/simtest"
)

// The browser tests drive a real headless Chromium over CDP. They skip when no
// Chromium is installed, except in CI (CI=true), where a missing browser fails them.
// KRAKENSIM_CHROMIUM names the binary; KRAKENSIM_SCREENSHOTS names a folder to write
// a screenshot of each step to, for looking at the pages.

// findChromium returns the browser to drive, or skips (fails in CI) without one.
func findChromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("KRAKENSIM_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no Chromium found, and CI=true: install it (apt-get install chromium) or set KRAKENSIM_CHROMIUM")
	}
	t.Skip("no Chromium found (apt-get install chromium, or set KRAKENSIM_CHROMIUM): skipping the browser tests")
	return ""
}

// browserSite is a live simulator behind a server that records the paths browsers ask for.
type browserSite struct {
	*simtest.Server
	url   string
	mu    sync.Mutex
	paths []string
}

func newBrowserSite(t *testing.T) *browserSite {
	t.Helper()
	srv := simtest.NewServer(t)
	site := &browserSite{Server: srv}
	h := server.New(server.Config{Sim: srv.Sim})
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		site.mu.Lock()
		site.paths = append(site.paths, r.URL.Path)
		site.mu.Unlock()
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	site.url = ts.URL
	return site
}

func (s *browserSite) served(path string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.paths {
		if p == path {
			return true
		}
	}
	return false
}

// browser is one Chromium tab whose requests to anywhere but loopback are refused and
// recorded.
type browser struct {
	t   *testing.T
	ctx context.Context
	*browserLog
}

// browserLog is what a tab did that the test reports: outside requests and exceptions.
type browserLog struct {
	mu      sync.Mutex
	blocked []string
	logs    []string
}

// on returns the tab for a subtest, so that its failures stop only the subtest.
func (b *browser) on(t *testing.T) *browser {
	return &browser{t: t, ctx: b.ctx, browserLog: b.browserLog}
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	exe := findChromium(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		// Belt and braces: a dead proxy for everything but loopback, which bypasses it.
		chromedp.ProxyServer("http://127.0.0.1:9"),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelC(); cancelA() })
	b := &browser{t: t, browserLog: &browserLog{}}
	// Every request pauses here: loopback goes on, anything else fails and is recorded.
	err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *fetch.EventRequestPaused:
			u, err := url.Parse(ev.Request.URL)
			local := err == nil && (u.Scheme == "data" || u.Scheme == "blob" || isLoopback(u.Hostname()))
			if !local {
				b.mu.Lock()
				b.blocked = append(b.blocked, ev.Request.URL)
				b.mu.Unlock()
			}
			go func() {
				if local {
					_, _ = chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
					return
				}
				_, _ = chromedp.Call(ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: ev.RequestID, ErrorReason: network.ErrorReasonBlockedByClient})
			}()
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning {
				var parts []string
				for _, a := range ev.Args {
					if a.Description != "" {
						parts = append(parts, a.Description)
					} else {
						parts = append(parts, string(a.Value))
					}
				}
				b.mu.Lock()
				b.logs = append(b.logs, "console."+string(ev.Type)+": "+strings.Join(parts, " "))
				b.mu.Unlock()
			}
		case *runtime.EventExceptionThrown:
			b.mu.Lock()
			b.logs = append(b.logs, "exception: "+ev.ExceptionDetails.Text)
			if ev.ExceptionDetails.Exception != nil {
				b.logs = append(b.logs, ev.ExceptionDetails.Exception.Description)
			}
			b.mu.Unlock()
		}
	})
	if err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*"}}}); err != nil {
		t.Fatalf("Fetch.enable: %v", err)
	}
	if _, err := chromedp.Call(ctx, runtime.Enable, cdp.Empty{}); err != nil {
		t.Fatalf("Runtime.enable: %v", err)
	}
	// Bound the test's actions, not the browser's start (a timeout there stops it).
	tctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(cancelT)
	b.ctx = tctx
	t.Cleanup(func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		if len(b.blocked) > 0 {
			t.Errorf("the page asked for %d outside resources (all must be served by krakensim): %v", len(b.blocked), b.blocked)
		}
		if t.Failed() {
			for _, l := range b.logs {
				t.Log("browser", l)
			}
		}
	})
	return b
}

func isLoopback(host string) bool {
	return host == "localhost" || host == "127.0.0.1" || host == "::1"
}

// run runs actions, failing the test with what step says on error.
func (b *browser) run(step string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.shot("failed-" + strings.ReplaceAll(step, " ", "-"))
		b.t.Fatalf("%s: %v", step, err)
	}
}

// shot writes a screenshot to $KRAKENSIM_SCREENSHOTS, when it is set.
func (b *browser) shot(name string) {
	dir := os.Getenv("KRAKENSIM_SCREENSHOTS")
	if dir == "" {
		return
	}
	if png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot()); err == nil {
		_ = os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644)
	}
}

// evalJS evaluates a JavaScript expression in the page.
func evalJS[T any](b *browser, step, js string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		b.shot("failed-" + strings.ReplaceAll(step, " ", "-"))
		b.t.Fatalf("%s: %v", step, err)
	}
	return v
}

// waitFor polls a JavaScript condition until it is true.
// click clicks what css selects in one step in the page, retrying until it is there: the
// dashboard redraws its cards and tables as it refreshes, so a node found before a
// click may be gone by the time the click is sent.
func (b *browser) click(step, css string) {
	b.t.Helper()
	b.waitFor(step, `(() => { const e = document.querySelector(`+jsString(css)+`); if (!e) return false; e.click(); return true })()`)
}

// waitForURL waits until the tab is at want, through the navigations on the way.
func (b *browser) waitForURL(step, want string) {
	b.t.Helper()
	got := ""
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if href, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`location.href`)); err == nil {
			if got = href; got == want {
				return
			}
		}
	}
	b.shot("failed-" + strings.ReplaceAll(step, " ", "-"))
	b.t.Fatalf("%s: at %q, want %q", step, got, want)
}

func (b *browser) waitFor(step, js string) {
	b.t.Helper()
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		b.shot("failed-" + strings.ReplaceAll(step, " ", "-"))
		b.t.Fatalf("%s: %v", step, err)
	}
}

// The Monaco editors of the page, found through the instance GraphiQL exposes.
const (
	queryEditorJS    = `globalThis.__MONACO.editor.getEditors().find(e => e.getModel() && e.getModel().getLanguageId() === 'graphql')`
	responseEditorJS = `globalThis.__MONACO.editor.getEditors().find(e => e.getDomNode() && e.getDomNode().closest('.graphiql-response'))`
	headersEditorJS  = `globalThis.__MONACO.editor.getEditors().find(e => e.getDomNode() && e.getDomNode().closest('[aria-label="Headers"], .graphiql-editor-tool') && e.getModel().getValue().trim().startsWith('{'))`
)

func (b *browser) setQuery(q string) {
	b.t.Helper()
	js, _ := json.Marshal(q)
	evalJS[bool](b, "set the query", `(() => { const e = `+queryEditorJS+`; e.setValue(`+string(js)+`); e.focus(); return true })()`)
	// GraphiQL takes an edit into its tab state after a debounce, as a user's typing
	// does, and stores the tabs once it has: wait for that, as a user's pause would.
	b.waitFor("GraphiQL takes the query", `Object.keys(localStorage).some(k => k.endsWith('tabState') && JSON.parse(localStorage.getItem(k)).tabs.some(t => t.query === `+string(js)+`))`)
}

// execute runs the query editor's operation and waits for a response containing want.
func (b *browser) execute(step, want string) string {
	b.t.Helper()
	evalJS[bool](b, step+": clear the response", `(() => { const e = `+responseEditorJS+`; if (e) e.setValue(''); return true })()`)
	b.run(step+": run", chromedp.Click(chromedp.CSS(`button.graphiql-execute-button`)))
	wantJS, _ := json.Marshal(want)
	b.waitFor(step+": wait for "+want, `(() => { const e = `+responseEditorJS+`; return !!e && e.getValue().includes(`+string(wantJS)+`) })()`)
	return evalJS[string](b, step+": read the response", `(`+responseEditorJS+`).getValue()`)
}

func TestBrowserIDE(t *testing.T) {
	site := newBrowserSite(t)
	b := newBrowser(t)

	b.run("load the IDE",
		chromedp.Navigate(site.url+server.APIPath),
		chromedp.WaitVisible(chromedp.CSS(`.graphiql-container`)),
	)
	// The schema arrives by introspection; then Monaco's editors and workers run.
	b.waitFor("wait for the editors", `!!globalThis.__MONACO && !!(`+queryEditorJS+`)`)
	b.waitFor("wait for the schema", `!!document.querySelector('.graphiql-doc-explorer, [aria-label="Show Documentation Explorer"], [aria-label="Hide Documentation Explorer"]')`)
	b.shot("ide-loaded")

	t.Run("completion", func(t *testing.T) {
		b := b.on(t)
		b.setQuery("")
		b.run("type a partial field",
			chromedp.Focus(chromedp.CSS(`.graphiql-query-editor textarea`)),
			chromedp.SendKeys(chromedp.CSS(`.graphiql-query-editor textarea`), "{ vie"),
		)
		// Ask for the list explicitly too, as a user would with Ctrl+Space.
		b.run("Ctrl+Space", chromedp.KeyEvent(" ", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
		b.waitFor("the completion list shows viewer", `(() => { const w = document.querySelector('.suggest-widget'); return !!w && w.offsetParent !== null && w.textContent.includes('viewer') })()`)
		b.shot("ide-completion")
		items := evalJS[[]string](b, "read the completion list", `[...document.querySelectorAll('.suggest-widget .monaco-list-row')].map(r => r.getAttribute('aria-label') || r.textContent)`)
		if len(items) == 0 || !strings.Contains(strings.Join(items, " "), "viewer") {
			t.Errorf("completion list = %q, want viewer in it", items)
		}
		b.run("close the list", chromedp.KeyEvent(kb.Escape))
	})

	t.Run("validation and prettify", func(t *testing.T) {
		b := b.on(t)
		b.setQuery(`{ viewer { notAField } }`)
		b.waitFor("the unknown field is marked", `globalThis.__MONACO.editor.getModelMarkers({}).some(m => m.message.includes('Cannot query field "notAField"'))`)
		b.setQuery("query   Q {viewer{ email   }}")
		b.run("prettify", chromedp.Click(chromedp.CSS(`[aria-label^="Prettify query"]`)))
		b.waitFor("the query is prettified", `(`+queryEditorJS+`).getValue().trim() === "query Q {\n  viewer {\n    email\n  }\n}"`)
	})

	t.Run("run a query", func(t *testing.T) {
		b := b.on(t)
		b.setQuery(`{ possibleErrors(input: {name: "createAccountPaymentSchedule", type: mutation}) { name possibleErrors { code } } }`)
		got := b.execute("run possibleErrors", "KT-CT-3942")
		if !strings.Contains(got, `"name": "createAccountPaymentSchedule"`) {
			t.Errorf("response = %s", got)
		}
		b.shot("ide-answer")
	})

	t.Run("docs explorer shows error codes", func(t *testing.T) {
		b := b.on(t)
		b.run("open the docs", chromedp.Click(chromedp.CSS(`[aria-label="Show Documentation Explorer"]`)))
		b.run("open Mutation", chromedp.Click(chromedp.Search(`//div[contains(@class,"graphiql-doc-explorer")]//a[text()="Mutation"]`)))
		b.run("open the field", chromedp.Click(chromedp.Search(`//a[contains(@class,"graphiql-doc-explorer-field-name") and text()="createAccountPaymentSchedule"]`)))
		b.waitFor("the field's docs list its codes", `(() => { const d = document.querySelector('.graphiql-doc-explorer'); return !!d && d.textContent.includes('KT-CT-3942') && d.textContent.includes('KT-CT-3960') })()`)
		b.shot("ide-docs")
		title := evalJS[string](b, "read the title", `document.querySelector('.graphiql-doc-explorer-title').textContent`)
		if title != "createAccountPaymentSchedule" {
			t.Errorf("docs title = %q", title)
		}
		// A field's page also says when it needs Authorization.
		b.setQuery(`{ account(accountNumber: "A-C90DC431") { number } }`)
		b.waitFor("back to the start", `(() => { const back = document.querySelector('.graphiql-doc-explorer-back'); if (back) { back.click(); return false } return true })()`)
		b.run("open Query", chromedp.Click(chromedp.Search(`//div[contains(@class,"graphiql-doc-explorer")]//a[text()="Query"]`)))
		b.run("open account", chromedp.Click(chromedp.Search(`//a[contains(@class,"graphiql-doc-explorer-field-name") and text()="account"]`)))
		b.waitFor("the auth requirement shows", `(() => { const d = document.querySelector('.graphiql-doc-explorer'); return !!d && d.textContent.includes('This field requires the Authorization header to be set.') && d.textContent.includes('KT-CT-4177') })()`)
	})

	t.Run("sign in with the helper", func(t *testing.T) {
		b := b.on(t)
		b.run("open the Kraken panel", chromedp.Click(chromedp.CSS(`[aria-label="Show Kraken"]`)))
		b.run("sign in", chromedp.Click(chromedp.Search(`//form[@aria-labelledby="kraken-signin"]//button[text()="Sign in"]`)))
		b.waitFor("signed in", `document.querySelector('[data-testid="signin-status"]').textContent.startsWith('Signed in as demo@krakensim.dev')`)
		headers := evalJS[string](b, "read the headers", `globalThis.__MONACO.editor.getModels().map(m => m.getValue()).find(v => v.includes('"Authorization"')) || ''`)
		var h map[string]string
		if err := json.Unmarshal([]byte(headers), &h); err != nil || strings.Count(h["Authorization"], ".") != 2 {
			t.Fatalf("headers editor = %q, want a JWT in Authorization", headers)
		}
		b.shot("ide-signed-in")
		b.setQuery(`{ viewer { email givenName } }`)
		got := b.execute("run viewer", "demo@krakensim.dev")
		if strings.Contains(got, "errors") {
			t.Errorf("viewer after sign-in = %s", got)
		}
	})

	t.Run("force a documented error", func(t *testing.T) {
		b := b.on(t)
		b.setQuery(`{ account(accountNumber: "A-C90DC431") { number } }`)
		b.run("list the codes", chromedp.Click(chromedp.Search(`//button[text()="List the operation's error codes"]`)))
		b.waitFor("the codes are listed", `!!document.querySelector('select[name="error"] option[value="account=KT-CT-4177"]')`)
		if !site.served(server.AdminPrefix + "possible-errors") { // the admin API lists them on every SDL
			t.Errorf("the codes were not listed from %spossible-errors", server.AdminPrefix)
		}
		// Pick the code with the keyboard, as a user would: focus the list and type it.
		b.run("pick KT-CT-4177",
			chromedp.Focus(chromedp.CSS(`select[name="error"]`)),
			chromedp.SendKeys(chromedp.CSS(`select[name="error"]`), "KT-CT-4177"),
		)
		if v := evalJS[string](b, "read the choice", `document.querySelector('select[name="error"]').value`); v != "account=KT-CT-4177" {
			t.Fatalf("picked %q", v)
		}
		b.run("force it", chromedp.Click(chromedp.Search(`//button[text()="Force on next request"]`)))
		b.waitFor("armed", `document.querySelector('[data-testid="force-status"]').textContent.includes('X-Krakensim-Error: account=KT-CT-4177')`)
		b.shot("ide-force-armed")
		got := b.execute("run with the forced error", "KT-CT-4177")
		if !strings.Contains(got, `"account": null`) {
			t.Errorf("forced response = %s", got)
		}
		b.shot("ide-forced")
		armed := evalJS[string](b, "read the status", `document.querySelector('[data-testid="force-status"]').textContent`)
		if strings.Contains(armed, "X-Krakensim-Error") {
			t.Errorf("after the run the status still says %q; the error is for one request", armed)
		}
		got = b.execute("run again", "A-C90DC431")
		if strings.Contains(got, "KT-CT-4177") {
			t.Errorf("the second run failed too: %s", got)
		}
	})

	t.Run("variables", func(t *testing.T) {
		b := b.on(t)
		b.setQuery(`query Account($n: String!) { account(accountNumber: $n) { number status } }`)
		evalJS[bool](b, "fill the variables editor", `(globalThis.__MONACO.editor.getModels().find(m => m.uri.path.endsWith('-variables.json')).setValue('{"n": "A-7B3E9D12"}'), true)`)
		got := b.execute("run with variables", "A-7B3E9D12")
		if !strings.Contains(got, `"status"`) {
			t.Errorf("response = %s", got)
		}
	})

	t.Run("session selector", func(t *testing.T) {
		b := b.on(t)
		b.waitFor("the Kraken panel is open", `(() => { const b = document.querySelector('[aria-label="Show Kraken"]'); if (b) b.click(); return !!document.querySelector('input[name="session"]') })()`)
		b.run("name a session",
			chromedp.SendKeys(chromedp.CSS(`input[name="session"]`), "ide-panel"),
			chromedp.Click(chromedp.Search(`//button[text()="Use session"]`)),
		)
		b.setQuery(`query InSession { possibleErrors(input: {name: "viewer", type: query}) { name } }`)
		b.execute("run in the session", `"name": "viewer"`)
		if info := sessionInfo(t, site.Sim, "ide-panel"); info.Requests != 1 {
			t.Errorf("session ide-panel: %d requests, want 1", info.Requests)
		}
		b.run("close the panel", chromedp.Click(chromedp.CSS(`[aria-label="Hide Kraken"]`)))
	})

	t.Run("history", func(t *testing.T) {
		b := b.on(t)
		b.run("open the history", chromedp.Click(chromedp.CSS(`[aria-label="Show History"]`)))
		b.waitFor("the runs are listed", `document.querySelectorAll('.graphiql-history-items li').length >= 3`)
		b.shot("ide-history")
	})

	for _, p := range []string{"/__krakensim/ide/graphiql.js", "/__krakensim/ide/graphiql.css", "/__krakensim/ide/graphql.worker.js", "/__krakensim/ide/editor.worker.js"} {
		if !site.served(p) {
			t.Errorf("the page never loaded %s from krakensim", p)
		}
	}
}

func TestBrowserDashboard(t *testing.T) {
	site := newBrowserSite(t)
	c := site.Client(t)
	c.Session = "dash"
	c.SignIn("demo@krakensim.dev", "krakensim")
	if out := c.Query(`{ viewer { email } }`, nil); len(out.Errors) != 0 {
		t.Fatalf("viewer: %v", out.Errors)
	}
	b := newBrowser(t)
	b.run("load the dashboard",
		chromedp.EmulateViewport(800, 1000),
		chromedp.Navigate(site.url+server.AdminPrefix),
		chromedp.WaitVisible(chromedp.CSS(`article[data-session="dash"]`)),
	)
	b.waitFor("the session shows its sign-in", `document.querySelector('article[data-session="dash"] [data-field="signedIn"]').textContent === 'demo@krakensim.dev'`)
	b.waitFor("the world is listed", `document.getElementById('users').textContent.includes('demo@krakensim.dev') && document.getElementById('accounts').textContent.includes('A-C90DC431')`)
	b.shot("dashboard")
	if evalJS[bool](b, "fits 800 px", `document.documentElement.scrollWidth > document.documentElement.clientWidth`) {
		t.Error("the dashboard scrolls sideways at 800 px")
	}

	t.Run("reset a session", func(t *testing.T) {
		b := b.on(t)
		b.click("reset", `article[data-session="dash"] button[data-action="reset"]`)
		b.waitFor("the count is 0", `document.querySelector('article[data-session="dash"] [data-field="requests"]').textContent === '0'`)
		b.waitFor("nobody is signed in", `document.querySelector('article[data-session="dash"] [data-field="signedIn"]').textContent === 'nobody'`)
		info := sessionInfo(t, site.Sim, "dash")
		if info.Requests != 0 || len(info.SignedIn) != 0 {
			t.Errorf("after reset: %+v", info)
		}
	})

	t.Run("move a clock", func(t *testing.T) {
		b := b.on(t)
		before := sessionInfo(t, site.Sim, "dash").Now
		b.run("advance 2h by keyboard",
			chromedp.Focus(chromedp.CSS(`article[data-session="dash"] form[data-action="advance"] input`)),
			chromedp.SendKeys(chromedp.CSS(`article[data-session="dash"] form[data-action="advance"] input`), "2h"+kb.Enter),
		)
		b.waitFor("the status says so", `document.getElementById('status').textContent === 'Clock of dash advanced by 2h'`)
		after := sessionInfo(t, site.Sim, "dash").Now
		if d := after.Sub(before); d < 2*time.Hour || d > 2*time.Hour+time.Minute {
			t.Errorf("clock moved by %v, want 2h", d)
		}
		want := after.UTC().Format("2006-01-02 15:04")
		b.waitFor("the card shows it", `document.querySelector('article[data-session="dash"] [data-field="now"]').textContent.startsWith(`+jsString(want)+`)`)

		b.waitFor("set the clock", `(() => { const f = document.querySelector('article[data-session="dash"] form[data-action="set"]');
			if (!f) return false; f.querySelector('input').value = '2031-05-06T07:08:09'; f.querySelector('button').click(); return true })()`)
		b.waitFor("the card shows the new time", `document.querySelector('article[data-session="dash"] [data-field="now"]').textContent.startsWith('2031-05-06 07:08')`)
		if now := sessionInfo(t, site.Sim, "dash").Now.UTC(); now.Format(time.DateTime) < "2031-05-06 07:08:09" || now.Year() != 2031 {
			t.Errorf("clock = %v, want 2031-05-06T07:08:09Z onwards", now)
		}
		b.shot("dashboard-clock")
	})

	t.Run("activate a scenario", func(t *testing.T) {
		b := b.on(t)
		b.run("scope the session by keyboard",
			chromedp.Focus(chromedp.ID("scope")),
			chromedp.SendKeys(chromedp.ID("scope"), "session dash"),
		)
		if v := evalJS[string](b, "read the scope", `document.getElementById('scope').value`); v != "dash" {
			t.Fatalf("scope = %q", v)
		}
		b.click("activate", `tr[data-scenario="auth-missing-header"] button[data-action="activate"]`)
		b.waitFor("it shows as active", `!!document.querySelector('tr[data-scenario="auth-missing-header"] button[data-action="deactivate"]')`)
		b.shot("dashboard-scenario")
		c := site.Client(t)
		c.Session = "dash"
		c.SignIn("demo@krakensim.dev", "krakensim")
		if out := c.Query(`{ viewer { email } }`, nil); len(out.Errors) == 0 || out.Errors[0].Code() != "KT-CT-1112" {
			t.Errorf("viewer in dash after activating auth-missing-header: %+v, want KT-CT-1112", out.Errors)
		}
		if out := site.Client(t).Query(`{ possibleErrors(input: {name: "viewer", type: query}) { name } }`, nil); len(out.Errors) != 0 {
			t.Errorf("another session was affected: %+v", out.Errors)
		}
		b.click("deactivate", `tr[data-scenario="auth-missing-header"] button[data-action="deactivate"]`)
		b.waitFor("it shows as inactive", `!!document.querySelector('tr[data-scenario="auth-missing-header"] button[data-action="activate"]')`)
	})

	t.Run("requests", func(t *testing.T) {
		b := b.on(t)
		b.click("open the requests", `article[data-session="dash"] button[data-action="requests"]`)
		b.waitFor("the journal panel answers", `!document.getElementById('journal').hidden && document.getElementById('journal-note').textContent !== ''`)
		note := evalJS[string](b, "read the note", `document.getElementById('journal-note').textContent`)
		if status, _ := site.Client(t).Do(http.MethodGet, server.AdminPrefix+"sessions/dash/requests", nil); status == http.StatusNotFound {
			if !strings.Contains(note, "no request journal") {
				t.Errorf("without a journal the panel says %q", note)
			}
		}
		// The session's journal: the viewer query refused earlier shows, with its code
		// and the scenario rule that answered it.
		b.waitFor("the journal's entries show", `document.getElementById('journal-rows').textContent.includes('query viewer') && document.getElementById('journal-rows').textContent.includes('KT-CT-1112') && document.getElementById('journal-rows').textContent.includes('auth-missing-header')`)
		b.shot("dashboard-requests")
	})
}

func sessionInfo(t *testing.T, s *sim.Simulator, id string) sim.SessionInfo {
	t.Helper()
	for _, info := range s.Sessions() {
		if info.ID == id {
			return info
		}
	}
	t.Fatalf("no session %q", id)
	return sim.SessionInfo{}
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(bytes.TrimSpace(b))
}

// TestBrowserCheckout pays on the vendor's hosted page in Chromium as a customer would:
// a card with too little money goes back to the failure URL, the default test card to
// the success URL, and the ledger has the payment; the dashboard links an open
// checkout's page.
func TestBrowserCheckout(t *testing.T) {
	site := newBrowserSite(t)
	b := newBrowser(t)
	c := site.Client(t)
	c.Session = "default"
	c.SignIn("demo@krakensim.dev", "krakensim")
	const initiate = `mutation($ok: String!, $failed: String!) { initiateHostedStandalonePayment(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-6B2F0A1C", amount: 4321, description: "Top up", collectionMethod: CARD, returnUrlSuccess: $ok, returnUrlFailure: $failed}) { payment { url } } }`
	balance := func() float64 {
		out := c.Query(`{ account(accountNumber: "A-C90DC431") { ledgers { balance } } }`, nil)
		v, _ := simtest.Get(out.Data, "account", "ledgers", 0, "balance").(float64)
		return v
	}
	page := func() string {
		out := c.Query(initiate, map[string]any{"ok": site.url + "/__krakensim/health?paid", "failed": site.url + "/__krakensim/health?failed"})
		u, _ := simtest.Get(out.Data, "initiateHostedStandalonePayment", "payment", "url").(string)
		if u == "" {
			t.Fatalf("initiated: %+v", out.Errors)
		}
		return u
	}
	before := balance()

	first := page()
	u, err := url.Parse(first)
	if err != nil {
		t.Fatal(err)
	}
	b.run("open the dashboard", chromedp.Navigate(site.url+server.AdminPrefix))
	b.waitFor("the dashboard links the page", `[...document.querySelectorAll('#checkouts a')].some(a => a.pathname === `+jsString(u.Path)+`)`)
	b.run("open the page", chromedp.Navigate(first), chromedp.WaitVisible(chromedp.CSS(`#cardNumber`)))
	b.shot("checkout-page")
	if got := evalJS[string](b, "read the title", `document.querySelector('h1').textContent`); got != "Pay £43.21" {
		t.Errorf("title %q", got)
	}
	evalJS[bool](b, "clear the card number", `(() => { const e = document.querySelector('#cardNumber'); e.value = ''; e.focus(); return true })()`)
	b.run("type a card with too little money", chromedp.SendKeys(chromedp.CSS(`#cardNumber`), "4000 0000 0000 9995"))
	b.click("pay", `#pay`)
	b.waitForURL("back at the failure URL", site.url+"/__krakensim/health?failed")

	b.run("open another page", chromedp.Navigate(page()), chromedp.WaitVisible(chromedp.CSS(`#cardNumber`)))
	b.click("pay with the test card", `#pay`)
	b.waitForURL("back at the success URL", site.url+"/__krakensim/health?paid")
	if got := balance(); got != before+4321 {
		t.Errorf("balance %v once paid, was %v", got, before)
	}
}
