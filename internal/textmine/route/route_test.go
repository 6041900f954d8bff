package route

import "testing"

var hangzhou = []Unit{
	{ID: 1, Name: "浙江省杭州市钱塘区网民留言办理办公室", RegionCode: "330114", Office: true},
	{ID: 2, Name: "杭州市钱塘区住房和城乡建设局", RegionCode: "330114"},
	{ID: 3, Name: "杭州市钱塘区下沙街道办事处", RegionCode: "330114"},
	{ID: 4, Name: "杭州市钱塘区白杨街道办事处", RegionCode: "330114"},
	{ID: 5, Name: "杭州市公安局交通警察支队", RegionCode: "330100"},
	{ID: 6, Name: "杭州市西湖区城市管理局", RegionCode: "330106"},
	{ID: 7, Name: "杭州市教育局", RegionCode: "330100"},
}

func TestSuggest(t *testing.T) {
	cases := []struct {
		name, title, body, domain string
		first                     int64
	}{
		{"a street named", "下沙街道工地夜间施工扰民", "学林街的工地每晚施工到凌晨，噪音很大。", "城建", 3},
		{"the domain's bureau", "老旧小区加装电梯审批太慢", "申请加装电梯半年还没有批下来，希望住建部门加快审批。", "城建", 2},
		{"traffic police", "文一路口信号灯配时不合理", "早高峰左转车辆排队很长，建议调整信号灯配时。", "交通", 5},
		{"another district", "西湖区文三路垃圾桶满溢", "垃圾桶连续几天没人清理。", "环保", 6},
		{"schools", "学区划分何时公布", "孩子明年上小学，请问学区划分方案什么时候公布？", "教育", 7},
	}
	for _, c := range cases {
		got := Suggest(c.title, c.body, c.domain, hangzhou, 3)
		if len(got) == 0 || got[0].UnitID != c.first {
			t.Errorf("%s: %+v, want unit %d first", c.name, got, c.first)
			continue
		}
		if len(got[0].Reasons) == 0 || got[0].Reasons[0] == "" {
			t.Errorf("%s: no reason given", c.name)
		}
	}
	if got := Suggest("咨询", "请问办事时间？", "其他", hangzhou, 3); len(got) != 1 || got[0].UnitID != 1 {
		t.Errorf("with nothing to go on, the office alone: %+v", got)
	}
}

func TestCore(t *testing.T) {
	for u, want := range map[Unit]string{
		{Name: "杭州市钱塘区下沙街道办事处", RegionCode: "330114"}:  "下沙街道",
		{Name: "杭州市钱塘区住房和城乡建设局", RegionCode: "330114"}: "住房和城乡建设",
		{Name: "长沙市岳麓区梅溪湖街道办事处", RegionCode: "430104"}: "梅溪湖街道",
	} {
		if got := core(u); got != want {
			t.Errorf("core(%s) = %s, want %s", u.Name, got, want)
		}
	}
}
