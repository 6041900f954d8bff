package classify

import (
	"slices"
	"strings"
	"testing"
)

func TestNearGroups(t *testing.T) {
	ex := []Example{
		// 0 and 1: one complaint posted twice, the second with a new title.
		{"城乡建设", strings.Fields("丽发 新城 小区 旁 搅拌站 噪音 扰民 搅拌站 日夜 施工 粉尘 噪音 严重 居民 无法 休息 请求 部门 查处")},
		{"城乡建设", strings.Fields("再次 反映 搅拌站 扰民 搅拌站 日夜 施工 粉尘 噪音 严重 居民 无法 休息 请求 部门 查处 丽发 新城")},
		// 2: another complaint on the same subject, in other words.
		{"环境保护", strings.Fields("暮云 街道 混凝土 搅拌站 夜间 作业 噪音 超标 粉尘 飘进 家里 孩子 咳嗽")},
		// 3 and 4: the same question about a pension, re-posted word for word.
		{"劳动和社会保障", strings.Fields("咨询 退休 养老金 调整 标准 企业 退休人员 何时 补发")},
		{"劳动和社会保障", strings.Fields("咨询 退休 养老金 调整 标准 企业 退休人员 何时 补发")},
		// 5: one word in common with 3 and 4.
		{"劳动和社会保障", strings.Fields("失业 保险金 领取 条件 咨询")},
	}
	want := []int{0, 0, 2, 3, 3, 5}
	if got := nearGroups(ex); !slices.Equal(got, want) {
		t.Errorf("groups %v, want %v", got, want)
	}
	for _, k := range []int{2, 3} {
		fs := folds(ex, k, 1)
		var all []int
		for _, f := range fs {
			all = append(all, f...)
			for _, pair := range [][2]int{{0, 1}, {3, 4}} {
				if slices.Contains(f, pair[0]) != slices.Contains(f, pair[1]) {
					t.Errorf("%d folds: near-duplicates %d and %d split: %v", k, pair[0], pair[1], fs)
				}
			}
		}
		slices.Sort(all)
		if !slices.Equal(all, []int{0, 1, 2, 3, 4, 5}) {
			t.Errorf("%d folds do not cover every message once: %v", k, fs)
		}
	}
}
