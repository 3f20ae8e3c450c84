package services

import (
	"testing"

	"github.com/parity-harness/parity/emulator/model"
)

// Every registered operation must exist in its service's model: the gateway
// routes by the model and would never reach a misnamed handler.
func TestHandlersMatchModels(t *testing.T) {
	for _, s := range New() {
		m, err := model.Load(s.Model())
		if err != nil {
			t.Fatalf("%s: %v", s.Model(), err)
		}
		for op := range s.Handlers() {
			if _, ok := m.Operations[op]; !ok {
				t.Errorf("%s registers %s, which its model does not have", s.Model(), op)
			}
		}
	}
}
