package open311

import (
	"liuyan/internal/catalog"
	"strings"

	"liuyan/internal/message"
)

// typeCodes and domainCodes give ASCII service codes, which Open311
// clients put in URLs, for the board's Chinese types and domains.
var typeCodes = map[string]string{"投诉/求助": "complaint", "咨询": "inquiry", "建言": "suggestion", "感谢": "thanks"}

var domainCodes = map[string]string{
	"城建": "urban", "交通": "transport", "环保": "environment", "企业": "business", "就业": "employment",
	"政务": "government", "教育": "education", "治安": "security", "三农": "rural", "医疗": "health",
	"旅游": "tourism", "文娱": "culture", "金融": "finance", "体育": "sports", "其他": "other",
}

// service is one Open311 service: a message type within a domain.
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
}

// services lists every (type, domain) pair in the board's order.
func services() []service {
	var out []service
	for _, t := range message.Types {
		for _, d := range message.Domains {
			out = append(out, service{
				Code: typeCodes[t] + "-" + domainCodes[d], Name: catalog.T("open311.service_name", d, t),
				Description: catalog.T("open311.service_description", d, t),
				Metadata:    true, Type: "realtime", Keywords: d + "," + t, Group: t,
				msgType: t, domain: d,
			})
		}
	}
	return out
}

// serviceByCode finds a service; ok is false for an unknown code.
func serviceByCode(code string) (service, bool) {
	for _, s := range services() {
		if s.Code == code {
			return s, true
		}
	}
	return service{}, false
}

// serviceOf is the service of a stored message.
func serviceOf(msgType, domain string) service {
	code := typeCodes[msgType] + "-" + domainCodes[domain]
	s, _ := serviceByCode(code)
	return s
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
