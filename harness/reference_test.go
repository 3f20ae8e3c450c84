package harness

import (
	"testing"
)

func TestReferenceFile(t *testing.T) {
	got, err := ReferenceFile("/ref", "tests/aws/services/sqs/test_sqs.py::TestSqsProvider::test_x[sqs]")
	if err != nil || got != "/ref/sqs/test_sqs.json" {
		t.Errorf("ReferenceFile = %q, %v", got, err)
	}
	for _, bad := range []string{"", "test_sqs.py", "tests/aws/services/sqs/test_sqs.txt::x", "test_sqs.py::x"} {
		if _, err := ReferenceFile("/ref", bad); err == nil {
			t.Errorf("ReferenceFile(%q) accepted", bad)
		}
	}
}

func TestReferenceLabelRoundTrip(t *testing.T) {
	id := "tests/aws/services/s3/test_s3.py::TestS3::test_x[a,b(c)|d&e!f%g]"
	labels := Reference(id)
	if len(labels) != 2 || labels[0] != ReferenceLabel {
		t.Fatalf("Reference labels = %v", labels)
	}
	if got := referenceFromLabels(labels); got != id {
		t.Errorf("round trip = %q, want %q", got, id)
	}
}

func FuzzReferenceLabel(f *testing.F) {
	f.Add("tests/aws/services/sqs/test_sqs.py::T::t[sqs]")
	f.Add("%2F/%")
	f.Fuzz(func(t *testing.T, id string) {
		enc := escapeLabel(id)
		for _, c := range "&|!,()/" {
			for _, e := range enc {
				if e == c {
					t.Fatalf("escaped label %q holds %q", enc, c)
				}
			}
		}
		if got := referenceFromLabels([]string{referenceLabelPrefix + enc}); got != id {
			t.Fatalf("round trip of %q = %q", id, got)
		}
	})
}
