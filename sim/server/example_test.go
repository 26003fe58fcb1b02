package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/krakensim/krakensim/sim/graphql"
	"github.com/krakensim/krakensim/sim/server"
)

// greeter is a stand-in Executor; krakensim wires *graphql.Executor here.
type greeter struct{}

func (greeter) Execute(ctx context.Context, req *graphql.Request) *graphql.Response {
	return &graphql.Response{Executed: true, Data: &graphql.Object{Keys: []string{"hello"}, Values: []any{"world"}}}
}

func ExampleNew() {
	s := server.New(server.Config{API: greeter{}, Version: "example"})

	r := httptest.NewRequest(http.MethodPost, server.APIPath, strings.NewReader(`{"query":"{ hello }"}`))
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	fmt.Println(w.Code, w.Header().Get("Content-Type"), w.Body)

	r = httptest.NewRequest(http.MethodPost, server.APIPath, strings.NewReader(`{"query": 7}`))
	r.Header.Set("Content-Type", "application/json")
	w = httptest.NewRecorder()
	s.ServeHTTP(w, r)
	fmt.Println(w.Code, w.Body)
	// Output:
	// 200 application/json; charset=utf-8 {"data":{"hello":"world"}}
	// 400 {"errors":[{"message":"query: must be a string, got number (at offset 10, line 1, column 11)","extensions":{"errorCode":"KRAKENSIM-HTTP-400","errorDescription":"Bad Request: query: must be a string, got number (at offset 10, line 1, column 11)","errorType":"VALIDATION"}}]}
}
