package gateway

import (
	"context"
	"net/http"
	"time"

	"github.com/parity-harness/parity/emulator/awserr"
	"github.com/parity-harness/parity/emulator/calllog"
	"github.com/parity-harness/parity/emulator/service"
)

// Invoke calls an operation of a served service in-process, as a client of
// account and region would: the integrations between services (SNS to SQS,
// S3 notifications, DynamoDB Streams) go through here, not over HTTP. The
// call is logged with the protocol "internal".
func (g *Gateway) Invoke(ctx context.Context, account, region, svcName, operation string, in service.Params) (map[string]any, error) {
	started := time.Now()
	e, ok := g.byModel[svcName]
	if !ok {
		return nil, awserr.Newf("InternalFailure", 500, "service %s is not served", svcName)
	}
	op, ok := e.model().Operations[operation]
	if !ok {
		return nil, awserr.InvalidAction(svcName, operation)
	}
	handler, ok := e.handlers[operation]
	if !ok {
		return nil, awserr.NotImplemented(svcName, operation)
	}
	if in == nil {
		in = service.Params{}
	}
	id := g.creds.Resolve(account)
	sctx := &service.Context{
		Context:         ctx,
		Request:         (&http.Request{Header: http.Header{}}).WithContext(ctx),
		RequestID:       service.UUID(),
		Received:        started,
		Service:         e.model(),
		Operation:       op,
		Protocol:        "internal",
		Account:         account,
		Region:          region,
		AccessKey:       account,
		Caller:          id.ARN,
		Endpoint:        "",
		Emulator:        g,
		ResponseHeaders: http.Header{},
	}
	out, err := handler(sctx, in)
	entry := calllog.Entry{Time: started.UTC(), Service: svcName, Operation: operation, Protocol: "internal",
		Status: 200, Duration: float64(time.Since(started).Microseconds()) / 1000, Account: account, Region: region, RequestID: sctx.RequestID}
	if err != nil {
		if ae, ok := awserr.As(err); ok {
			entry.Status, entry.ErrorCode = ae.HTTPStatus(), ae.Code
		} else {
			entry.Status, entry.ErrorCode = 500, "InternalFailure"
		}
		g.cfg.CallLog.Add(entry)
		return nil, err
	}
	g.cfg.CallLog.Add(entry)
	return service.ToValue(out)
}
