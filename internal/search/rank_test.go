package search

import "testing"

// TestScoreRanks checks what a reader expects of the order: a message
// about the thing (in its title) before one that mentions it, more
// mentions before fewer, a short message before a long one that mentions
// it as often, and every term of the query required.
func TestScoreRanks(t *testing.T) {
	const filler = "小区门口的道路最近正在施工，车辆进出很不方便，希望有关部门协调解决。"
	score := func(q, title, body string) float64 {
		t.Helper()
		pq, err := Parse(q)
		if err != nil {
			t.Fatal(err)
		}
		s, ok := pq.Score(title, body)
		if !ok {
			t.Fatalf("%q not found in %q / %q", q, title, body)
		}
		return s
	}
	better := []struct{ q, title1, body1, title2, body2 string }{
		{"噪音", "工地夜间施工噪音扰民", filler + "噪音很大。", "关于道路施工的问题", filler + "噪音很大。"},
		{"噪音", "关于施工的问题", "噪音很大，噪音不停，噪音扰民。", "关于施工的问题", "晚上噪音很大。"},
		{"垃圾站", "垃圾站", "垃圾站臭气熏天。", "垃圾站", filler + filler + filler + "垃圾站臭气熏天。"},
		{"噪音 施工", "施工噪音", "施工噪音扰民。", "噪音", filler},
	}
	for _, c := range better {
		if a, b := score(c.q, c.title1, c.body1), score(c.q, c.title2, c.body2); a <= b {
			t.Errorf("%s: %q/%q scores %v, not above %q/%q's %v", c.q, c.title1, c.body1, a, c.title2, c.body2, b)
		}
	}
	q, _ := Parse("噪音 渣土")
	if _, ok := q.Score("施工噪音", filler); ok {
		t.Error("a message holding one of two terms matched")
	}
	q, _ = Parse("垃圾站")
	if _, ok := q.Score("垃圾，站点", "垃圾分类，站台"); ok {
		t.Error("垃圾站 matched where its characters stand apart")
	}
}
