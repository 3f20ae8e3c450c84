package reports

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"math"
	"os"
	"path/filepath"
	"strings"
)

//go:embed html/*.tmpl html/style.css html/app.js
var htmlFS embed.FS

var pageTemplates = template.Must(template.New("pages").Funcs(template.FuncMap{
	"css":       func() template.CSS { return template.CSS(mustAsset("html/style.css")) },
	"js":        func() template.JS { return template.JS(mustAsset("html/app.js")) },
	"pct":       fmtPct,
	"width":     func(p float64) string { return fmt.Sprintf("%.2f", math.Max(0, math.Min(100, p))) },
	"join":      strings.Join,
	"active":    isShown,
	"barOf":     func(p float64, parity bool) map[string]any { return map[string]any{"Pct": p, "Parity": parity} },
	"diff":      diffHTML,
	"first":     firstLine,
	"multiline": func(s string) bool { return strings.Contains(s, "\n") },
}).ParseFS(htmlFS, "html/*.tmpl"))

func mustAsset(name string) string {
	b, err := htmlFS.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

type pageData struct {
	Title   string
	Root    string // relative path to the report root
	Cov     *Coverage
	Cmp     *Comparison
	Trend   template.HTML
	Service *Service
	Failed  []SpecResult
	RefBad  []SpecResult
}

// HTML writes the static dashboard into dir: index.html (overview, trend,
// per-service bars), failures.html (failing diffs) and services/<name>.html
// (per-operation rows with filters) for every modeled service. Pages embed
// their CSS and JavaScript and load nothing over the network.
func HTML(dir string, cov *Coverage, hist *History, cmp *Comparison) error {
	if err := os.MkdirAll(filepath.Join(dir, "services"), 0o755); err != nil {
		return err
	}
	base := pageData{Cov: cov, Cmp: cmp}

	idx := base
	idx.Title = "Overview"
	idx.Trend = trendSVG(hist)
	if err := renderPage(filepath.Join(dir, "index.html"), "index.tmpl", idx); err != nil {
		return err
	}

	fail := base
	fail.Title = "Failures"
	fail.Failed = failedSpecs(cov)
	for _, s := range cov.SpecResults {
		if s.Reference != nil {
			if _, ok := referenceOK(s.Reference); !ok {
				fail.RefBad = append(fail.RefBad, s)
			}
		}
	}
	if err := renderPage(filepath.Join(dir, "failures.html"), "failures.tmpl", fail); err != nil {
		return err
	}

	for i := range cov.Services {
		p := base
		p.Title = cov.Services[i].Name
		p.Root = "../"
		p.Service = &cov.Services[i]
		if err := renderPage(filepath.Join(dir, "services", cov.Services[i].Name+".html"), "service.tmpl", p); err != nil {
			return err
		}
	}
	return nil
}

func referenceOK(r *Reference) (string, bool) {
	if len(r.Keys) == 0 {
		return r.ID, false
	}
	for _, k := range r.Keys {
		if k.State != "matched" {
			return r.ID, false
		}
	}
	return r.ID, true
}

func renderPage(file, tmpl string, data pageData) error {
	var b bytes.Buffer
	if err := pageTemplates.ExecuteTemplate(&b, tmpl, data); err != nil {
		return fmt.Errorf("render %s: %w", file, err)
	}
	return os.WriteFile(file, b.Bytes(), 0o644)
}

// diffHTML renders a unified diff with added and removed lines marked.
func diffHTML(d string) template.HTML {
	var b strings.Builder
	b.WriteString(`<pre class="diff">`)
	for _, line := range strings.Split(d, "\n") {
		esc := template.HTMLEscapeString(line)
		switch t := line; {
		case strings.HasPrefix(t, "+++ ") || strings.HasPrefix(t, "--- "):
			b.WriteString("<b>" + esc + "</b>\n")
		case strings.HasPrefix(t, "+"):
			b.WriteString(`<span class="add">` + esc + "</span>")
		case strings.HasPrefix(t, "-"):
			b.WriteString(`<span class="del">` + esc + "</span>")
		default:
			b.WriteString(esc + "\n")
		}
	}
	b.WriteString("</pre>")
	return template.HTML(b.String())
}

// trendSVG draws parity % and spec pass rate across the history entries.
func trendSVG(h *History) template.HTML {
	if h == nil || len(h.Entries) == 0 {
		return `<p class="muted">No history yet.</p>`
	}
	const w, ht, pad = 720.0, 160.0, 30.0
	n := len(h.Entries)
	x := func(i int) float64 {
		if n == 1 {
			return pad + (w-2*pad)/2
		}
		return pad + float64(i)*(w-2*pad)/float64(n-1)
	}
	y := func(p float64) float64 { return ht - pad - p*(ht-2*pad)/100 }
	var parity, pass, dots strings.Builder
	for i, e := range h.Entries {
		rate := 0.0
		if e.Specs.Total > 0 {
			rate = 100 * float64(e.Specs.Passed) / float64(e.Specs.Total)
		}
		fmt.Fprintf(&parity, "%.1f,%.1f ", x(i), y(e.Totals.ParityPct))
		fmt.Fprintf(&pass, "%.1f,%.1f ", x(i), y(rate))
		fmt.Fprintf(&dots, `<circle cx="%.1f" cy="%.1f" r="3" fill="#1a7f37"><title>%s: parity %s, %d/%d implemented, specs %d/%d passed</title></circle>`,
			x(i), y(e.Totals.ParityPct), e.Time.Format("2006-01-02 15:04"), fmtPct(e.Totals.ParityPct),
			e.Totals.Implemented, e.Totals.Operations, e.Specs.Passed, e.Specs.Total)
	}
	first, last := h.Entries[0], h.Entries[n-1]
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="trend" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" role="img" aria-label="trend">`, w, ht, w, ht)
	for _, p := range []float64{0, 50, 100} {
		fmt.Fprintf(&b, `<line x1="%.0f" x2="%.0f" y1="%.1f" y2="%.1f" stroke="#d0d7de"/><text x="2" y="%.1f">%.0f%%</text>`, pad, w-pad, y(p), y(p), y(p)+4, p)
	}
	fmt.Fprintf(&b, `<polyline fill="none" stroke="#0969da" stroke-width="2" stroke-dasharray="4 3" points="%s"/>`, strings.TrimSpace(pass.String()))
	fmt.Fprintf(&b, `<polyline fill="none" stroke="#1a7f37" stroke-width="2" points="%s"/>%s`, strings.TrimSpace(parity.String()), dots.String())
	fmt.Fprintf(&b, `<text x="%.0f" y="%.0f">%s</text><text x="%.0f" y="%.0f" text-anchor="end">%s</text>`,
		pad, ht-8, first.Time.Format("2006-01-02"), w-pad, ht-8, last.Time.Format("2006-01-02"))
	b.WriteString(`</svg><div class="muted"><span style="color:#1a7f37">━</span> parity % · <span style="color:#0969da">╍</span> specs passed % · `)
	fmt.Fprintf(&b, `<span data-metric="historyRuns">%d</span> report(s)</div>`, n)
	return template.HTML(b.String())
}
