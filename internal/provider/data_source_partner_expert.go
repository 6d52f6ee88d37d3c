package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/partner"
)

type partnerExpertCommentItem struct {
	Comment           string `tfsdk:"comment"`
	Author            string `tfsdk:"author"`
	CreationTimestamp string `tfsdk:"creation_timestamp"`
	Website           string `tfsdk:"website"`
}

type partnerExpertMonthItem struct {
	Date         string `tfsdk:"date"`
	ProfileViews int64  `tfsdk:"profile_views"`
}

type partnerExpertDSModel struct {
	Position int64                      `tfsdk:"position"`
	Comments int64                      `tfsdk:"comments"`
	Messages int64                      `tfsdk:"messages"`
	Reviews  []partnerExpertCommentItem `tfsdk:"reviews"`
	History  []partnerExpertMonthItem   `tfsdk:"history"`
}

func newPartnerExpertDataSource() datasource.DataSource {
	return &partnerDataSource{
		name: "partner_expert",
		schema: schema.Schema{
			MarkdownDescription: "How the partner's Expert profile does in the Partner Directory: its stats (Partner API v2 `get_expert_stats`), the comments on it (`get_comments`) and the profile views of up to the last 12 months (`get_expert_history`). Needs `partner_api_token`.",
			Attributes: map[string]schema.Attribute{
				"position": cInt("Position in the Experts Marketplace (0 without a verified profile)."),
				"comments": cInt("Number of comments."), "messages": cInt("Number of messages."),
				"reviews": cList("The comments, newest first.", map[string]schema.Attribute{
					"comment": cStr("Text."), "author": cStr("Author."), "creation_timestamp": cStr("When."), "website": cStr("Author's website (may be empty)."),
				}),
				"history": cList("Profile views per month, newest first.", map[string]schema.Attribute{
					"date": cStr("Month, `YYYY-MM`."), "profile_views": cInt("Profile views in that month."),
				}),
			},
		},
		read: func(ctx context.Context, pc *partner.Client, _ tfsdk.Config, state *tfsdk.State) diag.Diagnostics {
			s, err := pc.GetExpertStats(ctx)
			if err != nil {
				return apiDiag("Reading the Expert stats", err)
			}
			cs, err := pc.GetExpertComments(ctx)
			if err != nil {
				return apiDiag("Reading the Expert comments", err)
			}
			h, err := pc.GetExpertHistory(ctx)
			if err != nil {
				return apiDiag("Reading the Expert history", err)
			}
			m := partnerExpertDSModel{Position: s.Position, Comments: s.Comments, Messages: s.Messages,
				Reviews: partnerItems(cs, func(c partner.ExpertComment) partnerExpertCommentItem {
					return partnerExpertCommentItem{c.Comment, c.Author, c.CreationTimestamp, c.Website}
				}),
				History: partnerItems(h, func(x partner.ExpertMonth) partnerExpertMonthItem {
					return partnerExpertMonthItem{x.Date, x.ProfileViews}
				}),
			}
			return state.Set(ctx, &m)
		},
	}
}
