package slack

import (
	"context"

	slackapi "github.com/slack-go/slack"
)

// Notify posts a plain message to a channel: how hotline tells the
// maintainers' channel that a catalog edit was rejected. It carries catalog
// file names and lint messages, never anything a person wrote.
func (a *Adapter) Notify(ctx context.Context, channel, text string) {
	a.deliver(ctx, "slack:notify:"+channel, "chat.postMessage", func(ctx context.Context) error {
		_, _, err := a.api.PostMessageContext(ctx, channel,
			slackapi.MsgOptionText(text, false),
			slackapi.MsgOptionDisableLinkUnfurl(),
		)
		return err
	})
}
