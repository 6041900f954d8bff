package participation

import (
	"errors"

	"liuyan/internal/stats"
	"liuyan/internal/workflow"
)

// Explain says what to tell a person about an error from this package,
// adding its own refusals to the Desk's explanations.
func (s *Service) Explain(err error) (workflow.Problem, bool) {
	switch {
	case errors.Is(err, ErrAlreadySupported):
		return workflow.Problem{Code: "already_supported", Key: "error.already_supported"}, true
	case errors.Is(err, ErrAlreadyAnswered):
		return workflow.Problem{Code: "already_answered", Key: "error.already_answered"}, true
	case errors.Is(err, stats.ErrBadPeriod):
		return workflow.Problem{Code: "bad_period", Key: "error.bad_period"}, true
	case errors.Is(err, stats.ErrUnknownRegion):
		return workflow.Problem{Code: "unknown_region", Key: "error.unknown_region"}, true
	case errors.Is(err, ErrLoginRequired):
		return workflow.Problem{Code: "unauthorized", Key: "error.unauthorized"}, true
	}
	return s.Desk.Explain(err)
}
