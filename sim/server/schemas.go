package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"sort"
	"strings"
)

// SchemasPath is where the JSON Schemas of krakensim's files are served, by name
// (/__krakensim/schemas/scenario.json).
const SchemasPath = AdminPrefix + "schemas/"

// serveSchema answers GET /__krakensim/schemas/{name} with the schema of that name, its
// $id rewritten to the URL it was fetched from, so that the $id always resolves.
func (s *Server) serveSchema(w http.ResponseWriter, r *http.Request, name string) {
	doc, ok := s.cfg.Schemas[name]
	if !ok {
		names := make([]string, 0, len(s.cfg.Schemas))
		for n := range s.cfg.Schemas {
			names = append(names, SchemasPath+n)
		}
		sort.Strings(names)
		writeDetail(w, http.StatusNotFound, "no schema "+name+"; there are "+strings.Join(names, ", "))
		return
	}
	var head struct {
		ID string `json:"$id"`
	}
	if json.Unmarshal(doc, &head) == nil && head.ID != "" {
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		old, _ := json.Marshal(head.ID)
		self, _ := json.Marshal(scheme + "://" + r.Host + SchemasPath + name)
		doc = bytes.Replace(doc, old, self, 1)
	}
	w.Header().Set("Content-Type", "application/schema+json")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(doc)
}
