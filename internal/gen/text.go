package gen

import (
	_ "embed"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// vocabTSV holds, per domain, the words real messages of that domain use
// most, and under 通用 the words all domains share (tools/genvocab).
//
//go:embed vocab.tsv
var vocabTSV string

// vocab maps a domain (and 通用) to its words.
var vocab = sync.OnceValue(func() map[string][]string {
	v := map[string][]string{}
	for line := range strings.SplitSeq(vocabTSV, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		domain, words, ok := strings.Cut(line, "\t")
		if ok {
			v[domain] = strings.Fields(words)
		}
	}
	// Domains the data has too few words for borrow their neighbours'.
	for d, from := range map[string]string{"体育": "文娱", "其他": "政务"} {
		if len(v[d]) < 20 {
			v[d] = v[from]
		}
	}
	return v
})

// tagWords are the words of the cross-cutting topics, written here: the
// data predates most of them.
var tagWords = map[string][]string{
	"疫情防控": {"疫情", "防控", "口罩", "隔离", "核酸检测", "健康码", "返乡", "体温", "封闭管理", "复学", "居家观察", "物资"},
	"复工复产": {"复工", "复产", "停工", "租金减免", "员工返岗", "订单", "贷款延期", "社保减免", "开工", "用工"},
	"脱贫攻坚": {"扶贫", "贫困户", "低保", "危房改造", "帮扶", "建档立卡", "产业扶贫", "易地搬迁"},
	"劳资纠纷": {"拖欠工资", "讨薪", "农民工", "包工头", "劳动仲裁", "工资", "欠薪", "社保"},
	"安全生产": {"安全隐患", "消防通道", "违规操作", "燃气", "危险品", "事故", "整改"},
	"防汛抗灾": {"暴雨", "积水", "内涝", "排水", "河道", "堤坝", "受灾"},
}

// Street and estate names: common, made-up ones, so that the places of
// generated messages are the region tree's and nothing more particular.
var (
	streetNames = []string{"人民", "解放", "建设", "和平", "新华", "胜利", "中山", "文化", "幸福", "光明", "东风", "朝阳",
		"迎宾", "长江", "黄河", "振兴", "团结", "育才", "工业", "滨河", "青年", "金水", "紫荆", "花园"}
	streetKinds = []string{"路", "大道", "街", "东路", "西路", "南路", "北路"}
	estateKinds = []string{"小区", "花园", "家园", "新村", "公寓", "名苑", "佳苑"}
	surnames    = []string{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"}
	givenChars  = []string{"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华"}
)

// Sentence patterns by type. {P} is a place, {A} {B} {C} words of the
// domain, {X} {Y} common words, {T} a topic's word.
var (
	titlePatterns = map[string][]string{
		"投诉/求助": {"{P}{A}{B}问题严重", "关于{P}{A}{B}的投诉", "{P}{A}{B}，请求解决", "求助：{A}{B}迟迟得不到处理", "反映{P}{A}问题", "{A}{B}问题何时能解决"},
		"咨询":    {"咨询{A}{B}相关政策", "请问{P}{A}{B}如何办理", "关于{A}{B}的咨询", "{A}{B}的标准是什么"},
		"建言":    {"建议{P}加强{A}{B}", "关于改善{A}{B}的建议", "对{P}{A}工作的几点建议", "建议完善{A}{B}"},
		"感谢":    {"感谢{P}{A}工作人员", "感谢领导为民办实事", "{A}问题解决了，谢谢"},
	}
	openings = map[string][]string{
		"投诉/求助": {"尊敬的领导：您好！", "领导好，", "您好！", "尊敬的书记："},
		"咨询":    {"您好，", "领导您好，想咨询一下，", "您好！请问"},
		"建言":    {"尊敬的领导：", "您好！作为一名普通市民，", "领导好，"},
		"感谢":    {"尊敬的领导：", "您好！"},
	}
	sentences = map[string][]string{
		"投诉/求助": {"我是{P}的居民，{A}{B}的问题已经{X}很久了。", "{P}一带{A}{B}{Y}，{C}情况十分突出。", "多次向有关部门{X}，至今没有{Y}。",
			"{A}和{B}的问题严重影响了周边居民的正常生活。", "附近{A}{C}，存在{B}隐患。", "{T}期间，{A}{B}的问题更加突出。"},
		"咨询": {"我想了解{A}{B}方面的规定。", "{P}的{A}是否可以{X}？", "办理{A}{B}需要准备哪些材料？", "{T}期间{A}如何{Y}？",
			"{A}{C}的标准是怎样的？"},
		"建言": {"建议{P}在{A}{B}方面{X}。", "{A}和{C}的问题可以{Y}统筹解决。", "希望有关部门完善{A}{B}的管理。", "{T}工作中，建议加强{A}。"},
		"感谢": {"{P}的{A}{B}问题已经得到解决，", "工作人员认真负责，{X}及时，", "{A}{C}的事情办得很好，"},
	}
	closings = map[string][]string{
		"投诉/求助": {"恳请领导重视，尽快解决！", "希望相关部门尽快处理，谢谢！", "望领导督促落实。"},
		"咨询":    {"盼复，谢谢！", "望给予答复。", "谢谢！"},
		"建言":    {"以上建议，望采纳。", "请领导参考。"},
		"感谢":    {"特此表示感谢！", "为你们点赞！"},
	}
	replyPatterns = []string{
		"网友您好！您反映的“{title}”问题收悉。经{unit}调查核实，{A}{B}的情况属实，我们已责成有关部门{X}，目前{C}问题已经得到处理。感谢您对我们工作的关心和支持！",
		"您好！关于您反映的{A}{B}问题，{unit}高度重视，立即组织人员现场核查。经核实，{A}{C}方面确实存在问题，已要求相关单位限期整改，并将加强日常监管。",
		"网友您好，您的留言已收悉。根据有关规定，{A}{B}由{unit}负责{Y}。我们已安排专人跟进，如有疑问请与{unit}联系。",
	}
	interimNotes  = []string{"您反映的问题已收悉，正在调查核实中，我们将尽快答复。", "已转相关科室办理，正在协调处理中。"}
	followupTexts = []string{"回复中提到的{A}{B}问题至今没有落实，请再次核实。", "情况没有改善，{A}的问题依然存在，请领导再关注一下。",
		"请问{A}{B}的处理结果什么时候能公布？"}
	rejectReasons  = []string{"留言内容与其他留言重复", "反映的问题已进入司法程序", "留言内容不完整，无法办理", "涉及个人隐私，不予公开受理"}
	returnNotes    = []string{"非本单位职责范围，请重新交办", "该问题属其他部门管理"}
	transferNotes  = []string{"经核实属{unit}职责，转其办理", "涉及{unit}业务，转办"}
	extendNotes    = []string{"涉及多个部门，需要协调，申请延期", "需现场调查取证，申请延期答复"}
	urgeNotes      = []string{"已超期，请加快办理", "请尽快答复网友"}
	ratingComments = []string{"", "", "办理及时，非常满意", "问题已解决，谢谢", "态度很好", "还没有彻底解决", "答复敷衍"}
)

// writer composes text from one message's draws.
type writer struct {
	rng    *rand.Rand
	domain []string
	common []string
	topic  []string
	place  string
	b      strings.Builder
}

func newWriter(rng *rand.Rand, domain, place string, tags []string) *writer {
	v := vocab()
	w := &writer{rng: rng, domain: v[domain], common: v["通用"], place: place}
	for _, t := range tags {
		w.topic = append(w.topic, tagWords[t]...)
	}
	if len(w.topic) == 0 {
		w.topic = w.domain
	}
	return w
}

// word draws from a list, favouring its head as real use does.
func (w *writer) word(ws []string) string {
	if len(ws) == 0 {
		return ""
	}
	f := w.rng.Float64()
	return ws[int(f*f*float64(len(ws)))]
}

// fill replaces the placeholders of a pattern.
func (w *writer) fill(p string, extra map[string]string) string {
	w.b.Reset()
	for i := 0; i < len(p); i++ {
		if p[i] != '{' {
			w.b.WriteByte(p[i])
			continue
		}
		j := strings.IndexByte(p[i:], '}')
		key := p[i+1 : i+j]
		i += j
		switch key {
		case "P":
			w.b.WriteString(w.place)
		case "A", "B", "C":
			w.b.WriteString(w.word(w.domain))
		case "X", "Y":
			w.b.WriteString(w.word(w.common))
		case "T":
			w.b.WriteString(w.word(w.topic))
		default:
			w.b.WriteString(extra[key])
		}
	}
	return w.b.String()
}

func (w *writer) pick(ps []string) string { return ps[w.rng.IntN(len(ps))] }

// title and body of a message of type typ.
func (w *writer) message(typ string, personal bool) (title, body string) {
	title = w.fill(w.pick(titlePatterns[typ]), nil)
	if r := []rune(title); len(r) > 50 {
		title = string(r[:50])
	}
	var b strings.Builder
	b.WriteString(w.pick(openings[typ]))
	for range 2 + w.rng.IntN(4) {
		b.WriteString(w.fill(w.pick(sentences[typ]), nil))
	}
	if personal {
		b.WriteString("我的联系电话是1" + strconv.Itoa(30+w.rng.IntN(60)) + strconv.Itoa(10000000+w.rng.IntN(90000000)) + "。")
	}
	b.WriteString(w.pick(closings[typ]))
	return title, b.String()
}

// spot is a street or an estate in a region.
func spot(rng *rand.Rand, regionName string) string {
	s := streetNames[rng.IntN(len(streetNames))]
	if rng.IntN(2) == 0 {
		return regionName + s + streetKinds[rng.IntN(len(streetKinds))]
	}
	return regionName + s + estateKinds[rng.IntN(len(estateKinds))]
}

// personName is an author's name as the board shows it.
func personName(rng *rand.Rand) string {
	name := surnames[rng.IntN(len(surnames))] + givenChars[rng.IntN(len(givenChars))]
	if rng.IntN(2) == 0 {
		name += givenChars[rng.IntN(len(givenChars))]
	}
	return name
}

// Words returns the words generated messages of a domain are written
// with, most used first (none for a domain the generator has no words
// for): what a benchmark searches a generated store for.
func Words(domain string) []string { return slices.Clone(vocab()[domain]) }

// Text writes the title and body of one message as the generator writes
// them, from seed alone: a message of the domain (its words) and type
// about a street or estate of the region named, with the author's phone
// number when personal. A type the generator has no patterns for is
// written as a complaint. Benchmarks write their submissions with it, so
// that what they add to a generated store reads like the rest of it.
func Text(seed uint64, domain, typ, regionName string, personal bool) (title, body string) {
	rng := rand.New(rand.NewPCG(seed, 0x6c6979616e))
	if _, ok := titlePatterns[typ]; !ok {
		typ = "投诉/求助"
	}
	w := newWriter(rng, domain, spot(rng, regionName), nil)
	return w.message(typ, personal)
}
