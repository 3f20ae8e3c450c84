package gateway

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// Health is the answer of GET /_parity/health.
type Health struct {
	Status        string            `json:"status"`
	Version       string            `json:"version"`
	UptimeSeconds float64           `json:"uptimeSeconds"`
	Services      map[string]string `json:"services"`
	Operations    map[string]int    `json:"operations"`
	Calls         int               `json:"calls"`
}

// internal serves the emulator's own endpoints under /_parity/.
func (g *Gateway) internal(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/_parity/health":
		h := Health{
			Status:        "running",
			Version:       g.cfg.Version,
			UptimeSeconds: time.Since(g.cfg.Started).Seconds(),
			Services:      map[string]string{},
			Operations:    map[string]int{},
			Calls:         g.cfg.CallLog.Len(),
		}
		for name, e := range g.byModel {
			h.Services[name] = "running"
			h.Operations[name] = len(e.handlers)
		}
		writeJSON(w, http.StatusOK, h)
	case "/_parity/calls":
		writeJSON(w, http.StatusOK, g.cfg.CallLog.Entries())
	default:
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "unknown endpoint " + r.URL.Path + "; known: /_parity/health, /_parity/calls"})
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// cors answers preflight requests and adds CORS headers so browser clients
// (the JavaScript SDK in a page) can call the emulator; requests to an S3
// bucket are answered by the bucket's CORS configuration instead (see
// routedCORS). It reports whether the request is fully answered.
func (g *Gateway) cors(w http.ResponseWriter, r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return false
	}
	h := w.Header()
	h.Set("Access-Control-Allow-Origin", origin)
	h.Set("Access-Control-Allow-Credentials", "true")
	h.Set("Access-Control-Expose-Headers", strings.Join([]string{
		"x-amzn-RequestId", "x-amz-request-id", "x-amz-id-2", "ETag", "x-amz-version-id",
		"x-amz-delete-marker", "x-amzn-query-error", "x-amz-checksum-crc32", "x-amz-checksum-crc32c",
		"x-amz-checksum-sha1", "x-amz-checksum-sha256", "x-amz-checksum-crc64nvme", "Content-Length", "Content-Range",
	}, ", "))
	h.Add("Vary", "Origin")
	if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
		h.Set("Access-Control-Allow-Methods", "GET, HEAD, PUT, POST, DELETE, PATCH, OPTIONS")
		if req := r.Header.Get("Access-Control-Request-Headers"); req != "" {
			h.Set("Access-Control-Allow-Headers", req)
		}
		h.Set("Access-Control-Max-Age", "86400")
		w.WriteHeader(http.StatusOK)
		return true
	}
	return false
}
