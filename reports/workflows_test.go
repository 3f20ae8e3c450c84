package reports

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The CI workflows are part of the product: these tests parse them and
// hold them to what their users rely on.

type workflow struct {
	Name        string            `yaml:"name"`
	On          map[string]any    `yaml:"on"`
	Permissions map[string]string `yaml:"permissions"`
	Jobs        map[string]job    `yaml:"jobs"`
}

type job struct {
	Name        string            `yaml:"name"`
	Needs       any               `yaml:"needs"`
	If          string            `yaml:"if"`
	Permissions map[string]string `yaml:"permissions"`
	Strategy    struct {
		Matrix map[string]any `yaml:"matrix"`
	} `yaml:"strategy"`
	Env   map[string]string `yaml:"env"`
	Steps []step            `yaml:"steps"`
}

type step struct {
	Name string            `yaml:"name"`
	ID   string            `yaml:"id"`
	If   string            `yaml:"if"`
	Uses string            `yaml:"uses"`
	Run  string            `yaml:"run"`
	With map[string]any    `yaml:"with"`
	Env  map[string]string `yaml:"env"`
}

func loadWorkflow(t *testing.T, name string) workflow {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", ".github", "workflows", name))
	if err != nil {
		t.Fatal(err)
	}
	var w workflow
	if err := yaml.Unmarshal(data, &w); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(w.Jobs) == 0 {
		t.Fatalf("%s: no jobs", name)
	}
	return w
}

// stepsWhere returns the (job, step) pairs whose step satisfies ok.
func stepsWhere(w workflow, ok func(step) bool) (jobs []string, steps []step) {
	names := make([]string, 0, len(w.Jobs))
	for n := range w.Jobs {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		for _, s := range w.Jobs[n].Steps {
			if ok(s) {
				jobs = append(jobs, n)
				steps = append(steps, s)
			}
		}
	}
	return jobs, steps
}

func uses(action string) func(step) bool {
	return func(s step) bool { return strings.HasPrefix(s.Uses, action+"@") }
}

func runs(re string) func(step) bool {
	r := regexp.MustCompile(re)
	return func(s step) bool { return r.MatchString(s.Run) }
}

func needsOf(j job) []string {
	switch v := j.Needs.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, x := range v {
			out = append(out, x.(string))
		}
		return out
	}
	return nil
}

func TestNightlyParityWorkflow(t *testing.T) {
	w := loadWorkflow(t, "nightly-parity.yml")
	sched, _ := w.On["schedule"].([]any)
	if len(sched) == 0 {
		t.Fatal("nightly-parity runs on no schedule")
	}
	if cron, _ := sched[0].(map[string]any)["cron"].(string); len(strings.Fields(cron)) != 5 {
		t.Errorf("schedule cron = %q", cron)
	}

	// Recording against AWS with an OIDC role.
	jobs, creds := stepsWhere(w, uses("aws-actions/configure-aws-credentials"))
	if len(creds) != 1 {
		t.Fatalf("want one aws-actions/configure-aws-credentials step, got %d", len(creds))
	}
	rec := w.Jobs[jobs[0]]
	if creds[0].With["role-to-assume"] != "${{ secrets.AWS_PARITY_ROLE_ARN }}" || creds[0].With["aws-region"] == nil {
		t.Errorf("credentials step with = %v", creds[0].With)
	}
	if rec.Permissions["id-token"] != "write" {
		t.Errorf("job %s lacks permissions id-token: write (OIDC)", jobs[0])
	}
	if !slices.ContainsFunc(rec.Steps, runs(`(?m)^make record TARGET=aws\b`)) {
		t.Errorf("job %s does not run make record TARGET=aws", jobs[0])
	}
	if !slices.ContainsFunc(rec.Steps, uses("peter-evans/create-pull-request")) ||
		rec.Permissions["pull-requests"] != "write" || rec.Permissions["contents"] != "write" {
		t.Errorf("job %s does not open a snapshot pull request with write permissions", jobs[0])
	}
	for _, s := range rec.Steps {
		if strings.HasPrefix(s.Uses, "peter-evans/create-pull-request@") && s.With["add-paths"] != "snapshots/**" {
			t.Errorf("the snapshot pull request adds %v, want snapshots/**", s.With["add-paths"])
		}
	}

	// Replay, compare, publish, fail.
	pj, _ := stepsWhere(w, runs(`(?m)^make parity$`))
	if len(pj) != 1 {
		t.Fatalf("make parity runs in %v", pj)
	}
	replay := w.Jobs[pj[0]]
	if !slices.Contains(needsOf(replay), jobs[0]) {
		t.Errorf("replay job needs %v, want the recording job", needsOf(replay))
	}
	if !slices.ContainsFunc(replay.Steps, runs(`bin/parity report .*"\$\{args\[@\]\}"`)) ||
		!slices.ContainsFunc(replay.Steps, runs(`--compare baseline/coverage\.json`)) {
		t.Error("replay job does not run parity report --compare against the baseline")
	}
	if !slices.ContainsFunc(replay.Steps, runs(`GITHUB_STEP_SUMMARY`)) {
		t.Error("replay job does not write the job summary")
	}
	if !slices.ContainsFunc(replay.Steps, uses("actions/upload-pages-artifact")) {
		t.Error("replay job does not upload the dashboard as the Pages artifact")
	}
	dj, _ := stepsWhere(w, uses("actions/deploy-pages"))
	if len(dj) != 1 {
		t.Fatal("no actions/deploy-pages step")
	}
	if p := w.Jobs[dj[0]].Permissions; p["pages"] != "write" || p["id-token"] != "write" {
		t.Errorf("deploy job permissions = %v, want pages and id-token write", p)
	}
	verdict, ok := w.Jobs["verdict"]
	if !ok || !slices.Contains(needsOf(verdict), pj[0]) || !slices.ContainsFunc(verdict.Steps, runs(`REGRESSIONS" != success.*exit 1`)) {
		t.Error("no verdict job failing on regressions")
	}
	if replay.Steps[slices.IndexFunc(replay.Steps, func(s step) bool { return s.ID == "compare" })].Run == "" {
		t.Error("the compare step has no command")
	}
}

func TestSnapshotRegenerationWorkflow(t *testing.T) {
	w := loadWorkflow(t, "snapshot-regeneration.yml")
	wd, _ := w.On["workflow_dispatch"].(map[string]any)
	inputs, _ := wd["inputs"].(map[string]any)
	for _, in := range []string{"suite", "focus"} {
		if _, ok := inputs[in]; !ok {
			t.Errorf("workflow_dispatch lacks input %q", in)
		}
	}
	jobs, steps := stepsWhere(w, runs(`(?m)^make record TARGET=aws SUITE="\$SUITE" FOCUS="\$FOCUS"$`))
	if len(steps) != 1 {
		t.Fatal("no make record TARGET=aws SUITE=… FOCUS=… step")
	}
	j := w.Jobs[jobs[0]]
	if j.Env["SUITE"] != "${{ inputs.suite }}" || j.Env["FOCUS"] != "${{ inputs.focus }}" {
		t.Errorf("SUITE/FOCUS env = %v", j.Env)
	}
	if j.Permissions["id-token"] != "write" || !slices.ContainsFunc(j.Steps, uses("aws-actions/configure-aws-credentials")) {
		t.Error("recording against AWS without OIDC credentials")
	}
	if !slices.ContainsFunc(j.Steps, uses("peter-evans/create-pull-request")) {
		t.Error("regenerated snapshots are not proposed as a pull request")
	}
	if !slices.ContainsFunc(j.Steps, runs(`make record TARGET=http://127\.0\.0\.1:5000`)) {
		t.Error("no moto recording path")
	}
}

func TestPRReplayWorkflow(t *testing.T) {
	w := loadWorkflow(t, "pr-replay.yml")
	if _, ok := w.On["pull_request"]; !ok {
		t.Fatal("pr-replay does not run on pull_request")
	}
	jobs, steps := stepsWhere(w, runs(`bin/parity test .*--shard \$\{\{ matrix\.shard \}\}/4 --out out/shard-\$\{\{ matrix\.shard \}\}`))
	if len(steps) != 1 {
		t.Fatal("no parity test --shard ${{ matrix.shard }}/4 step")
	}
	shard := w.Jobs[jobs[0]]
	shards, _ := shard.Strategy.Matrix["shard"].([]any)
	if len(shards) != 4 {
		t.Fatalf("shard matrix = %v, want 4 shards", shard.Strategy.Matrix)
	}
	for i, s := range shards {
		if s != i+1 {
			t.Errorf("shard %d = %v", i, s)
		}
	}
	if !slices.ContainsFunc(shard.Steps, func(s step) bool {
		return strings.HasPrefix(s.Uses, "actions/upload-artifact@") && s.With["path"] == "out/shard-${{ matrix.shard }}"
	}) {
		t.Error("shards do not upload their out directory")
	}
	mj, merge := stepsWhere(w, runs(`bin/parity report "\$\{args\[@\]\}"`))
	if len(merge) != 1 || !strings.Contains(merge[0].Run, `args+=(--in "$d")`) || !strings.Contains(merge[0].Run, "GITHUB_STEP_SUMMARY") {
		t.Fatal("no merge step running parity report --in every shard into the job summary")
	}
	m := w.Jobs[mj[0]]
	if !slices.Contains(needsOf(m), jobs[0]) || !strings.Contains(m.If, "!cancelled()") {
		t.Errorf("merge job needs %v if %q: it must run after every shard, failed or not", needsOf(m), m.If)
	}
	if !slices.ContainsFunc(m.Steps, runs(`gh pr comment`)) || m.Permissions["pull-requests"] != "write" {
		t.Error("the summary is not posted on the pull request")
	}
}

var (
	exprInRun  = regexp.MustCompile(`\$\{\{\s*(inputs|github\.event)\.[^}]*\}\}`)
	secretRef  = regexp.MustCompile(`secrets\.([A-Z0-9_]+)`)
	makeTarget = regexp.MustCompile(`(?m)(?:^|[;&|(]\s*|sudo )make ([a-z][a-z0-9-]*)`)
	pinned     = regexp.MustCompile(`^[\w.-]+/[\w./-]+@(v\d+(\.\d+)*|[0-9a-f]{40})$`)
)

// TestWorkflowsHygiene: actions pinned to a version, no user-controlled
// expression spliced into a shell script, every make target exists, every
// secret is documented in CONTRIBUTING.md.
func TestWorkflowsHygiene(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", ".github", "workflows", "*.yml"))
	if len(files) < 3 {
		t.Fatalf("workflows: %v", files)
	}
	mk, err := os.ReadFile(filepath.Join("..", "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	contributing, err := os.ReadFile(filepath.Join("..", "CONTRIBUTING.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		w := loadWorkflow(t, filepath.Base(f))
		raw, _ := os.ReadFile(f)
		for _, m := range secretRef.FindAllStringSubmatch(string(raw), -1) {
			if !strings.Contains(string(contributing), m[1]) {
				t.Errorf("%s uses secret %s, not documented in CONTRIBUTING.md", filepath.Base(f), m[1])
			}
		}
		for name, j := range w.Jobs {
			for _, s := range j.Steps {
				if s.Uses != "" && !pinned.MatchString(s.Uses) {
					t.Errorf("%s/%s: action %q is not pinned to a version", filepath.Base(f), name, s.Uses)
				}
				if m := exprInRun.FindString(s.Run); m != "" {
					t.Errorf("%s/%s: %s is spliced into a shell script; pass it through env", filepath.Base(f), name, m)
				}
				for _, m := range makeTarget.FindAllStringSubmatch(s.Run, -1) {
					if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(m[1]) + `:`).Match(mk) {
						t.Errorf("%s/%s: make %s: no such target in the Makefile", filepath.Base(f), name, m[1])
					}
				}
			}
		}
	}
}
