package model

//go:generate go run ./gen -out .

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"sync"
)

//go:embed apis/*.json.gz
var apis embed.FS

var (
	cacheMu sync.Mutex
	cache   = map[string]*Service{}
)

// Load returns the model of a served service by its model name ("sqs",
// "streams.dynamodb"). Models are parsed once and shared; treat them as
// read-only.
func Load(name string) (*Service, error) {
	cacheMu.Lock()
	defer cacheMu.Unlock()
	if s, ok := cache[name]; ok {
		return s, nil
	}
	data, err := readGzip("apis/" + name + ".json.gz")
	if err != nil {
		return nil, fmt.Errorf("model %q is not generated (add it to emulator/model/gen and run `make models`): %w", name, err)
	}
	s, err := Parse(name, data)
	if err != nil {
		return nil, err
	}
	cache[name] = s
	return s, nil
}

// MustLoad is Load for models known to be generated; it panics otherwise.
func MustLoad(name string) *Service {
	s, err := Load(name)
	if err != nil {
		panic(err)
	}
	return s
}

// CatalogOperation is one operation of the catalog: its input member names
// and the codes of its modeled errors.
type CatalogOperation struct {
	Input  []string `json:"input,omitempty"`
	Errors []string `json:"errors,omitempty"`
}

// CatalogService is one modeled service of the catalog.
type CatalogService struct {
	Protocol   string                      `json:"protocol"`
	ServiceID  string                      `json:"serviceId"`
	Operations map[string]CatalogOperation `json:"operations"`
}

var (
	catalogOnce sync.Once
	catalog     map[string]CatalogService
	catalogErr  error
)

// Catalog returns every modeled AWS service (by model name) with its
// operations: the denominator of coverage.
func Catalog() (map[string]CatalogService, error) {
	catalogOnce.Do(func() {
		var data []byte
		data, catalogErr = readGzip("apis/catalog.json.gz")
		if catalogErr == nil {
			catalogErr = json.Unmarshal(data, &catalog)
		}
	})
	return catalog, catalogErr
}

// CatalogNames returns the catalog's service names, sorted.
func CatalogNames() []string {
	c, _ := Catalog()
	names := make([]string, 0, len(c))
	for n := range c {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func readGzip(path string) ([]byte, error) {
	raw, err := apis.ReadFile(path)
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

// IndexEntry is the routing data of a served model (see Index).
type IndexEntry struct {
	Protocol        string
	TargetPrefix    string
	SigningName     string
	EndpointPrefix  string
	QueryCompatible bool
	Operations      []string
}
