package sqs

import (
	"encoding/json"

	"github.com/parity-harness/parity/emulator/service"
)

type addPermissionInput struct {
	QueueUrl      string   `json:"QueueUrl"`
	Label         string   `json:"Label"`
	AWSAccountIds []string `json:"AWSAccountIds"`
	Actions       []string `json:"Actions"`
}

// validActions are the actions AddPermission grants ("*" is every one).
var validActions = map[string]bool{
	"*": true, "SendMessage": true, "ReceiveMessage": true, "DeleteMessage": true,
	"ChangeMessageVisibility": true, "GetQueueAttributes": true, "GetQueueUrl": true,
	"ListDeadLetterSourceQueues": true, "PurgeQueue": true, "ListQueueTags": true,
}

// queuePolicy is the access policy AddPermission and RemovePermission edit.
type queuePolicy struct {
	Version   string            `json:"Version"`
	Id        string            `json:"Id"`
	Statement []policyStatement `json:"Statement"`
}

type policyStatement struct {
	Sid       string `json:"Sid"`
	Effect    string `json:"Effect"`
	Principal any    `json:"Principal"`
	Action    any    `json:"Action"`
	Resource  string `json:"Resource"`
}

func (s *Service) addPermission(ctx *service.Context, in *addPermissionInput) (*struct{}, error) {
	q, err := s.lookup(ctx, in.QueueUrl)
	if err != nil {
		return nil, err
	}
	switch {
	case in.Label == "":
		return nil, errMissingParameter("Label")
	case len(in.AWSAccountIds) == 0:
		return nil, errMissingParameter("AWSAccountIds")
	case len(in.Actions) == 0:
		return nil, errMissingParameter("Actions")
	case len(in.Actions) > 7:
		return nil, errOverLimit("7 Actions were found, maximum allowed is 7.")
	}
	if !validBatchID(in.Label) {
		return nil, errParamValue(in.Label, "Label", "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length.")
	}
	actions := make([]any, 0, len(in.Actions))
	for _, a := range in.Actions {
		if !validActions[a] {
			return nil, errParamValue(a, "ActionName", "Please refer to the appropriate WSDL for a list of valid actions.")
		}
		actions = append(actions, "SQS:"+a)
	}
	principals := make([]any, 0, len(in.AWSAccountIds))
	for _, acct := range in.AWSAccountIds {
		principals = append(principals, "arn:"+service.Partition(q.region)+":iam::"+acct+":root")
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	p := q.policy()
	for _, st := range p.Statement {
		if st.Sid == in.Label {
			return nil, errParamValue(in.Label, "Label", "Already exists.")
		}
	}
	p.Statement = append(p.Statement, policyStatement{
		Sid: in.Label, Effect: "Allow", Principal: map[string]any{"AWS": single(principals)},
		Action: single(actions), Resource: q.arn,
	})
	q.setPolicy(p)
	return nil, nil
}

type removePermissionInput struct {
	QueueUrl string `json:"QueueUrl"`
	Label    string `json:"Label"`
}

func (s *Service) removePermission(ctx *service.Context, in *removePermissionInput) (*struct{}, error) {
	q, err := s.lookup(ctx, in.QueueUrl)
	if err != nil {
		return nil, err
	}
	if in.Label == "" {
		return nil, errMissingParameter("Label")
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	p := q.policy()
	for i, st := range p.Statement {
		if st.Sid == in.Label {
			p.Statement = append(p.Statement[:i], p.Statement[i+1:]...)
			q.setPolicy(p)
			return nil, nil
		}
	}
	return nil, errParamValue(in.Label, "Label", "can't find label.")
}

// single returns the only element of a one-element list, else the list, as
// AWS writes policy principals and actions.
func single(v []any) any {
	if len(v) == 1 {
		return v[0]
	}
	return v
}

// policy parses the queue's Policy attribute; the caller holds mu.
func (q *queue) policy() queuePolicy {
	p := queuePolicy{Version: policyVersion, Id: q.arn + defaultPolicySuffix}
	if raw := q.attrs[attrPolicy]; raw != "" {
		var parsed queuePolicy
		if json.Unmarshal([]byte(raw), &parsed) == nil {
			p = parsed
		}
	}
	return p
}

// setPolicy stores p, or removes the Policy attribute when it has no
// statements; the caller holds mu.
func (q *queue) setPolicy(p queuePolicy) {
	if len(p.Statement) == 0 {
		delete(q.attrs, attrPolicy)
		return
	}
	b, _ := json.Marshal(p)
	q.attrs[attrPolicy] = string(b)
}
