package reports

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestDashboardInBrowser renders the HTML dashboard in headless Chromium,
// after its JavaScript ran, and checks that the numbers it shows equal
// coverage.json. It checks a dashboard built from the fixtures, and the
// report of a real run when there is one (PARITY_REPORT_DIR, or out/report
// after `make parity`), saving a screenshot next to it as dashboard.png.
func TestDashboardInBrowser(t *testing.T) {
	browser := findChromium()
	if browser == "" {
		t.Skip("chromium is not installed: run `make deps-browser` (apt-get install -y chromium) to run the dashboard browser test")
	}
	t.Run("fixtures", func(t *testing.T) {
		den := fixtureDen(t)
		cov := Build(readFixture(t, "run-broken", "terraform"), den)
		base := Build(readFixture(t, "run-full"), den)
		hist := &History{SchemaVersion: HistorySchemaVersion}
		hist.Add(base)
		hist.Add(cov)
		cmp := Compare(base, cov)
		cmp.Base = "testdata/run-full"
		dir := filepath.Join(repoRoot(t), "out", "report-fixtures")
		os.RemoveAll(dir)
		if err := Write(dir, &Report{Coverage: cov, History: hist, Comparison: cmp}); err != nil {
			t.Fatal(err)
		}
		checkDashboard(t, browser, dir)
	})
	t.Run("report", func(t *testing.T) {
		dir := os.Getenv("PARITY_REPORT_DIR")
		if dir == "" {
			// A report left by an earlier `make parity` may predate the
			// current templates: render its data again before checking.
			dir = filepath.Join(repoRoot(t), "out", "report")
			if _, err := os.Stat(filepath.Join(dir, CoverageFile)); err != nil {
				t.Skipf("no report in %s: run `make parity` first (or set PARITY_REPORT_DIR)", dir)
			}
			rerender(t, dir)
		}
		checkDashboard(t, browser, dir)
	})
}

// rerender writes the dashboard of dir again from its coverage.json,
// history.json and comparison.json.
func rerender(t *testing.T, dir string) {
	t.Helper()
	cov, err := ReadCoverage(filepath.Join(dir, CoverageFile))
	if err != nil {
		t.Skipf("report in %s is unreadable (%v): run `make parity` again", dir, err)
	}
	hist, err := ReadHistory(filepath.Join(dir, HistoryFile))
	if err != nil {
		t.Fatal(err)
	}
	var cmp *Comparison
	if data, err := os.ReadFile(filepath.Join(dir, ComparisonFile)); err == nil {
		cmp = &Comparison{}
		if err := json.Unmarshal(data, cmp); err != nil {
			t.Fatalf("%s: %v", ComparisonFile, err)
		}
	}
	if err := HTML(dir, cov, hist, cmp); err != nil {
		t.Fatal(err)
	}
}

func findChromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	return ""
}

func repoRoot(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Dir(wd) // this package is <root>/reports
}

// chromium runs the headless browser once with extra arguments.
func chromium(t *testing.T, browser string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir()}
	cmd := exec.CommandContext(ctx, browser, append(base, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %v: %v\n%s", browser, args, err, stderr.String())
	}
	return stdout.Bytes()
}

func fileURL(path, fragment string) string {
	abs, _ := filepath.Abs(path)
	u := "file://" + filepath.ToSlash(abs)
	if fragment != "" {
		u += "#" + fragment
	}
	return u
}

var (
	trTag   = regexp.MustCompile(`<tr\s[^>]*>`)
	attrRe  = regexp.MustCompile(`([\w-]+)(?:="([^"]*)")?`)
	metric  = regexp.MustCompile(`data-metric="(\w+)">([^<]*)<`)
	colCell = regexp.MustCompile(`<td class="n" data-col="(\w+)">(\d+)</td>`)
)

// rows returns the attributes of every <tr> carrying attr, in order, plus
// the markup from each such tag to the next.
func rows(dom, attr string) ([]map[string]string, []string) {
	var out []map[string]string
	var bodies []string
	idx := trTag.FindAllStringIndex(dom, -1)
	for i, loc := range idx {
		attrs := map[string]string{}
		for _, m := range attrRe.FindAllStringSubmatch(dom[loc[0]+3:loc[1]-1], -1) {
			attrs[m[1]] = m[2]
		}
		if _, ok := attrs[attr]; !ok {
			continue
		}
		end := len(dom)
		if i+1 < len(idx) {
			end = idx[i+1][0]
		}
		out = append(out, attrs)
		bodies = append(bodies, dom[loc[1]:end])
	}
	return out, bodies
}

func isHidden(attrs map[string]string) bool { _, ok := attrs["hidden"]; return ok }

func checkDashboard(t *testing.T, browser, dir string) {
	raw, err := os.ReadFile(filepath.Join(dir, CoverageFile))
	if err != nil {
		t.Fatal(err)
	}
	var cov Coverage
	if err := json.Unmarshal(raw, &cov); err != nil {
		t.Fatal(err)
	}

	// Overview: the headline numbers.
	dom := string(chromium(t, browser, "--dump-dom", fileURL(filepath.Join(dir, IndexFile), "")))
	shown := map[string]string{}
	for _, m := range metric.FindAllStringSubmatch(dom, -1) {
		shown[m[1]] = m[2]
	}
	tot := cov.Totals
	want := map[string]string{
		"parityPct": fmtPct(tot.ParityPct), "implementedPct": fmtPct(tot.ImplementedPct),
		"implemented": itoa(tot.Implemented), "operations": itoa(tot.Operations), "verified": itoa(tot.Verified),
		"exercised": itoa(tot.Exercised), "failing": itoa(tot.Failing), "referenceVerified": itoa(tot.ReferenceVerified),
		"serverSeen": itoa(tot.ServerSeen), "specsPassed": itoa(cov.Specs.Passed), "specsFailed": itoa(cov.Specs.Failed),
		"specsSkipped": itoa(cov.Specs.Skipped), "servedServices": itoa(tot.ServedServices), "services": itoa(tot.Services),
	}
	for k, v := range want {
		if shown[k] != v {
			t.Errorf("overview shows %s = %q, coverage.json says %q", k, shown[k], v)
		}
	}

	// Per-service rows: numbers and bars; the script's default filter
	// shows exactly the services that are served or were called.
	svcRows, bodies := rows(dom, "data-service")
	if len(svcRows) != len(cov.Services) {
		t.Fatalf("overview has %d service rows, coverage.json %d services", len(svcRows), len(cov.Services))
	}
	active := 0
	for i, s := range cov.Services {
		r := svcRows[i]
		if r["data-service"] != s.Name {
			t.Fatalf("row %d is %q, want %q", i, r["data-service"], s.Name)
		}
		if isShown(s) {
			active++
		}
		if isHidden(r) == isShown(s) {
			t.Errorf("service %s hidden=%v after the default filter", s.Name, isHidden(r))
		}
		if p, _ := strconv.ParseFloat(r["data-parity-pct"], 64); p != s.Totals.ParityPct {
			t.Errorf("service %s parity %v, coverage.json %v", s.Name, p, s.Totals.ParityPct)
		}
		cols := map[string]string{}
		for _, m := range colCell.FindAllStringSubmatch(bodies[i], -1) {
			cols[m[1]] = m[2]
		}
		st := s.Totals
		for k, v := range map[string]int{"operations": st.Operations, "exercised": st.Exercised, "passing": st.Passing,
			"failing": st.Failing, "snapshotVerified": st.SnapshotVerified, "referenceVerified": st.ReferenceVerified, "serverSeen": st.ServerSeen} {
			if cols[k] != itoa(v) {
				t.Errorf("service %s shows %s = %q, coverage.json %d", s.Name, k, cols[k], v)
			}
		}
		if !strings.Contains(bodies[i], fmt.Sprintf(`<span class="pct">%s</span>`, fmtPct(st.ParityPct))) {
			t.Errorf("service %s: parity bar label is not %s", s.Name, fmtPct(st.ParityPct))
		}
	}
	if got := counter(dom, "services-shown"); got != itoa(active) {
		t.Errorf("services counter shows %q, want %d served or called services", got, active)
	}

	// A service page filtered by its URL (#failing) shows exactly the
	// failing operations; pick the service with most failures, else the
	// first served one.
	var svc *Service
	for i := range cov.Services {
		s := &cov.Services[i]
		if (svc == nil && s.Served) || (s.Totals.Failing > 0 && (svc == nil || s.Totals.Failing > svc.Totals.Failing)) {
			svc = s
		}
	}
	if svc != nil {
		page := filepath.Join(dir, "services", svc.Name+".html")
		for _, filter := range []string{"failing", "implemented"} {
			sdom := string(chromium(t, browser, "--dump-dom", fileURL(page, filter)))
			opRows, _ := rows(sdom, "data-op")
			if len(opRows) != len(svc.Operations) {
				t.Fatalf("%s: %d operation rows, coverage.json %d", page, len(opRows), len(svc.Operations))
			}
			visible := 0
			for i, r := range opRows {
				op := svc.Operations[i]
				if r["data-op"] != op.Name || r["data-status"] != op.Status {
					t.Errorf("%s row %d: %s %s, coverage.json %s %s", svc.Name, i, r["data-op"], r["data-status"], op.Name, op.Status)
				}
				wantShown := op.Status == StatusFailing
				if filter == "implemented" {
					wantShown = op.Implemented
				}
				if isHidden(r) == wantShown {
					t.Errorf("%s#%s: operation %s hidden=%v", svc.Name, filter, op.Name, isHidden(r))
				}
				if !isHidden(r) {
					visible++
				}
			}
			wantN := svc.Totals.Failing
			if filter == "implemented" {
				wantN = svc.Totals.Implemented
			}
			if visible != wantN || counter(sdom, "operations-shown") != itoa(wantN) {
				t.Errorf("%s#%s: %d rows visible, counter %q, want %d", svc.Name, filter, visible, counter(sdom, "operations-shown"), wantN)
			}
		}
	}

	// The screenshot of the overview.
	shot := filepath.Join(dir, "dashboard.png")
	chromium(t, browser, "--screenshot="+shot, "--window-size=1280,900", "--hide-scrollbars", fileURL(filepath.Join(dir, IndexFile), ""))
	f, err := os.Open(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot %s: %v", shot, err)
	}
	if b := img.Bounds(); b.Dx() != 1280 || b.Dy() != 900 {
		t.Errorf("screenshot is %v, want 1280x900", b)
	}
	colors := map[uint32]bool{}
	for y := 0; y < img.Bounds().Dy(); y += 10 {
		for x := 0; x < img.Bounds().Dx(); x += 10 {
			r, g, b, _ := img.At(x, y).RGBA()
			colors[r>>8<<16|g>>8<<8|b>>8] = true
		}
	}
	if len(colors) < 8 {
		t.Errorf("screenshot %s looks blank (%d colours)", shot, len(colors))
	}
	t.Logf("screenshot: %s", shot)
}

func counter(dom, id string) string {
	m := regexp.MustCompile(`id="` + regexp.QuoteMeta(id) + `">(\d+)<`).FindStringSubmatch(dom)
	if m == nil {
		return ""
	}
	return m[1]
}
