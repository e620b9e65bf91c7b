package app

import (
	"context"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/hotline-org/hotline/internal/bot"
	"github.com/hotline-org/hotline/resources"
)

// TestReloadKeepsSafety: an edit that would leave a covered country
// without its emergency number or a harm topic without its line is
// refused like broken YAML; the catalog being served stays, and an urgent
// message still gets the emergency number and a crisis line.
func TestReloadKeepsSafety(t *testing.T) {
	a, err := Load(resources.FS(), withReader(t, Options{}))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	without := func(drop func(name string) bool) fstest.MapFS {
		m := fstest.MapFS{}
		err := fs.WalkDir(resources.FS(), ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || drop(p) {
				return err
			}
			data, err := fs.ReadFile(resources.FS(), p)
			m[p] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	tests := []struct {
		name string
		edit fstest.MapFS
		want string
	}{
		{"every hotline deleted", without(func(p string) bool { return strings.HasPrefix(p, "hotlines/") }), "which is not in the catalog"},
		{"the emergency numbers deleted", without(func(p string) bool { return p == "countries.yaml" }), "no emergency number for it"},
		{"the trafficking line deleted", without(func(p string) bool { return p == "hotlines/us-national-human-trafficking-hotline.yaml" }), "us-national-human-trafficking-hotline"},
	}
	for _, tt := range tests {
		err := a.Reload(context.Background(), tt.edit)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Reload error %v, want one saying %q", tt.name, err, tt.want)
		}
		r := a.Engine.Handle(context.Background(), bot.Message{Text: "he locked me in and wont let me leave"})
		if !r.Urgent || !strings.Contains(strings.Join(r.Lead, " "), "911") || !strings.Contains(strings.Join(r.Lead, " "), "Human Trafficking Hotline") {
			t.Errorf("%s: after the refused reload, an urgent message got %q", tt.name, r.Lead)
		}
	}
}
