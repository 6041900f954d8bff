package stats

import (
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"

	"liuyan/internal/region"
)

// The query parameters below are shared by the API, the statistics pages
// and the reports, so that a link means the same everywhere.

// NumberError is a query parameter that is not a number it may be.
type NumberError struct{ Name string }

func (e *NumberError) Error() string { return fmt.Sprintf("stats: %s is not a valid number", e.Name) }

// Default list and ranking settings.
const (
	DefaultMinVolume = 10
	DefaultThreshold = 0.5
)

// ScopeFromQuery reads region, board, unit, domain, type and tag; the
// names are checked by Service.Check.
func ScopeFromQuery(q url.Values) (Scope, error) {
	sc := Scope{Region: q.Get("region"), Domain: q.Get("domain"), Type: q.Get("type"), Tag: strings.TrimSpace(q.Get("tag"))}
	var err error
	if sc.BoardID, err = idParam(q, "board"); err != nil {
		return sc, err
	}
	if sc.UnitID, err = idParam(q, "unit"); err != nil {
		return sc, err
	}
	return sc, nil
}

// PeriodFromQuery reads period=2020H1 (or 2020Q3, 2020, 2020-05), or
// from=YYYY-MM-DD&to=YYYY-MM-DD; without either, the half-year of now.
func PeriodFromQuery(q url.Values, now time.Time) (Period, error) {
	if p := q.Get("period"); p != "" {
		return ParsePeriod(p)
	}
	from, to := q.Get("from"), q.Get("to")
	if from != "" || to != "" {
		return Between(from, to)
	}
	return Containing(now), nil
}

// RankOptionsFromQuery reads level (default province), parent,
// min_volume and the weights w_activity, w_effort, w_satisfaction.
func RankOptionsFromQuery(q url.Values) (RankOptions, error) {
	o := RankOptions{Level: region.Level(q.Get("level")), Parent: q.Get("parent"), Weights: DefaultWeights, MinVolume: DefaultMinVolume}
	if o.Level == "" {
		o.Level = region.Province
	}
	var err error
	if o.MinVolume, err = intParam(q, "min_volume", o.MinVolume); err != nil {
		return o, err
	}
	for name, w := range map[string]*float64{"w_activity": &o.Weights.Activity, "w_effort": &o.Weights.Effort, "w_satisfaction": &o.Weights.Satisfaction} {
		if *w, err = floatParam(q, name, *w); err != nil {
			return o, err
		}
	}
	return o, nil
}

// ListOptionsFromQuery reads threshold (a reply rate, 0.5 by default) and
// min_volume.
func ListOptionsFromQuery(q url.Values) (ListOptions, error) {
	o := ListOptions{Threshold: DefaultThreshold, MinVolume: DefaultMinVolume}
	var err error
	if o.Threshold, err = floatParam(q, "threshold", o.Threshold); err != nil {
		return o, err
	}
	o.MinVolume, err = intParam(q, "min_volume", o.MinVolume)
	return o, err
}

func idParam(q url.Values, name string) (int64, error) {
	return intParam(q, name, 0)
}

func intParam(q url.Values, name string, def int64) (int64, error) {
	v := q.Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, &NumberError{Name: name}
	}
	return n, nil
}

func floatParam(q url.Values, name string, def float64) (float64, error) {
	v := q.Get(name)
	if v == "" {
		return def, nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < 0 || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, &NumberError{Name: name}
	}
	return f, nil
}
