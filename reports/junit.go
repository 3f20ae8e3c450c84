package reports

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Time      string        `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Skipped   *struct{}     `xml:"skipped,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",chardata"`
}

// JUnit writes one testcase per spec, grouped by suite; a failed spec
// carries its failure message and the diffs of its mismatched keys.
func JUnit(w io.Writer, cov *Coverage) error {
	root := junitSuites{Name: "parity"}
	var total float64
	idx := map[string]int{}
	for _, s := range cov.SpecResults {
		i, ok := idx[s.Suite]
		if !ok {
			i = len(root.Suites)
			idx[s.Suite] = i
			root.Suites = append(root.Suites, junitSuite{Name: s.Suite})
		}
		js := &root.Suites[i]
		c := junitCase{Name: s.Spec, ClassName: s.Suite, File: s.File, Time: seconds(s.DurationMs)}
		switch s.State {
		case StateFailed:
			body := s.Failure
			if d := specDiff(s); d != "" {
				body += "\n\n" + d
			}
			c.Failure = &junitFailure{Message: firstLine(s.Failure), Type: "parity", Body: body}
			js.Failures++
		case StatePassed:
		default:
			c.Skipped = &struct{}{}
			js.Skipped++
		}
		js.Tests++
		js.Cases = append(js.Cases, c)
		total += s.DurationMs
	}
	for i := range root.Suites {
		var ms float64
		for _, s := range cov.SpecResults {
			if s.Suite == root.Suites[i].Name {
				ms += s.DurationMs
			}
		}
		root.Suites[i].Time = seconds(ms)
		root.Tests += root.Suites[i].Tests
		root.Failures += root.Suites[i].Failures
		root.Skipped += root.Suites[i].Skipped
	}
	root.Time = seconds(total)
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(root); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func seconds(ms float64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.3f", ms/1000), "0"), ".")
}
