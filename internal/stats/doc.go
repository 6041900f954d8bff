// Package stats defines every figure of DESIGN §4 once — 留言量, 回复量,
// 回复率 (flow and cohort), 同比, 满意度, 办理时长, 按时办结率, topic and
// level shares, coverage, first-time responders, joined units, the zero-reply
// and low-rate lists and the 网上群众工作总热度 ranking — and the figures of
// campaigns (征集活动: 建言量, participants, supports, 采纳率, 反馈率), and
// computes them from rollups, so that pages, the API and the reports show
// the same number for the same question.
//
// The rollups are folded from the append-only event log by Refresh (fold.go
// says what each event counts for); requests never scan raw messages, except
// "overdue now", which takes the open messages counted per scope by
// triggers (store/stats_open.go) less those whose deadline is still ahead,
// read from an index (a tagged scope reads its overdue rows), and a campaign's
// figures, which count its own suggestions through the campaign's index so
// that feedback shows at once (campaign.go). The package does
// not speak HTTP and writes nothing but the rollups.
package stats
