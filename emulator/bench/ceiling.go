package main

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// newCeiling returns the no-work server: it answers the benchmark's
// operations with canned, valid responses (the SDK checks MD5 digests and
// lengths, so those are computed), storing nothing. GetCallerIdentity, the
// cold-start probe, is among them.
func newCeiling(small, large int) *ceiling {
	return &ceiling{small: bytes.Repeat([]byte{'s'}, small), large: bytes.Repeat([]byte{'l'}, large)}
}

type ceiling struct {
	small, large []byte
}

const cannedMessageBody = "m"

func (c *ceiling) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000")
	if target := r.Header.Get("X-Amz-Target"); target != "" {
		c.serveJSON(w, r, target)
		return
	}
	if r.Method == http.MethodPost && strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		_ = r.ParseForm()
		c.serveQuery(w, r.PostForm.Get("Action"))
		return
	}
	c.serveS3(w, r)
}

func (c *ceiling) serveJSON(w http.ResponseWriter, r *http.Request, target string) {
	var in map[string]any
	_ = json.NewDecoder(r.Body).Decode(&in)
	var out any
	switch target {
	case "AmazonSQS.CreateQueue":
		out = map[string]any{"QueueUrl": "http://" + r.Host + "/000000000000/bench"}
	case "AmazonSQS.SendMessage":
		body, _ := in["MessageBody"].(string)
		out = map[string]any{"MessageId": "5fea7756-0ea4-451a-a703-a558b933e274", "MD5OfMessageBody": md5hex(body)}
	case "AmazonSQS.ReceiveMessage":
		out = map[string]any{"Messages": []any{map[string]any{
			"MessageId": "5fea7756-0ea4-451a-a703-a558b933e274", "ReceiptHandle": "rh",
			"MD5OfBody": md5hex(cannedMessageBody), "Body": cannedMessageBody,
		}}}
	case "AmazonSQS.DeleteMessage", "DynamoDB_20120810.PutItem":
		out = map[string]any{}
	case "DynamoDB_20120810.CreateTable":
		out = map[string]any{"TableDescription": map[string]any{"TableName": "bench", "TableStatus": "ACTIVE"}}
	case "DynamoDB_20120810.GetItem":
		out = map[string]any{"Item": map[string]any{"pk": map[string]any{"S": "p1"}, "sk": map[string]any{"S": "s1"}, "payload": map[string]any{"S": "some value of moderate length for the benchmark"}}}
	case "DynamoDB_20120810.Query":
		items := make([]any, 10)
		for i := range items {
			items[i] = map[string]any{"pk": map[string]any{"S": "p1"}, "sk": map[string]any{"S": "s" + strconv.Itoa(i)}, "payload": map[string]any{"S": "some value of moderate length for the benchmark"}}
		}
		out = map[string]any{"Items": items, "Count": 10, "ScannedCount": 10}
	default:
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"__type":"UnknownOperationException","message":"ceiling does not answer %s"}`, target)
		return
	}
	w.Header().Set("Content-Type", "application/x-amz-json-1.0")
	_ = json.NewEncoder(w).Encode(out)
}

func (c *ceiling) serveQuery(w http.ResponseWriter, action string) {
	w.Header().Set("Content-Type", "text/xml")
	switch action {
	case "GetCallerIdentity":
		fmt.Fprint(w, `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::000000000000:root</Arn><UserId>000000000000</UserId><Account>000000000000</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata></GetCallerIdentityResponse>`)
	case "CreateTopic":
		fmt.Fprint(w, `<CreateTopicResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><CreateTopicResult><TopicArn>arn:aws:sns:us-east-1:000000000000:bench-topic</TopicArn></CreateTopicResult><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata></CreateTopicResponse>`)
	case "Publish":
		fmt.Fprint(w, `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>5fea7756-0ea4-451a-a703-a558b933e274</MessageId></PublishResult><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata></PublishResponse>`)
	default:
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>ceiling does not answer %s</Message></Error></ErrorResponse>`, action)
	}
}

func (c *ceiling) serveS3(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	w.Header().Set("x-amz-request-id", "0000000000000000")
	switch r.Method {
	case http.MethodPut:
		w.Header().Set("ETag", `"d41d8cd98f00b204e9800998ecf8427e"`)
		w.WriteHeader(http.StatusOK)
	case http.MethodGet:
		body := c.small
		if strings.Contains(r.URL.Path, "/large/") {
			body = c.large
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Header().Set("ETag", `"d41d8cd98f00b204e9800998ecf8427e"`)
		w.Header().Set("Content-Type", "application/octet-stream")
		_, _ = w.Write(body)
	default:
		w.WriteHeader(http.StatusOK)
	}
}

func md5hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}
