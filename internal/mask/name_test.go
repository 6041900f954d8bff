package mask

import "testing"

func TestName(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", ""},
		{"   ", ""},
		{"张", "*"},
		{"张三", "张*"},
		{"邱林松", "邱*松"},
		{"欧阳修文", "欧**文"},
		{" 熊亚威 ", "熊*威"},
		{"zhang123", "z******3"},
		{"A000102948", "A********8"},
		{"Ｌｉ　Ｌｅｉ", "Ｌ****ｉ"},
		{"\xff\xfe", "\xff*"},
		{"张*", "张*"},
	}
	for _, tc := range tests {
		if got := Name(tc.in); got != tc.want {
			t.Errorf("Name(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got := Name(Name(tc.in)); got != Name(tc.in) {
			t.Errorf("Name is not idempotent on %q: %q", tc.in, got)
		}
	}
}
