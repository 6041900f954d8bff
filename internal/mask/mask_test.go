package mask

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// textCases are shared by TestText, TestTextIdempotent and the fuzz seeds.
var textCases = []struct {
	name, in, want string
}{
	// Mobile numbers.
	{"mobile between Chinese", "电话13812345678谢谢", "电话138******78谢谢"},
	{"mobile in spaced groups", "手机：138 1234 5678。", "手机：138 **** **78。"},
	{"mobile in dashed groups", "请拨138-1234-5678联系", "请拨138-****-**78联系"},
	{"mobile 3-8", "联系138 12345678", "联系138 ******78"},
	{"mobile with +86", "+86 138 1234 5678", "+86 138 **** **78"},
	{"mobile with +86 joined", "+8613812345678", "+86138******78"},
	{"mobile with 86-", "86-13812345678", "86-138******78"},
	{"mobile with 0086", "0086 13812345678", "0086 138******78"},
	{"mobile full-width", "电话１３８１２３４５６７８", "电话１３８＊＊＊＊＊＊７８"},
	{"mobile full-width dash", "１３８－１２３４－５６７８", "１３８－＊＊＊＊－＊＊７８"},
	{"mobile then year", "电话13800138000 2019年元月", "电话138******00 2019年元月"},
	{"mobile at sentence end", "电话13800138000.于2017年", "电话138******00.于2017年"},
	{"two mobiles", "13800138000、13900139000", "138******00、139******00"},
	{"mobile in longer run", "订单1380013800012", "订单1380013800012"},
	{"mobile after letters", "编号SN13800138000", "编号SN13800138000"},
	{"mobile as decimal", "系数3.13800138000", "系数3.13800138000"},
	{"second digit 2 is no mobile", "12800138000", "12800138000"},

	// Landlines.
	{"landline dashed", "0731-88889999", "0731-******99"},
	{"landline 7 digits", "拨打市交警支队0738-8800728，咨询", "拨打市交警支队0738-*****28，咨询"},
	{"landline Beijing", "010-62345678", "010-******78"},
	{"landline brackets", "(0571)87654321", "(0571)******21"},
	{"landline full-width brackets", "（0571）87654321", "（0571）******21"},
	{"landline brackets space", "(0571) 8765 4321", "(0571) **** **21"},
	{"landline spaced", "0571 8765 4321", "0571 **** **21"},
	{"landline joined", "073188889999", "0731******99"},
	{"landline with extension", "0731-88889999-8001", "0731-******99-8001"},
	{"hotline with area code", "均可通过0731-12345反映", "均可通过0731-12345反映"},
	{"anonymised landline", "热线：0000-00000000。", "热线：0000-00000000。"},
	{"local number alone", "电话88889999", "电话88889999"},

	// ID numbers.
	{"ID with X", "身份证号码：11010519491231002X，", "身份证号码：1****************X，"},
	{"ID with x", "11010519491231002x", "1****************x"},
	{"ID digits", "（330106198511114568）", "（3****************8）"},
	{"ID grouped", "430102 19900307 1234", "4***** ******** ***4"},
	{"ID full-width", "４３０１０２１９９００３０７１２３４", "４＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊４"},
	{"ID 15 digits", "老身份证430102900307123", "老身份证4*************3"},
	{"ID bad checksum, bad Luhn", "订单430102199003071235", "订单430102199003071235"},
	{"ID followed by letters", "11010519491231002XYZ", "11010519491231002XYZ"},

	// Bank cards.
	{"bank 19 digits", "卡号6222021234567890128", "卡号***************0128"},
	{"bank in fours", "6217 0012 3456 7893", "**** **** **** 7893"},
	{"bank in fours dashed", "6217-0012-3456-7893", "****-****-****-7893"},
	{"bank 4-4-4-4-3", "6222 0212 3456 7890 128", "**** **** **** ***0 128"},
	{"Luhn but year prefix", "订单号2019022812345675", "订单号2019022812345675"},
	{"bank bad Luhn", "6217001234567894", "6217001234567894"},

	// E-mail addresses.
	{"email", "电邮: jqw2019@126.com；", "电邮: j******@126.com；"},
	{"email dotted", "zhang.san@mail.example.cn", "z********@mail.example.cn"},
	{"email one char", "a@qq.com", "a@qq.com"},
	{"email full-width", "ｚｈａｎｇ＠ｑｑ．ｃｏｍ", "ｚ＊＊＊＊＠ｑｑ．ｃｏｍ"},
	{"email digits local", "13812345678@qq.com", "1**********@qq.com"},
	{"email already masked", "jqw********@126.com", "j**********@126.com"},
	{"at sign alone", "@A市交警官方微博", "@A市交警官方微博"},
	{"no top-level domain", "me@localhost", "me@localhost"},

	// Plates.
	{"plate", "浙A12345", "浙A*****"},
	{"plate with dot", "浙A·12345", "浙A·*****"},
	{"plate new energy small", "湘AD12345", "湘A******"},
	{"plate new energy large", "湘A12345F", "湘A******"},
	{"plate with space", "粤B 12345", "粤B *****"},
	{"plate with letters", "湘KUZ388，湘K3LE20", "湘K*****，湘K*****"},
	{"plate lower case", "湘af71s5", "湘a*****"},
	{"plate driving school", "京A1234学", "京A****学"},
	{"plate police", "京A1234警", "京A****警"},
	{"plate trailer", "湘A1234挂车", "湘A****挂车"},
	{"plate full-width", "浙Ａ１２３４５", "浙Ａ＊＊＊＊＊"},
	{"plate too long", "浙A1234567", "浙A1234567"},
	{"plate with O", "浙AO1234", "浙AO1234"},
	{"no province", "A3区12345", "A3区12345"},

	// Not personal data.
	{"dates", "2019-02-28，2019年2月28日，20190228", "2019-02-28，2019年2月28日，20190228"},
	{"money", "共计12000元", "共计12000元"},
	{"message number", "留言编号188006", "留言编号188006"},
	{"roads", "G60与S2交汇处", "G60与S2交汇处"},
	{"house number", "3栋2单元1201", "3栋2单元1201"},
	{"user id", "留言用户A000102948", "留言用户A000102948"},
	{"masked by author", "电话138****5678", "电话138****5678"},
	{"masked run", "身份证号码：*****************，", "身份证号码：*****************，"},
	{"empty", "", ""},

	// Invalid UTF-8 is copied through.
	{"invalid UTF-8", "\xff13812345678\xfe", "\xff138******78\xfe"},
	{"truncated rune", "电\xe8\xaf13812345678", "电\xe8\xaf138******78"},
}

func TestText(t *testing.T) {
	for _, tc := range textCases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Text(tc.in); got != tc.want {
				t.Errorf("Text(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestTextIdempotent(t *testing.T) {
	for _, tc := range textCases {
		once := Text(tc.in)
		if twice := Text(once); twice != once {
			t.Errorf("Text(Text(%q)) = %q, want %q", tc.in, twice, once)
		}
		if utf8.RuneCountInString(once) != utf8.RuneCountInString(tc.in) {
			t.Errorf("Text(%q) = %q changes the number of characters", tc.in, once)
		}
	}
}

func TestFind(t *testing.T) {
	type found struct{ text, kind string }
	tests := []struct {
		name string
		in   string
		want []found
	}{
		{"nothing", "A市医保对因肾衰竭需做透析人员近几年的政策是每个月4800元。", nil},
		{
			"every kind",
			"我叫熊亚威，身份证（430102199003071234），手机号139 0731 2468，座机(0731)88889999，" +
				"卡号6217 0012 3456 7893，邮箱xiong@163.com，车牌湘A·B2345。",
			[]found{
				{"430102199003071234", KindID},
				{"139 0731 2468", KindPhone},
				{"(0731)88889999", KindPhone},
				{"6217 0012 3456 7893", KindBank},
				{"xiong@163.com", KindEmail},
				{"湘A·B2345", KindPlate},
			},
		},
		{"plus sign is part of the phone", "请拨+86 13800138000", []found{{"+86 13800138000", KindPhone}}},
		{"X is part of the ID", "11010519491231002X号", []found{{"11010519491231002X", KindID}}},
		{"full-width", "ＩＤ：１１０１０５１９４９１２３１００２Ｘ", []found{{"１１０１０５１９４９１２３１００２Ｘ", KindID}}},
		{"email wins over its digits", "13812345678@qq.com", []found{{"13812345678@qq.com", KindEmail}}},
		{"phone and plate side by side", "湘A12345 13800138000", []found{{"湘A12345", KindPlate}, {"13800138000", KindPhone}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			spans := Find(tc.in)
			if len(spans) != len(tc.want) {
				t.Fatalf("Find(%q) = %v, want %d spans %v", tc.in, spans, len(tc.want), tc.want)
			}
			for i, sp := range spans {
				if got := tc.in[sp.Start:sp.End]; got != tc.want[i].text || sp.Kind != tc.want[i].kind {
					t.Errorf("span %d = %q (%s), want %q (%s)", i, got, sp.Kind, tc.want[i].text, tc.want[i].kind)
				}
			}
		})
	}
}

// TestFindAgreesWithText checks that Text changes characters only inside
// the spans Find reports, and only to '*' or '＊'.
func TestFindAgreesWithText(t *testing.T) {
	for _, tc := range textCases {
		checkMasking(t, tc.in)
	}
}

func checkMasking(t *testing.T, in string) {
	t.Helper()
	out := Text(in)
	spans := Find(in)
	prevEnd := 0
	for _, sp := range spans {
		if sp.Start < prevEnd || sp.End <= sp.Start || sp.End > len(in) {
			t.Fatalf("Find(%q): bad or overlapping span %v in %v", in, sp, spans)
		}
		prevEnd = sp.End
	}
	inside := func(off int) bool {
		for _, sp := range spans {
			if off >= sp.Start && off < sp.End {
				return true
			}
		}
		return false
	}
	i, o := 0, 0
	for i < len(in) && o < len(out) {
		ri, wi := utf8.DecodeRuneInString(in[i:])
		ro, wo := utf8.DecodeRuneInString(out[o:])
		if ri != ro && (fold(ro) != '*' || !inside(i)) {
			t.Fatalf("Text(%q) = %q: character at byte %d changed to %q outside a span %v", in, out, i, ro, spans)
		}
		i, o = i+wi, o+wo
	}
	if i != len(in) || o != len(out) {
		t.Fatalf("Text(%q) = %q: different number of characters", in, out)
	}
}

// TestRealMessages runs real, already anonymised messages through Text:
// their dates, amounts and earlier masks must come out unchanged.
func TestRealMessages(t *testing.T) {
	for _, line := range readLines(t, "testdata/tipdm_clean.txt") {
		if got := Text(line); got != line {
			t.Errorf("Text changed a clean message:\n in: %s\nout: %s\nspans: %v", line, got, Find(line))
		}
	}
}

// TestRealMessagesWithPersonalData runs real messages into which personal
// data was put back where the publisher had masked it.
func TestRealMessagesWithPersonalData(t *testing.T) {
	lines := readLines(t, "testdata/tipdm_personal.txt")
	if len(lines)%2 != 0 {
		t.Fatalf("testdata/tipdm_personal.txt: %d lines, want input and expected output pairs", len(lines))
	}
	for i := 0; i < len(lines); i += 2 {
		in, want := lines[i], lines[i+1]
		if got := Text(in); got != want {
			t.Errorf("Text(%s)\n got %s\nwant %s", in, got, want)
		}
		checkMasking(t, in)
	}
}

// readLines returns the non-empty lines of a test file.
func readLines(tb testing.TB, name string) []string {
	tb.Helper()
	f, err := os.Open(name)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" {
			lines = append(lines, line)
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	if len(lines) == 0 {
		tb.Fatalf("%s is empty", name)
	}
	return lines
}

func BenchmarkText(b *testing.B) {
	clean := strings.Repeat("A市A5区劳动路与马望堆路交界处的新城新界世小区交付业主已超过10年，至今未成立业委会。", 20)
	personal := clean + "电话13800138000，身份证11010519491231002X，邮箱xiong@163.com，车牌湘A12345。"
	plain := strings.Repeat("小区的很多业主都是多次拨打市长热线投诉，一直得不到解决。", 20)
	for _, bc := range []struct{ name, s string }{{"no digits", plain}, {"clean", clean}, {"personal", personal}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.s)))
			for b.Loop() {
				Text(bc.s)
			}
		})
	}
}
