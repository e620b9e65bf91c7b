package bot

import (
	"testing"

	"github.com/hotline-org/hotline/resources"
)

func TestTriageRuleErrors(t *testing.T) {
	if _, err := compileRule("(unclosed"); err == nil {
		t.Error("a broken pattern compiled")
	}
}

// BenchmarkLoadTriage measures reading the rules, which serve does once
// at start-up. The models' learning is measured in internal/understand.
func BenchmarkLoadTriage(b *testing.B) {
	for b.Loop() {
		if _, err := LoadTriage(resources.FS()); err != nil {
			b.Fatal(err)
		}
	}
}
