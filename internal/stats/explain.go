package stats

import (
	"context"
	"errors"
	"strings"
)

// Problem is a refused question explained: a stable code for programs and
// the catalogue sentence (catalog.T(Key, Args...)) for people.
type Problem struct {
	Code string
	Key  string
	Args []any
}

// Explain says what to tell a person whose question about figures was
// refused (a bad period, region, domain, type, dimension, list, level,
// weight or number); false for anything else, which is a fault of ours.
// The API and the pages both explain here, so a refusal reads the same.
// An unknown domain or type is answered with the current lists.
func (s *Service) Explain(ctx context.Context, err error) (Problem, bool) {
	if errors.Is(err, ErrUnknownDomain) || errors.Is(err, ErrUnknownType) {
		lists, lerr := s.lists(ctx)
		if lerr != nil {
			return Problem{}, false
		}
		if errors.Is(err, ErrUnknownDomain) {
			return Problem{Code: "unknown_domain", Key: "error.unknown_domain", Args: []any{strings.Join(lists.Domains(), "、")}}, true
		}
		return Problem{Code: "unknown_type", Key: "error.unknown_type", Args: []any{strings.Join(lists.Types(), "、")}}, true
	}
	var ne *NumberError
	switch {
	case errors.Is(err, ErrBadPeriod):
		return Problem{Code: "bad_period", Key: "error.bad_period"}, true
	case errors.Is(err, ErrUnknownRegion):
		return Problem{Code: "unknown_region", Key: "error.unknown_region"}, true
	case errors.Is(err, ErrBadDimension):
		return Problem{Code: "bad_dimension", Key: "error.bad_dimension", Args: []any{joinNames(Dimensions)}}, true
	case errors.Is(err, ErrBadList):
		return Problem{Code: "bad_list", Key: "error.bad_list", Args: []any{joinNames(ListKinds)}}, true
	case errors.Is(err, ErrBadLevel):
		return Problem{Code: "bad_level", Key: "error.bad_level"}, true
	case errors.Is(err, ErrBadWeights):
		return Problem{Code: "bad_weights", Key: "error.bad_weights"}, true
	case errors.As(err, &ne):
		return Problem{Code: "bad_number", Key: "error.bad_number", Args: []any{ne.Name}}, true
	}
	return Problem{}, false
}

func joinNames[T ~string](names []T) string {
	s := make([]string, len(names))
	for i, n := range names {
		s[i] = string(n)
	}
	return strings.Join(s, "、")
}
