package s3_test

import (
	"encoding/json"
	"io"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/s3"
)

func stringsReader(s string) io.Reader { return strings.NewReader(s) }

// getBody reads a GetObject body and puts it back as text, so snapshots hold
// it as boto3 shows it.
func getBody(out *s3.GetObjectOutput, err error) any {
	if err != nil {
		return err
	}
	b, _ := io.ReadAll(out.Body)
	out.Body.Close()
	out.Body = textBody{strings.NewReader(string(b)), string(b)}
	return out
}

// textBody is a body already read: it still reads, and encodes as its text.
type textBody struct {
	*strings.Reader
	text string
}

func (textBody) Close() error                   { return nil }
func (t textBody) MarshalJSON() ([]byte, error) { return json.Marshal(t.text) }
