package harness

import (
	"strings"
	"sync"

	"github.com/parity-harness/parity/emulator/model"
)

// modelNameForPackage maps an aws-sdk-go-v2 service package path
// (".../service/dynamodbstreams") to its model name ("streams.dynamodb").
func modelNameForPackage(pkgPath string) (string, bool) {
	const prefix = "github.com/aws/aws-sdk-go-v2/service/"
	pkg, ok := strings.CutPrefix(pkgPath, prefix)
	if !ok {
		return "", false
	}
	pkg, _, _ = strings.Cut(pkg, "/")
	if name, ok := packageModels[pkg]; ok {
		return name, true
	}
	return pkg, true
}

// packageModels lists the SDK packages whose name differs from the model.
var packageModels = map[string]string{
	"dynamodbstreams": "streams.dynamodb",
}

var (
	serviceIDOnce sync.Once
	serviceIDs    map[string]string // serviceId ("DynamoDB Streams") -> model name
)

// modelNameForServiceID maps an SDK service id, as middleware sees it, to
// the model name; unknown ids are lower-cased.
func modelNameForServiceID(id string) string {
	serviceIDOnce.Do(func() {
		serviceIDs = map[string]string{}
		catalog, _ := model.Catalog()
		for name, svc := range catalog {
			serviceIDs[svc.ServiceID] = name
		}
	})
	if name, ok := serviceIDs[id]; ok {
		return name
	}
	return strings.ToLower(strings.ReplaceAll(id, " ", ""))
}

// loadModel returns the model of a served service, or nil.
func loadModel(name string) *model.Service {
	svc, err := model.Load(name)
	if err != nil {
		return nil
	}
	return svc
}
