package server

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/krakensim/krakensim/sim/ratelimit"
)

// rateLimitBody is the body of POST /__krakensim/sessions/{id}/rate-limit: "off",
// "kraken", a number of points an hour, or null to use the scenarios' or server's.
type rateLimitBody struct {
	RateLimit json.RawMessage `json:"rateLimit"`
}

func (s *Server) sessionRateLimit(w http.ResponseWriter, r *http.Request, id string) {
	if r.Method == http.MethodPost {
		var body rateLimitBody
		if herr := decodeAdmin(r, s.cfg.MaxBodyBytes, &body); herr != "" {
			writeDetail(w, http.StatusBadRequest, herr)
			return
		}
		raw := strings.TrimSpace(string(body.RateLimit))
		var p *ratelimit.Policy
		switch {
		case raw == "":
			writeDetail(w, http.StatusBadRequest, `body: give {"rateLimit": "kraken"}, "off", a number of points an hour, or null`)
			return
		case raw != "null":
			text := raw
			var str string
			if json.Unmarshal(body.RateLimit, &str) == nil {
				text = str
			}
			policy, err := ratelimit.ParsePolicy(text)
			if err != nil {
				writeDetail(w, http.StatusBadRequest, "rateLimit: "+strings.TrimPrefix(err.Error(), "rate limit "))
				return
			}
			p = &policy
		}
		if err := s.cfg.Sim.SetRateLimit(id, p); err != nil {
			writeDetail(w, http.StatusBadRequest, err.Error())
			return
		}
	}
	st, err := s.cfg.Sim.RateLimit(id)
	if err != nil {
		writeSessionError(w, err)
		return
	}
	writeAdmin(w, http.StatusOK, map[string]any{"session": id, "rateLimit": st.Policy, "source": st.Source})
}
