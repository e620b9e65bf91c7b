package slack

import (
	"fmt"
	"slices"
	"strings"
	"time"

	slackapi "github.com/slack-go/slack"

	"github.com/hotline-org/hotline/internal/catalog"
)

// dueSoon is how far ahead "/hotline stale" warns of entries about to go stale.
const dueSoon = 30 * 24 * time.Hour

// staleList answers "/hotline stale": the catalog entries due for
// re-verification, oldest first, then those due within a month, so that
// staff can check a source before a referral goes wrong.
func (a *Adapter) staleList() ([]slackapi.Block, string) {
	var c *catalog.Catalog
	if a.cfg.Catalog != nil {
		c = a.cfg.Catalog()
	}
	if c == nil {
		text := "I can't see the catalog from here, so I can't tell which entries are stale. `hotline lint` lists them."
		return []slackapi.Block{section(text)}, text
	}
	now := a.cfg.Now()
	days := int(a.cfg.MaxAge.Hours() / 24)
	stale := c.Stale(now, a.cfg.MaxAge)
	due := slices.DeleteFunc(c.Stale(now, a.cfg.MaxAge-dueSoon), func(d catalog.Due) bool {
		return slices.ContainsFunc(stale, func(s catalog.Due) bool { return s.ID == d.ID })
	})
	entries := len(c.Resources) + len(c.Countries)

	var lines []string
	var heading string
	if len(stale) == 0 {
		heading = fmt.Sprintf(":white_check_mark: All %d entries were verified in the last %d days.", entries, days)
	} else {
		heading = fmt.Sprintf(":warning: *%d of %d entries are due for re-verification* (last verified more than %d days ago), oldest first:",
			len(stale), entries, days)
		for _, d := range stale {
			when := "never verified"
			if !d.Verified.IsZero() {
				when = fmt.Sprintf("verified %s (%d days ago)", d.Verified, int(now.Sub(d.Verified.Time).Hours()/24))
			}
			lines = append(lines, staleLine(d, when))
		}
	}
	if len(due) > 0 {
		lines = append(lines, fmt.Sprintf("*Due in the next %d days:*", int(dueSoon.Hours()/24)))
		for _, d := range due {
			lines = append(lines, staleLine(d, fmt.Sprintf("verified %s, due %s", d.Verified, d.Verified.Add(a.cfg.MaxAge).Format(time.DateOnly))))
		}
	}
	footer := "To renew an entry, check it against its source, then update its file and its `verified` date. `hotline lint` lists the same entries."

	blocks := []slackapi.Block{section(heading)}
	var chunk strings.Builder
	flush := func() {
		if chunk.Len() > 0 {
			blocks = append(blocks, section(chunk.String()))
			chunk.Reset()
		}
	}
	room := maxBlocks - 3 // heading, footer, and a line saying what is left out
	for i, l := range lines {
		if chunk.Len()+len(l)+1 > maxSectionText {
			flush()
		}
		if len(blocks) == room {
			chunk.Reset()
			blocks = append(blocks, section(fmt.Sprintf("…and %d more.", len(lines)-i)))
			break
		}
		if chunk.Len() > 0 {
			chunk.WriteString("\n")
		}
		chunk.WriteString(l)
	}
	flush()
	blocks = append(blocks, contextBlock(footer))
	fallback := heading
	if len(stale) > 0 {
		fallback = fmt.Sprintf("%d of %d catalog entries are due for re-verification.", len(stale), entries)
	}
	return blocks, fallback
}

func staleLine(d catalog.Due, when string) string {
	parts := []string{"• *" + escape(d.Name) + "* `" + escape(d.ID) + "` — " + when}
	if d.Source != "" {
		parts = append(parts, link(d.Source, "source"))
	}
	if d.File != "" {
		parts = append(parts, "`"+escape(d.File)+"`")
	}
	return strings.Join(parts, " · ")
}
