package gen

import (
	"math"
	"slices"
)

// The shares below are measured on the real board; shares_test.go
// recomputes them from the data files (shared/data, see its README) and
// checks that they were copied right.

// domainCounts are the 《领导留言板》 Zhejiang dashboard's messages by domain
// (zhejiang_aggregates.json, byDomain: 31,055 messages on 19 boards).
// 征集 (campaign items) is left out: it is no domain of this board.
var domainCounts = map[string]float64{
	"城建": 10684, "企业": 3383, "交通": 3226, "就业": 2922, "政务": 1975, "教育": 1954, "环保": 1848,
	"治安": 1597, "三农": 821, "医疗": 714, "其他": 610, "旅游": 471, "文娱": 459, "金融": 368, "体育": 2,
}

// typeCounts are the same dashboard's messages by type (byType), with the
// 4 filed as 求助 counted as 投诉/求助 and the campaign types (两会, 国美活动 …)
// left out.
var typeCounts = map[string]float64{"投诉/求助": 23322, "咨询": 4773, "建言": 2748, "感谢": 73}

// jointCounts are the messages of zhejiang_messages.csv by domain and type
// (1,632 that have both); they give each domain its own mix of types,
// which fitTypes then scales to the dashboard's totals.
var jointCounts = map[string]map[string]float64{
	"城建": {"投诉/求助": 617, "咨询": 59, "建言": 18, "感谢": 1},
	"交通": {"投诉/求助": 164, "咨询": 40, "建言": 21},
	"企业": {"投诉/求助": 160, "咨询": 4},
	"环保": {"投诉/求助": 145},
	"治安": {"投诉/求助": 115, "建言": 1},
	"政务": {"投诉/求助": 71, "咨询": 11, "建言": 6, "感谢": 1},
	"教育": {"投诉/求助": 46, "咨询": 18, "建言": 1},
	"就业": {"投诉/求助": 39, "咨询": 8, "建言": 1},
	"医疗": {"投诉/求助": 16, "咨询": 7, "建言": 2},
	"旅游": {"投诉/求助": 16, "建言": 2, "咨询": 1},
	"三农": {"投诉/求助": 14, "建言": 1, "咨询": 1},
	"文娱": {"投诉/求助": 12, "建言": 3},
	"金融": {"投诉/求助": 8, "建言": 1, "咨询": 1},
}

// types is the order in which types are drawn.
var types = []string{"投诉/求助", "咨询", "建言", "感谢"}

// provinceWeights say how much each province writes. The real board's
// busiest provinces come first in the seed's order (河南, 四川, 安徽, 北京,
// 陕西); the rest follow population, in parts per thousand.
var provinceWeights = map[string]float64{
	"41": 95, "51": 80, "34": 70, "11": 62, "61": 55, "37": 52, "44": 50, "13": 48, "43": 45, "42": 42,
	"32": 40, "21": 35, "14": 33, "36": 32, "23": 30, "45": 30, "53": 28, "52": 27, "33": 27, "62": 25,
	"50": 25, "22": 22, "15": 20, "35": 20, "12": 18, "31": 18, "65": 12, "64": 8, "46": 8, "63": 6, "54": 3,
}

// Levels of the board a message is written to, and how many go to each.
// With the reply rates below, boards below the province give about 70%
// of replies, near the seed's 73% for 副省级, city and county boards.
var levelShares = [3]float64{0.32, 0.30, 0.38} // province, city, county

// replyRates are the shares of messages answered, by level (the seed:
// provinces 66%, cities 79%, counties 83%).
var replyRates = [3]float64{0.66, 0.79, 0.83}

// Rates of the other things that happen to a message.
const (
	growth          = 1.53  // messages a year, over the year before (the seed: +53%)
	rejectShare     = 0.02  // refused by the moderator
	departmentShare = 0.18  // written to a department that joined, where one has
	privateShare    = 0.07  // not public
	personalShare   = 0.03  // carry a phone number in the text, masked in public
	returnShare     = 0.03  // sent back to the office by the first unit
	transferShare   = 0.06  // passed by the first unit to another
	interimShare    = 0.08  // get an interim reply
	extendShare     = 0.35  // of replies that would be late: an extension is asked for first
	followupShare   = 0.08  // of replies: the author asks again
	rateShare       = 0.40  // of replies: the author rates
	goodShare       = 0.90  // of ratings: 好评
	signoffShare    = 0.25  // of departments: final replies wait for the office
	epidemicShare   = 0.275 // of messages from 2020-01-20 to 2020-06-30: 疫情防控 (25% of 2020H1)
	delayMedian     = 7.5   // working days to the final reply (about 11 calendar days)
	delaySigma      = 0.85  // of the log of the delay: a long tail
)

// distribution draws an index with probability proportional to weights.
type distribution struct {
	cum []float64
}

func newDistribution(weights []float64) distribution {
	cum := make([]float64, len(weights))
	sum := 0.0
	for i, w := range weights {
		sum += w
		cum[i] = sum
	}
	for i := range cum {
		cum[i] /= sum
	}
	return distribution{cum: cum}
}

// pick maps a uniform u in [0, 1) to an index.
func (d distribution) pick(u float64) int {
	i, _ := slices.BinarySearch(d.cum, u)
	return min(i, len(d.cum)-1)
}

// fitTypes gives each domain its distribution of types: the Zhejiang
// messages' own mix for the domain (the overall mix where a domain has
// too few), scaled by iterative proportional fitting until the types'
// totals over all domains are the dashboard's.
func fitTypes(domains []string) map[string][]float64 {
	total := 0.0
	for _, c := range typeCounts {
		total += c
	}
	want := make([]float64, len(types))
	for i, t := range types {
		want[i] = typeCounts[t] / total
	}
	dsum := 0.0
	for _, d := range domains {
		dsum += domainCounts[d]
	}
	mix := map[string][]float64{}
	for _, d := range domains {
		row := make([]float64, len(types))
		n := 0.0
		for _, c := range jointCounts[d] {
			n += c
		}
		for i, t := range types {
			// A little of the overall mix keeps every type possible.
			row[i] = (jointCounts[d][t] + 2*want[i]) / (n + 2)
		}
		mix[d] = row
	}
	for range 50 {
		got := make([]float64, len(types))
		for _, d := range domains {
			for i := range types {
				got[i] += domainCounts[d] / dsum * mix[d][i]
			}
		}
		for _, d := range domains {
			s := 0.0
			for i := range types {
				mix[d][i] *= want[i] / math.Max(got[i], 1e-12)
				s += mix[d][i]
			}
			for i := range types {
				mix[d][i] /= s
			}
		}
	}
	return mix
}
