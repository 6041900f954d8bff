package open311

import (
	"strings"

	"liuyan/internal/catalog"
	"liuyan/internal/vocab"
)

// service is one Open311 service: a message type within a domain. Its
// code joins the two terms' ASCII codes (complaint-urban), which stay the
// same when an admin renames a term.
type service struct {
	Code        string `json:"service_code" xml:"service_code"`
	Name        string `json:"service_name" xml:"service_name"`
	Description string `json:"description" xml:"description"`
	Metadata    bool   `json:"metadata" xml:"metadata"`
	Type        string `json:"type" xml:"type"`
	Keywords    string `json:"keywords" xml:"keywords"`
	Group       string `json:"group" xml:"group"`
	msgType     string
	domain      string
	retired     bool
}

func serviceFor(t, d vocab.Term) service {
	return service{
		Code: t.Code + "-" + d.Code, Name: catalog.T("open311.service_name", d.Name, t.Name),
		Description: catalog.T("open311.service_description", d.Name, t.Name),
		Metadata:    true, Type: "realtime", Keywords: d.Name + "," + t.Name, Group: t.Name,
		msgType: t.Name, domain: d.Name, retired: t.Retired || d.Retired,
	}
}

// services lists the (type, domain) pairs new requests may use, in the
// lists' order.
func services(l *vocab.Set) []service {
	var out []service
	for _, t := range l.Terms(vocab.Type) {
		for _, d := range l.Terms(vocab.Domain) {
			if s := serviceFor(t, d); !s.retired {
				out = append(out, s)
			}
		}
	}
	return out
}

// serviceByCode finds a service, retired ones included, since old
// requests still carry them; ok is false for an unknown code.
func serviceByCode(l *vocab.Set, code string) (service, bool) {
	tc, dc, ok := strings.Cut(code, "-")
	if !ok {
		return service{}, false
	}
	t, okT := l.ByCode(vocab.Type, tc)
	d, okD := l.ByCode(vocab.Domain, dc)
	if !okT || !okD {
		return service{}, false
	}
	return serviceFor(t, d), true
}

// serviceOf is the service of a stored message.
func serviceOf(l *vocab.Set, msgType, domain string) service {
	t, _ := l.Term(vocab.Type, msgType)
	d, _ := l.Term(vocab.Domain, domain)
	return serviceFor(t, d)
}

// splitList reads a comma-separated query value.
func splitList(v string) []string {
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
