package stats

import "context"

// Accountability is a region's public accountability sheet (问责通报):
// the units with overdue messages now, the boards and regions with
// messages but no reply in the period (the seed's 果洛州零回复), and
// those whose reply rate is under the threshold (湖北两地市回复率不足1成),
// the last two with the minimum volume rule. It holds names and counts
// only, never a message's text, so private messages count without showing.
type Accountability struct {
	Scope       Scope   `json:"scope"`
	ScopeName   string  `json:"scope_name"`
	Period      string  `json:"period"`
	PeriodLabel string  `json:"period_label"`
	Threshold   float64 `json:"threshold"`
	MinVolume   int64   `json:"min_volume"`
	Overdue     *List   `json:"overdue"`
	ZeroReply   *List   `json:"zero_reply"`
	LowRate     *List   `json:"low_rate"`
}

// Accountability gathers the overdue, zero-reply and low-rate lists of a
// region for a period; each is the List of its kind, so the sheet and the
// lists endpoint always agree.
func (s *Service) Accountability(ctx context.Context, sc Scope, p Period, o ListOptions) (*Accountability, error) {
	out := &Accountability{Scope: sc, ScopeName: ScopeName(sc.Region), Period: p.Name, PeriodLabel: p.Label(),
		Threshold: o.Threshold, MinVolume: o.MinVolume}
	for kind, dst := range map[ListKind]**List{Overdue: &out.Overdue, ZeroReply: &out.ZeroReply, LowRate: &out.LowRate} {
		l, err := s.List(ctx, kind, sc, p, o)
		if err != nil {
			return nil, err
		}
		*dst = l
	}
	return out, nil
}
