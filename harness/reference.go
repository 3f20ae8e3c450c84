package harness

import (
	"fmt"
	"net/url"
	"path/filepath"
	"sort"
	"strings"

	. "github.com/onsi/ginkgo/v2"

	"github.com/parity-harness/parity/harness/runlog"
	"github.com/parity-harness/parity/snapshots"
)

// ReferenceLabel marks specs that declare an AWS reference recording;
// `parity reference` runs only those.
const ReferenceLabel = "reference"

// referenceLabelPrefix carries the recording id in a second label (Ginkgo
// labels cannot hold '/', so the id is escaped).
const referenceLabelPrefix = "ref:"

// Reference is a spec decorator declaring the AWS reference recording the
// spec reproduces:
//
//	It("creates a queue", harness.Reference("tests/aws/services/sqs/test_sqs.py::TestSqsProvider::test_create_queue[sqs]"), func(ctx SpecContext) { ... })
//
// It labels the spec "reference" (so `parity reference` selects it) and
// binds the id to the spec's snapshot session, like Session.Reference.
func Reference(id string) Labels {
	return Label(ReferenceLabel, referenceLabelPrefix+escapeLabel(id))
}

// labelReplacer escapes the characters Ginkgo forbids in labels.
var labelReplacer = strings.NewReplacer("%", "%25", "/", "%2F", "&", "%26", "|", "%7C", "!", "%21", ",", "%2C", "(", "%28", ")", "%29")

func escapeLabel(s string) string { return labelReplacer.Replace(s) }

// referenceFromLabels returns the recording id a Reference decorator put in
// labels, or "".
func referenceFromLabels(labels []string) string {
	for _, l := range labels {
		if enc, ok := strings.CutPrefix(l, referenceLabelPrefix); ok {
			if id, err := url.PathUnescape(enc); err == nil {
				return id
			}
		}
	}
	return ""
}

// ReferenceFile is where a reference recording lives in dir: the test id's
// path "tests/aws/services/sqs/test_sqs.py::…" maps to dir/sqs/test_sqs.json.
func ReferenceFile(dir, id string) (string, error) {
	path, _, ok := strings.Cut(id, "::")
	if !ok || !strings.HasSuffix(path, ".py") {
		return "", fmt.Errorf("reference id %q: want <path>/<service>/<test file>.py::<test>", id)
	}
	service := filepath.Base(filepath.Dir(path))
	base := strings.TrimSuffix(filepath.Base(path), ".py")
	if service == "." || service == "/" || base == "" {
		return "", fmt.Errorf("reference id %q: no service directory in its path", id)
	}
	return filepath.Join(dir, service, base+".json"), nil
}

// Reference state of a recorded key the spec did not produce.
const stateNotReproduced = "not-reproduced"

// checkReference compares the keys the spec produced with the AWS reference
// recording it declared: keys of both are compared (placeholders bound
// across keys), reference keys the spec does not produce are listed, keys
// the reference lacks are not part of the check.
func (s *Session) checkReference() {
	if s.referenceID == "" {
		return
	}
	path, err := ReferenceFile(s.r.settings.ReferenceDir, s.referenceID)
	if err != nil {
		Fail(err.Error())
	}
	f, err := snapshots.ReadFile(path)
	if err != nil {
		Fail(fmt.Sprintf("reference recordings %s: %v", path, err))
	}
	refSpec := f[s.referenceID]
	if refSpec == nil {
		Fail(fmt.Sprintf("reference %q is not in %s: check the id (the test id of the recording)", s.referenceID, path))
	}
	recorded := map[string]any{}
	live := map[string]any{}
	var notProduced []string
	for k, v := range refSpec.RecordedContent {
		if lv, ok := s.live[k]; ok {
			recorded[k], live[k] = v, lv
		} else {
			notProduced = append(notProduced, k)
		}
	}
	sort.Strings(notProduced)
	res, err := snapshots.Verify(&snapshots.Spec{RecordedContent: recorded}, live, s.verifyRules(snapshots.TargetAWS))
	if err != nil {
		Fail(err.Error())
	}
	s.ref = &runlog.RefResult{ID: s.referenceID, Keys: keyResults(res, snapshots.TargetAWS)}
	for _, k := range notProduced {
		s.ref.Keys = append(s.ref.Keys, runlog.KeyResult{Key: k, State: stateNotReproduced})
	}
	// a recording without keys says only that the test passed on AWS: the
	// spec's own assertions stand for it
	if len(recorded) == 0 && len(refSpec.RecordedContent) > 0 {
		Fail(fmt.Sprintf("reference %q: the spec produced none of its keys (%s); name the snapshot keys as the recording does", s.referenceID, strings.Join(notProduced, ", ")))
	}
	if !res.OK() {
		Fail(strings.ReplaceAll(res.Report(s.specID), "snapshot mismatch", "reference mismatch") + "reference: " + s.referenceID + " in " + path)
	}
}
