package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
)

// bareFlag, as the first argument, makes loadgen the bare handler of -compare rather
// than a client; it is not listed among the flags.
const bareFlag = "-bare-serve"

// bareServe serves the bare handler on 127.0.0.1:0 until ctx ends, after printing the
// line "bare handler serving on URL" to out.
func bareServe(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("loadgen "+bareFlag, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	status := fs.Int("status", http.StatusOK, "status of every answer")
	ctype := fs.String("content-type", "application/json", "Content-Type of every answer")
	bodyFile := fs.String("body", "", "`file` holding the body of every answer")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *status < 100 || *status > 999 {
		return fmt.Errorf("%s: -status %d is not an HTTP status", bareFlag, *status)
	}
	var body []byte
	if *bodyFile != "" {
		var err error
		if body, err = os.ReadFile(*bodyFile); err != nil {
			return fmt.Errorf("%s: %w", bareFlag, err)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: bareHandler(*status, *ctype, body)}
	go func() {
		<-ctx.Done()
		_ = srv.Close()
	}()
	fmt.Fprintf(out, "bare handler serving on http://%s\n", ln.Addr())
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// bareHandler answers every request with status, content type and body, after reading
// the request's body: the ceiling of a Go net/http server on this machine.
func bareHandler(status int, ctype string, body []byte) http.Handler {
	typ, length := []string{ctype}, []string{strconv.Itoa(len(body))}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		h := w.Header()
		h["Content-Type"], h["Content-Length"] = typ, length
		w.WriteHeader(status)
		_, _ = w.Write(body)
	})
}
