package server

import (
	_ "embed"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/checkout"
	"github.com/krakensim/krakensim/sim/journal"
)

//go:embed checkout.html
var checkoutHTML string

var checkoutPage = template.Must(template.New("checkout").Parse(checkoutHTML))

// maxCheckoutForm bounds the hosted page's form.
const maxCheckoutForm = 16 << 10

// checkoutView is what the hosted page's template shows.
type checkoutView struct {
	*sim.CheckoutPage
	Token      string
	Error      *sim.CheckoutFormError
	Form       sim.CheckoutForm
	NextYear   int
	OpenStatus bool
}

// checkout serves the simulated vendor's hosted page: GET shows the checkout, POST
// pays (or cancels) it and sends the customer to the return URL its outcome names, or
// shows the outcome where none was given. A client asking for JSON gets the checkout.
func (s *Server) checkout(w http.ResponseWriter, r *http.Request, token string) {
	if tw, tr := startTrace(s.cfg.Sim, w, r); tw != nil {
		defer tw.finish()
		w, r = tw, tr
		tw.trace.Entry.Endpoint, tw.trace.Entry.Resolver = journal.EndpointREST, r.Method+" "+checkout.Path
	}
	var (
		p    *sim.CheckoutPage
		err  error
		form sim.CheckoutForm
	)
	if r.Method == http.MethodPost {
		r.Body = http.MaxBytesReader(w, r.Body, maxCheckoutForm)
		if perr := r.ParseForm(); perr != nil {
			writeCheckoutError(w, r, http.StatusBadRequest, "the form could not be read: "+perr.Error())
			return
		}
		form = readCheckoutForm(r.PostForm)
		p, err = s.cfg.Sim.CompleteCheckout(traceContext(w, r), token, form)
	} else {
		p, err = s.cfg.Sim.Checkout(traceContext(w, r), token)
	}
	var fe *sim.CheckoutFormError
	var busy *sim.SessionBusyError
	switch {
	case errors.As(err, &fe):
		renderCheckout(w, r, http.StatusUnprocessableEntity, p, token, fe, form)
		return
	case errors.As(err, &busy):
		w.Header().Set("Retry-After", "1")
		writeCheckoutError(w, r, http.StatusServiceUnavailable, err.Error())
		return
	}
	switch {
	case errors.Is(err, checkout.ErrToken):
		writeCheckoutError(w, r, http.StatusNotFound, err.Error())
		return
	case errors.Is(err, sim.ErrCheckoutGone):
		writeCheckoutError(w, r, http.StatusGone, err.Error())
		return
	case err != nil:
		writeCheckoutError(w, r, http.StatusInternalServerError, err.Error())
		return
	}
	if r.Method == http.MethodPost && p.Redirect != "" && !wantsJSON(r) {
		if u, perr := url.Parse(p.Redirect); perr == nil && u.IsAbs() {
			http.Redirect(w, r, p.Redirect, http.StatusSeeOther)
			return
		}
	}
	renderCheckout(w, r, http.StatusOK, p, token, nil, form)
}

func readCheckoutForm(f url.Values) sim.CheckoutForm {
	month, _ := strconv.Atoi(strings.TrimSpace(f.Get("expMonth")))
	year, _ := strconv.Atoi(strings.TrimSpace(f.Get("expYear")))
	if year > 0 && year < 100 {
		year += 2000
	}
	return sim.CheckoutForm{
		Cancel: f.Get("action") == "cancel", CardNumber: f.Get("cardNumber"), ExpMonth: month, ExpYear: year,
		SortCode: f.Get("sortCode"), BankAccount: f.Get("bankAccount"), AccountHolder: f.Get("accountHolder"),
	}
}

func wantsJSON(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "application/json")
}

func renderCheckout(w http.ResponseWriter, r *http.Request, status int, p *sim.CheckoutPage, token string, fe *sim.CheckoutFormError, form sim.CheckoutForm) {
	w.Header().Set("Cache-Control", "no-store")
	if wantsJSON(r) {
		out := map[string]any{"checkout": p.Checkout, "status": p.Status, "redirect": p.Redirect}
		if fe != nil {
			out["error"] = map[string]string{"field": fe.Field, "message": fe.Message}
		}
		writeAdmin(w, status, out)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	w.WriteHeader(status)
	_ = checkoutPage.Execute(w, checkoutView{
		CheckoutPage: p, Token: token, Error: fe, Form: form, NextYear: p.Now.Year() + 1,
		OpenStatus: p.Status == sim.CheckoutOpen,
	})
}

// writeCheckoutError refuses a page request: in words for a browser, else as the admin
// API's JSON.
func writeCheckoutError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	if !strings.Contains(r.Header.Get("Accept"), "text/html") {
		writeDetail(w, status, msg)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(msg + "\n"))
}
