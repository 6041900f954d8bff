package demo

import "strings"

// work is the kind of job a unit does; a story names the kinds of unit
// that can answer it, best first, and routing picks the first one found
// near the place written about.
type work string

const (
	housing     work = "housing"     // 住房和城乡建设, 房产
	urban       work = "urban"       // 城市管理, 综合执法
	street      work = "street"      // 街道办事处, for one street only
	police      work = "police"      // 公安, 交警
	education   work = "education"   // 教育
	transport   work = "transport"   // 交通运输
	environment work = "environment" // 生态环境
	health      work = "health"      // 卫生健康, 医疗保障
	market      work = "market"      // 市场监督管理
	labor       work = "labor"       // 人力资源和社会保障
)

// story is one kind of message a citizen writes, together with the gist of
// the unit's answer, so that the answer always fits the question. The
// texts hold {slots} filled per message (see slots).
type story struct {
	typ    string   // message type; it also decides the form of the reply
	titles []string // one is drawn
	body   string   // the heart of the message, between an opening and a closing
	// subject is what the reply says the message was about.
	subject string
	// finding is what the unit found or the rule that applies; action is
	// what it did, will do or advises.
	finding, action string
	// works and domain override the topic's when set.
	works  []work
	domain string
	tags   []string // added to the topic's tags
}

// topic groups stories of one field. Weight is its share among the
// messages of a leader board; departments draw only the stories they can
// answer.
type topic struct {
	domain  string
	tags    []string
	works   []work
	weight  int
	private int // percent of its messages written as not public
	// wider says the topic concerns a whole city or province, so county
	// leaders are not written to about it.
	wider bool
	// months, when set, are the only months in which it is written about.
	months  []int
	stories []story
}

const (
	complaint  = "投诉/求助"
	question   = "咨询"
	suggestion = "建言"
	thanks     = "感谢"
)

// topics is what citizens write about. Complaints and requests for help
// make up about seven in ten messages, as on the real board, and urban
// construction (城建) about a third.
var topics = []topic{
	{
		domain: "城建", tags: []string{"噪音扰民"}, works: []work{urban, environment, street}, weight: 6,
		stories: []story{{
			typ:     complaint,
			titles:  []string{"{road}工地夜间施工噪音扰民", "{estate}旁工地半夜施工，居民无法休息"},
			body:    "{estate}旁边的工地{since}经常施工到凌晨一两点，打桩机和渣土车的声音非常大，小区里的老人和孩子根本睡不好觉。我们找工地反映过几次，对方说是赶工期，情况一直没有改善。希望有关部门依法查处，还居民一个安静的夜晚。",
			subject: "{estate}旁工地夜间施工噪音",
			finding: "该工地为{builder}承建的项目，近期存在未经批准在夜间进行产生噪声作业的情况",
			action:  "执法人员已依法对施工单位立案调查，责令其严格遵守作业时间，22时至次日6时不得进行产生噪声的施工作业，并将在夜间加强巡查",
		}, {
			typ:     complaint,
			titles:  []string{"{road}与{road2}路口夜间施工扰民", "反映{place}夜间施工噪音和强光问题"},
			body:    "{road}与{road2}交叉口的道路施工每天晚上十点以后才开始，切割路面的声音非常刺耳，工地的大灯还直射居民楼。请问这个工程夜间施工是否办理了审批手续？如果确需夜间施工，能否把噪音最大的工序安排在白天？",
			subject: "{road}与{road2}路口夜间施工扰民",
			finding: "该工程为市政道路管线改造项目，为减少对白天交通的影响，经审批在夜间施工，但部分高噪声工序安排不当，照明灯具朝向居民楼",
			action:  "已要求施工单位将路面切割等高噪声工序调整至白天进行，调整照明灯具方向并加装遮光罩，同时在施工围挡处公示夜间施工许可和投诉电话",
		}},
	},
	{
		domain: "其他", tags: []string{"噪音扰民"}, works: []work{street, urban}, weight: 2,
		stories: []story{{
			typ:     complaint,
			titles:  []string{"{estate}楼下广场舞音响声音太大", "广场舞噪音扰民，希望规范活动时间"},
			body:    "{estate}楼下的小广场每天晚上七点到九点半都有人跳广场舞，音响开得很大，关着窗户都听得清清楚楚。家里孩子正在准备考试，我们理解大家需要锻炼，只希望能控制音量和时间。",
			subject: "{estate}楼下广场舞噪音",
			finding: "社区工作人员多次在晚间到现场了解情况，您反映的问题基本属实",
			action:  "社区已与广场舞队伍负责人沟通，约定活动时间不晚于21时，音量控制在规定范围内，并引导其使用无线耳机等静音设备，社区将持续跟踪",
		}},
	},
	{
		domain: "城建", tags: []string{"老旧小区改造"}, works: []work{housing, street}, weight: 5,
		stories: []story{{
			typ:     question,
			titles:  []string{"{old}能否纳入老旧小区改造计划？", "咨询{old}老旧小区改造时间"},
			body:    "我家住在{place}{old}，小区建于上世纪九十年代初，外墙瓷砖经常脱落，雨污管道一到雨天就堵，楼道灯也坏了很久。听说今年有一批老旧小区改造项目，想问一下我们小区是否在名单里，大概什么时候开工？",
			subject: "{old}老旧小区改造",
			finding: "{old}已列入{nextyear}年老旧小区综合改造提升计划，目前正在开展前期调查和方案设计",
			action:  "改造方案初稿完成后将在小区内公示，并通过居民议事会征求意见，预计{nextyear}年上半年开工，外墙修缮、雨污分流、楼道照明等均在改造范围内",
		}, {
			typ:     complaint,
			titles:  []string{"{old}改造工程拖拉，路面挖开迟迟不恢复"},
			body:    "{old}的改造工程{since}开工，可是道路挖开以后迟迟没有恢复，雨天满地泥泞，老人出门很不方便，晚上也没有照明和警示标志。希望督促施工单位加快进度、文明施工。",
			subject: "{old}改造工程进度",
			finding: "该项目因雨污管网改造需分段开挖，部分路段管道检测未通过需要返工，导致路面恢复滞后",
			action:  "已督促施工单位增加施工人员，在{n2}日内完成已开挖路段的管道返工和路面恢复，并在施工区域设置照明和警示标志，安排专人做好现场文明施工管理",
		}, {
			typ:     suggestion,
			titles:  []string{"建议{old}改造时增加停车位和充电桩"},
			body:    "听说{old}马上要开始改造，作为老住户提几点建议：一是利用小区边角空地增加停车位；二是每栋楼下设置电动自行车集中充电点，杜绝飞线充电；三是改造方案提前在小区公示，多听取居民意见。",
			subject: "{old}改造方案",
			finding: "您提出的建议针对性很强，与居民议事会收集到的意见基本一致",
			action:  "设计单位已将增设停车位和电动自行车集中充电设施纳入改造方案，方案将在小区公示栏和居民微信群公示{n2}天，欢迎您继续提出意见",
			tags:    []string{"安全生产"},
		}},
	},
	{
		domain: "城建", tags: []string{"加装电梯"}, works: []work{housing, street}, weight: 4,
		stories: []story{{
			typ:     question,
			titles:  []string{"咨询{old}加装电梯的条件和补助", "老小区加装电梯需要哪些手续？"},
			body:    "我们{old}{bldg}一共{hh}户，大部分是老年人，想申请加装电梯。请问加装电梯需要多少户业主同意？政府补助标准是多少？应该向哪个部门提交申请？",
			subject: "{old}加装电梯政策",
			finding: "既有住宅加装电梯属于业主共同决定的事项，应当由本单元专有部分面积占比三分之二以上且人数占比三分之二以上的业主参与表决，并经参与表决的业主中四分之三以上同意",
			action:  "符合条件的项目可申请政府补助，具体标准以当年发布的实施办法为准。建议您先与本单元业主协商形成一致意见，再到所在社区提交申请，社区将提供政策解读和代办服务",
		}, {
			typ:     complaint,
			titles:  []string{"{old}加装电梯因个别住户反对无法推进", "老母亲上下楼难，盼协调{old}加装电梯"},
			body:    "我家住在{old}{bldg}{floor}楼，母亲今年{age}岁，腿脚不便，上下楼非常困难。单元里大部分住户都同意加装电梯，但一楼住户担心采光和噪音一直不签字，事情拖了快一年。希望社区和街道能出面协调。",
			subject: "{old}{bldg}加装电梯协调",
			finding: "该单元因低层住户对采光和噪音有顾虑，意见尚未统一",
			action:  "社区已安排工作人员上门沟通，并请设计单位调整电梯井位置、选用低噪音设备，减少对低层住户的影响，近期将组织单元住户召开协商会，积极做好协调工作",
		}},
	},
	{
		domain: "城建", tags: []string{"物业管理"}, works: []work{housing, street}, weight: 5,
		stories: []story{{
			typ:     complaint,
			titles:  []string{"{estate}物业服务差，公共区域无人打扫", "{estate}物业不作为，业主意见很大"},
			body:    "{estate}的物业公司{since}服务质量明显下降：楼道垃圾几天没人清理，绿化带杂草丛生，地下车库的灯坏了一半也没人修。业主多次向物业反映，得到的答复都是“人手不够”。希望主管部门督促物业公司履行合同义务。",
			subject: "{estate}物业服务质量",
			finding: "该小区物业服务企业存在保洁人员配备不足、公共设施维修不及时等问题",
			action:  "已约谈物业服务企业负责人，责令其限期补充保洁人员、修复车库照明，并将整改情况纳入物业服务企业信用评价，社区将组织业主代表对整改情况进行监督",
		}, {
			typ:     complaint,
			titles:  []string{"{estate}物业擅自上涨物业费是否合规？"},
			body:    "{estate}物业公司在没有召开业主大会的情况下，张贴通知将物业费从每平方米{fee1}元上调到{fee2}元。请问物业费上涨需要经过什么程序？这样的做法是否合规？",
			subject: "{estate}物业费上涨",
			finding: "该小区物业服务收费实行市场调节价，调整收费标准应当依法由业主共同决定，物业公司单方张贴通知上调收费不符合规定",
			action:  "已责令物业公司撤回调价通知，按原标准收费。如确需调整，应当向全体业主公开物业服务收支情况，并依法提请业主共同决定",
		}, {
			typ:     complaint,
			titles:  []string{"{estate}电梯频繁困人，存在安全隐患"},
			body:    "{estate}{bldg}的电梯{since}已经困人{n}次，物业每次只是临时修一下，始终没有彻底解决，维保记录也不公示。住户每天坐电梯都提心吊胆，希望相关部门尽快检查。",
			subject: "{estate}{bldg}电梯故障",
			finding: "经特种设备检验人员现场检查，该电梯门机系统部件老化，维保单位未按规定进行维护保养",
			action:  "已责令维保单位立即更换老化部件并对电梯进行全面检测，检测合格前暂停使用，同时要求物业公司在电梯轿厢内公示维保记录",
			works:   []work{market, housing},
			tags:    []string{"安全生产"},
		}},
	},
	{
		domain: "城建", works: []work{housing}, weight: 3,
		stories: []story{{
			typ:     complaint,
			titles:  []string{"{estate}新房交付不到一年墙体渗水", "开发商拖延维修{estate}房屋渗漏"},
			body:    "我是{estate}的业主，收房入住不到一年，卧室和阳台墙面就大面积渗水、发霉。找开发商报修了{n}次，每次都说登记了会安排，到现在也没人来。房屋还在保修期内，希望主管部门督促开发商履行保修责任。",
			subject: "{estate}房屋渗漏维修",
			finding: "该项目房屋尚在保修期内，开发企业对业主报修响应不及时",
			action:  "已约谈开发企业，要求其在{n}个工作日内安排维修人员上门查勘，制定维修方案并完成维修，维修结果将由社区回访确认",
		}, {
			typ:     complaint,
			titles:  []string{"{estate}项目一再延期交房，业主担心烂尾"},
			body:    "我们购买的{estate}项目合同约定{due}交房，现在已经延期{n}个多月，工地上基本看不到施工人员。开发商对延期原因说法不一，业主们非常担心楼盘烂尾。恳请政府部门介入，督促项目尽快复工交付。",
			subject: "{estate}项目延期交付",
			finding: "该项目因开发企业资金周转困难导致施工进度滞后，项目预售资金目前处于监管状态",
			action:  "已成立工作专班，督促开发企业筹措资金、组织施工单位复工，每月向业主通报工程进度，并依法督促开发企业履行逾期交房的合同责任",
		}, {
			typ:     complaint,
			titles:  []string{"{estate}群租房隔断出租，安全隐患大"},
			body:    "{estate}{bldg}有一套房子被二房东隔成了七八个小间对外出租，住了十几个人，楼道里堆满杂物，电动车推进屋里充电，晚上吵闹到很晚。我们很担心消防安全，希望有关部门查处。",
			subject: "{estate}群租房",
			finding: "经社区、派出所和住建部门联合检查，该房屋存在擅自改变房屋结构分隔出租、人均居住面积不符合规定等问题",
			action:  "已责令出租人限期拆除隔断、恢复原状，清理室内电动自行车，并将该房屋纳入出租房屋重点管理，社区将定期复查",
			works:   []work{housing, police, street},
			tags:    []string{"安全生产"},
		}},
	},
	{
		domain: "交通", tags: []string{"停车难"}, works: []work{urban, police, street}, weight: 5,
		stories: []story{{
			typ:     suggestion,
			titles:  []string{"{road}沿线停车难，建议增设公共停车位", "建议利用{road}旁闲置地块建停车场"},
			body:    "{road}沿线商铺和老小区集中，停车位严重不足，每到晚上路边停满了车，经常出现乱停和剐蹭。附近有一块闲置空地长期围挡，建议利用起来建设临时公共停车场，缓解周边停车难。",
			subject: "{road}沿线停车难",
			finding: "该区域停车供需矛盾确实较为突出，您提到的地块为规划建设用地，近期暂无开工计划",
			action:  "经研究，拟利用该地块建设临时公共停车场，预计可提供泊位{spaces}个，同时在周边道路施划夜间限时停车泊位，具体建设进度将通过社区公告告知居民",
		}, {
			typ:     complaint,
			titles:  []string{"{estate}车位只售不租，业主停车难"},
			body:    "{estate}的地下车位开发商只卖不租，价格动辄二十多万，很多业主买不起，只能停在小区外的马路上，经常被贴罚单。请问开发商只售不租的做法是否合理？",
			subject: "{estate}车位只售不租",
			finding: "按照相关规定，规划用于停放汽车的车位应当首先满足业主的需要，开发企业不得以只售不租的方式拒绝业主租用",
			action:  "已约谈开发企业和物业公司，要求其对未出售的车位按照合理价格向业主出租，并在小区内公示出租价格和办理方式",
			works:   []work{housing},
		}},
	},
	{
		domain: "交通", tags: []string{"停车难"}, works: []work{police, urban}, weight: 5,
		stories: []story{{
			typ:     complaint,
			titles:  []string{"车辆长期占用{estate}消防通道", "{estate}门口僵尸车长期占道"},
			body:    "{estate}{bldg}旁边的消防通道上长期停着一辆车牌号为{plate}的小型汽车，已经{n}个多星期没动过，车身落满灰尘。消防通道被占，一旦发生火情后果不堪设想，希望尽快处理。",
			subject: "{estate}消防通道车辆占道",
			finding: "交警部门已到现场核查，该车辆长期停放在消防通道内，情况属实",
			action:  "已依法对该车辆进行处理并联系车主移走车辆，同时协调物业公司在消防通道施划禁停标线、设置警示标志，加强日常巡查",
			tags:    []string{"安全生产"},
		}, {
			typ:     complaint,
			titles:  []string{"{road}非机动车道被机动车占用"},
			body:    "{road}靠近{road2}的一段，非机动车道上每天都停满了机动车，电动车只能骑到机动车道上，早晚高峰非常危险。我{date}早上还拍到车牌号{plate}的车辆停在那里。希望交警加强管理。",
			subject: "{road}非机动车道违停",
			finding: "该路段周边商户较多，早晚高峰机动车占用非机动车道停车的现象较为突出",
			action:  "交警部门已在该路段增设违停抓拍设备，并在高峰时段安排警力巡查，对违法停车行为依法查处",
		}},
	},
	{
		domain: "城建", works: []work{urban, street}, weight: 5,
		stories: []story{{
			typ:     complaint,
			titles:  []string{"{road}路面坑洼多，雨天积水", "{road}人行道砖块松动，多次绊倒行人"},
			body:    "{road}靠近{estate}的一段路面坑坑洼洼，井盖也下沉了，下雨天积水很深，电动车经过很容易摔倒。人行道上的砖块松动，踩上去就溅一身泥水。希望相关部门尽快修复。",
			subject: "{road}路面及人行道破损",
			finding: "该路段因地下管线施工后回填沉降，造成路面和人行道局部破损",
			action:  "养护单位已于近日对破损路面进行修补，对下沉井盖进行了调整，人行道松动砖块已全部重新铺设",
		}, {
			typ:     complaint,
			titles:  []string{"{road}路灯不亮，夜间出行不安全"},
			body:    "{road}从{road2}路口往北几百米的路灯{since}一直不亮，晚上黑漆漆一片，附近的学生和下夜班的人经过都很害怕。打电话反映过，一直没人来修。",
			subject: "{road}路灯不亮",
			finding: "该路段路灯因地下电缆老化短路导致整段熄灭",
			action:  "养护单位已更换故障电缆，路灯已恢复正常照明，今后我们将加强夜间巡查，发现故障及时修复",
		}, {
			typ:     complaint,
			titles:  []string{"{road}夜市占道经营，垃圾遍地"},
			body:    "{road}靠近{estate}的路段每天晚上都有十几个流动摊贩占道摆摊，一直经营到凌晨，人行道被占满，行人只能走机动车道，收摊后垃圾和油污遍地。希望城管部门加强管理。",
			subject: "{road}占道经营",
			finding: "该路段夜间流动摊贩占道经营的现象确实存在，影响了周边居民出行和市容环境",
			action:  "已安排执法队员在夜间开展定点管控和巡查，引导摊贩进入附近规范设置的便民疏导点经营，并督促环卫部门加强收摊后的清扫保洁",
		}},
	},
	{
		domain: "城建", works: []work{housing}, weight: 3, private: 20,
		stories: []story{{
			typ:     question,
			titles:  []string{"新就业大学生如何申请保障性租赁住房？", "咨询公租房申请条件"},
			body:    "我是去年毕业的大学生，在{area}一家企业工作，目前在外租房，房租占了工资的一半。请问新就业大学生能否申请公租房或保障性租赁住房？需要满足哪些条件，在哪里申请？",
			subject: "保障性租赁住房申请",
			finding: "新就业大学生在本市无自有住房且符合相关条件的，可以申请保障性租赁住房",
			action:  "申请人可通过政务服务网或手机政务服务平台在线提交申请，需提供身份证明、劳动合同和社保缴纳记录等材料，审核通过后即可参加配租，房源信息请关注住房保障部门官方网站发布的公告",
		}},
	},
	{
		domain: "交通", works: []work{transport}, weight: 3,
		stories: []story{{
			typ:     suggestion,
			titles:  []string{"建议增开{estate}至地铁站的接驳公交", "{estate}周边公交班次太少"},
			body:    "{estate}入住率越来越高，但离最近的地铁站有两公里多，周边只有一条公交线路，高峰期要等二十多分钟才来一班。建议增开到地铁站的接驳公交，或者加密现有线路的高峰班次。",
			subject: "{estate}周边公交出行",
			finding: "公交企业已对该区域客流进行了调查，早晚高峰客流增长明显",
			action:  "公交企业将于近期加密现有线路高峰时段班次，并研究开通社区至地铁站的微循环公交，具体开通时间将另行公告",
		}, {
			typ:     complaint,
			titles:  []string{"{bus}路公交车经常不按时发车", "{bus}路公交车跳站不停"},
			body:    "我每天坐{bus}路公交车上下班，{since}这条线路经常半个多小时不来一辆车，来了又是两三辆连着来。有时候司机看站台人多，直接开过去不停靠。希望公交公司规范运营，按时刻表发车。",
			subject: "{bus}路公交运营",
			finding: "经调取车辆运行记录，该线路近期因部分车辆检修，存在发车间隔不均、个别车次未按规定进站停靠的情况",
			action:  "已责成公交企业补充运力、严格按时刻表发车，并对未按规定停靠的驾驶员进行批评教育和考核",
		}},
	},
	{
		domain: "交通", works: []work{police, transport}, weight: 3,
		stories: []story{{
			typ:     complaint,
			titles:  []string{"{road}与{road2}路口红绿灯配时不合理"},
			body:    "{road}与{road2}路口早高峰东西向绿灯只有二十多秒，车辆经常排出几百米，而南北向车很少，绿灯时间却很长，每天上班都要在这里堵二十分钟。希望交警部门根据实际车流调整信号灯配时。",
			subject: "{road}与{road2}路口信号灯配时",
			finding: "交警部门已对该路口早晚高峰车流量进行观测，现有配时方案确实未能适应车流变化",
			action:  "已优化该路口信号配时方案，延长早高峰东西向绿灯时长，并将根据运行效果持续调整",
		}, {
			typ:     suggestion,
			titles:  []string{"建议{school}门口增设人行横道信号灯"},
			body:    "{school}门口的{road}车流量大、车速快，学生上下学过马路只能靠家长和老师拦车，非常危险。建议在学校门口增设人行横道信号灯和减速带，上下学时段安排交警或志愿者护学。",
			subject: "{school}门口交通安全",
			finding: "该路段确属学生上下学集中通行区域，存在一定安全隐患",
			action:  "交警部门已会同教育部门实地踏勘，将在学校门口增设行人过街信号灯和减速设施，并在上下学时段安排警力护学",
			works:   []work{police, education},
		}},
	},
	{
		domain: "交通", works: []work{transport}, weight: 2, wider: true,
		stories: []story{{
			typ:     question,
			titles:  []string{"咨询{city}绕城高速拥堵路段改扩建计划"},
			body:    "每天上下班都要走{city}绕城高速，{area}出口一到高峰就排长队，有时候要堵一个多小时。请问这段高速有没有改扩建或者增设出口的计划？",
			subject: "绕城高速{area}出口拥堵",
			finding: "该路段改扩建工程已列入{nextyear}年交通重点项目计划，目前正在开展工程可行性研究",
			action:  "在改扩建工程实施前，我们将会同交警部门优化出口匝道交通组织，高峰时段加强疏导，尽量缓解拥堵",
		}, {
			typ:     complaint,
			titles:  []string{"{area}国道施工路段夜间缺少警示灯"},
			body:    "{area}境内有一段国道正在进行路面大修，但夜间施工区域几乎没有警示灯和反光锥，{date}晚上我差点撞上施工围挡。请督促施工单位完善安全设施。",
			subject: "{area}国道施工路段夜间安全警示",
			finding: "该路段为国道路面大修工程，部分施工区域夜间警示设施设置不到位",
			action:  "已责令施工单位按规范增设夜间警示灯、反光锥和导向标志，并安排专人夜间值守，我们将加强施工路段安全检查",
			tags:    []string{"安全生产"},
		}},
	},
	{
		domain: "教育", tags: []string{"学位"}, works: []work{education}, weight: 6,
		stories: []story{{
			typ:     question,
			titles:  []string{"咨询{estate}对口学区和入学政策", "{estate}新建小区学位如何安排？"},
			body:    "我们是{estate}的业主，小区去年交付，孩子明年上小学。请问{estate}对口的是哪所小学？没有本地户籍、只有房产证和居住证的，能否正常入学？",
			subject: "{estate}学区划分及入学政策",
			finding: "义务教育阶段学校招生实行划片招生、免试就近入学，每年的学区划分方案经公示后统一公布",
			action:  "{estate}目前划入{school}学区，具体范围以当年公布的方案为准。非本地户籍适龄儿童可凭居住证、房产证等材料按政策申请入学，具体要求请关注每年四月前后发布的招生公告",
		}, {
			typ:     complaint,
			titles:  []string{"{school}学位紧张，孩子被统筹到较远学校"},
			body:    "我们一家在{place}买房落户已经三年，今年孩子报名{school}，却被告知学位不足，要统筹到离家{n}公里外的学校，每天接送非常不便。周边新小区越来越多，学校却一直没有扩建，希望教育部门重视学位供给。",
			subject: "{school}学位紧张",
			finding: "近年来{school}所在学区新建住宅集中交付，入学人数增长较快，学位供给确实较为紧张",
			action:  "为缓解学位压力，{school}扩建工程已列入建设计划，预计{nextyear}年投用。对今年统筹安排的学生，教育部门将协调开通校车接送",
		}},
	},
	{
		domain: "教育", works: []work{education}, weight: 2,
		stories: []story{{
			typ:     suggestion,
			titles:  []string{"建议延长小学课后服务时间", "小学课后服务内容单一，建议丰富"},
			body:    "孩子在{school}读三年级，学校课后服务到下午五点结束，双职工家庭根本来不及接。建议课后服务延长到六点，并增加体育、阅读和科技类活动，不要只是写作业。",
			subject: "{school}课后服务",
			finding: "目前各校课后服务实行每周五天、每天至少两小时的安排，部分学校已试点开设延时托管",
			action:  "我们将指导{school}根据家长需求试点弹性离校，增设体育、阅读、科技等社团课程，并通过家长委员会征求意见",
		}, {
			typ:     complaint,
			titles:  []string{"{school}食堂饭菜质量差，餐费还涨了"},
			body:    "孩子在{school}上学，中午在学校食堂吃饭，最近经常回家说饭菜是冷的、分量少，有几次还吃到了异物，这学期餐费却涨了。希望教育和市场监管部门检查一下学校食堂。",
			subject: "{school}食堂饭菜质量",
			finding: "教育部门会同市场监管部门对{school}食堂进行了突击检查，发现存在饭菜保温措施不到位、个别批次食材验收不严等问题",
			action:  "已责令学校和供餐企业立即整改，落实食材进货查验和留样制度，增加保温设备，并邀请家长代表参与陪餐监督，餐费调整须经家长委员会讨论并公示",
			works:   []work{education, market},
		}},
	},
	{
		domain: "环保", works: []work{environment, market, urban}, weight: 5,
		stories: []story{{
			typ:     complaint,
			titles:  []string{"{estate}楼下餐饮店油烟直排扰民", "{road}{shop}油烟和噪音扰民"},
			body:    "{estate}楼下的{shop}油烟直接从后厨排到居民楼的窗户下，一到饭点满楼都是油烟味，夏天根本不敢开窗。晚上还在门口摆桌到深夜，噪音也很大。希望有关部门查处。",
			subject: "{estate}楼下{shop}油烟扰民",
			finding: "该{shop}未安装油烟净化设施，存在油烟直排和占道经营的问题",
			action:  "已责令其限期安装油烟净化设施并规范排放，对占道经营行为依法处理，后续将不定期复查",
		}, {
			typ:     complaint,
			titles:  []string{"{place}附近夜间有刺鼻气味"},
			body:    "{since}，{place}附近一到晚上就有一股刺鼻的化工气味，严重时嗓子发痒、头晕，周边好几个小区的居民都有反映。怀疑是附近工厂夜间偷排废气，希望环保部门夜间突击检查。",
			subject: "{place}夜间异味",
			finding: "执法人员开展夜间突击检查，发现附近一家企业废气处理设施运行不正常",
			action:  "已对该企业依法立案查处，责令其停产整改，整改完成前不得恢复生产，同时在周边设置空气质量监测点持续跟踪监测",
			works:   []work{environment},
		}},
	},
	{
		domain: "环保", works: []work{environment, urban, street}, weight: 2,
		stories: []story{{
			typ:     complaint,
			titles:  []string{"{estate}旁河道发黑发臭"},
			body:    "{estate}旁边的河道{since}水质越来越差，河水发黑，天一热就发出臭味，水面上还漂着垃圾。怀疑有污水直排进河里，希望有关部门查清污染源并治理。",
			subject: "{estate}旁河道水质",
			finding: "经排查，该河段上游有一处雨污混接排口，部分生活污水流入河道",
			action:  "已完成混接排口的封堵和改造，并对河道进行清淤保洁，河长将加强巡河，定期公示水质检测结果",
		}},
	},
	{
		domain: "城建", tags: []string{"防汛抗灾"}, works: []work{urban, street}, weight: 3, months: []int{5, 6, 7, 8, 9},
		stories: []story{{
			typ:     complaint,
			titles:  []string{"{road}一下雨就积水，希望彻底整治"},
			body:    "{road}靠近{estate}的一段地势低洼，{date}那场大雨后积水没过膝盖，好几辆车泡了水，小区地下车库也进了水。每年汛期都是这样，希望相关部门从根本上解决排水问题。",
			subject: "{road}雨后积水",
			finding: "该路段地势较低，现状排水管管径偏小，强降雨时排水能力不足",
			action:  "已将该路段排水管网提升改造列入计划，汛期内先行设置临时强排泵站，并安排人员在强降雨期间值守",
		}},
	},
	{
		domain: "金融", works: []work{market}, weight: 3,
		stories: []story{{
			typ:     complaint,
			titles:  []string{"{gym}突然关门，会员卡余额无法退还", "健身房停业跑路，预付费会员维权难"},
			body:    "我在{road}的{gym}办了年卡，还有{n}个多月没用完。{date}去的时候发现门店突然关门，老板电话打不通，群里一百多个会员都没法退费。希望有关部门帮忙追回损失，也加强预付卡监管。",
			subject: "{gym}预付卡退费",
			finding: "该健身门店因经营不善停业，经营者已被约谈",
			action:  "已督促经营者制定退费方案，对会员登记的剩余费用分期退还，对涉嫌违法的行为将移交相关部门依法处理。建议消费者保存好付款凭证，通过12315平台登记诉求",
		}, {
			typ:     complaint,
			titles:  []string{"培训机构以装修为由停课，拒不退费"},
			body:    "孩子在{road}的一家培训机构报了课，一次性交了{money}学费，没上几节课机构就以“装修”为由停课，之后再也没有开课，负责人推说在筹钱。家长们多次上门都没有结果，恳请相关部门介入。",
			subject: "培训机构停课退费",
			finding: "该培训机构因经营困难停课，已被纳入重点监管",
			action:  "已联合教育部门约谈机构负责人，督促其制定退费计划并向家长公示，对拒不履行的将依法处理",
			works:   []work{education, market},
			domain:  "教育",
		}},
	},
	{
		domain: "企业", works: []work{market}, weight: 2,
		stories: []story{{
			typ:     question,
			titles:  []string{"个体工商户网上办理营业执照咨询"},
			body:    "我想在{road}开一家小吃店，请问个体工商户营业执照能否全程网上办理？需要准备哪些材料？食品经营许可证能否同时申请？",
			subject: "个体工商户登记及食品经营许可",
			finding: "个体工商户设立登记已实现全程网上办理",
			action:  "您可通过政务服务网的开办专区同时申请营业执照和食品经营许可，需准备身份证、经营场所证明等材料，材料齐全的一般在{n}个工作日内办结",
		}},
	},
	{
		domain: "就业", tags: []string{"劳资纠纷"}, works: []work{labor}, weight: 8, private: 30,
		stories: []story{{
			typ:     complaint,
			titles:  []string{"{builder}拖欠{workers}名工人工资", "农民工工资被拖欠，讨薪无门"},
			body:    "我们{workers}个人在{place}的一处工地干活，是{builder}招来的，从{since2}到现在一直没发工资，一共拖欠{money}。包工头说开发商没给钱，开发商又说钱已经付给施工单位了，互相推诿。家里等着用钱，恳请领导帮帮我们。我的电话：{phone}。",
			subject: "{builder}拖欠工资",
			finding: "经劳动保障监察机构调查，该项目施工单位确实存在拖欠农民工工资的情况",
			action:  "已责令施工单位限期支付所欠工资，目前已动用农民工工资保证金先行垫付部分款项，剩余工资将督促在{n}个工作日内结清",
		}, {
			typ:     complaint,
			titles:  []string{"公司解散不支付经济补偿金"},
			body:    "我在{company}工作了{years}年，{date}公司突然通知解散，只发了当月工资，经济补偿金一分没给，还让大家签自愿离职协议。请问这种情况员工该如何维权？",
			subject: "{company}解除劳动合同经济补偿",
			finding: "用人单位因解散终止劳动合同的，应当依法向劳动者支付经济补偿",
			action:  "劳动保障监察机构已约谈该公司，要求其依法支付经济补偿。建议您不要签署自愿离职协议，如协商不成，可向劳动人事争议仲裁委员会申请仲裁，仲裁不收费",
		}},
	},
	{
		domain: "就业", works: []work{labor}, weight: 3, private: 20,
		stories: []story{{
			typ:     question,
			titles:  []string{"灵活就业人员如何缴纳社保？"},
			body:    "我今年从公司辞职，现在做自由职业，想以灵活就业人员身份继续缴纳养老保险。请问户籍不在本地能否参保？在哪里办理，缴费基数怎么选？",
			subject: "灵活就业人员参保",
			finding: "灵活就业人员在就业地参加企业职工基本养老保险的户籍限制已经取消",
			action:  "您可通过政务服务网或社保经办机构办理参保登记，缴费基数可在规定的上下限之间自行选择，按月或按季缴纳。医疗保险参保事宜请咨询医保经办机构",
		}, {
			typ:     complaint,
			titles:  []string{"养老保险跨省转移办理进度慢"},
			body:    "我前几年从外省回来工作，{since}在网上申请了养老保险关系跨省转移，到现在还显示“待转出地确认”，打了几次电话都说在处理。请问转移一般要多久？能否帮忙催办？",
			subject: "养老保险关系跨省转移",
			finding: "经查询，您的转移申请因转出地需补充核对部分年份的缴费记录，尚未办结",
			action:  "我们已与转出地社保经办机构联系，对方承诺在{n2}个工作日内完成核对，转入后我们将短信通知您",
		}, {
			typ:     complaint,
			titles:  []string{"工伤认定申请迟迟没有结果"},
			body:    "我{since2}在{builder}的工地上摔伤了腿，住院两个月，公司一直不给报工伤。我自己向社保部门提交了工伤认定申请，过去两个多月了还没有结果。请问工伤认定的期限是多久？",
			subject: "工伤认定申请",
			finding: "经查，您的工伤认定申请已受理并进入调查核实阶段，因用人单位对事故经过有异议，需要补充调查",
			action:  "根据规定，社会保险行政部门应当自受理工伤认定申请之日起60日内作出决定，我们将在法定期限内作出认定结论并书面送达，期间如需补充材料将及时联系您",
		}},
	},
	{
		domain: "医疗", works: []work{health}, weight: 3, private: 10,
		stories: []story{{
			typ:     question,
			titles:  []string{"异地就医直接结算如何备案？"},
			body:    "父母退休后来{city}帮我带孩子，医保在老家。请问他们在这里看病能否直接刷医保？异地就医备案怎么办理，门诊费用能不能报销？",
			subject: "异地就医备案和结算",
			finding: "目前跨省异地就医直接结算已覆盖住院和普通门诊费用",
			action:  "您的父母可通过国家医保服务平台或参保地医保部门办理异地长期居住备案，备案后在本地定点医疗机构就医可直接结算，报销比例按参保地政策执行",
		}, {
			typ:     complaint,
			titles:  []string{"{clinic}看病排队时间太长"},
			body:    "{clinic}是附近居民看病最方便的地方，但每天上午挂号要排一个多小时，坐诊医生只有两三个，很多老人拿慢性病药也要排很久。建议增加医生数量，开通慢病长处方和线上复诊。",
			subject: "{clinic}就诊排队",
			finding: "该中心服务人口增长较快，现有医务人员配置确实紧张",
			action:  "已安排上级医院全科医生定期到中心坐诊，开通慢性病长处方服务，并推行预约分时段就诊，减少居民排队时间",
		}},
	},
	{
		domain: "治安", works: []work{police}, weight: 4, private: 35,
		stories: []story{{
			typ:     complaint,
			titles:  []string{"{estate}电动自行车接连被盗"},
			body:    "{since}，{estate}已经有{n}辆电动自行车被盗，我的车{date}晚上停在楼下也被偷了。小区监控很多是坏的，报警后一直没有消息。希望警方加大打击力度，也督促物业修好监控。",
			subject: "{estate}电动自行车被盗",
			finding: "辖区派出所已对相关警情立案侦查，并调取周边监控开展工作",
			action:  "派出所已加强该小区及周边夜间巡逻，督促物业公司修复损坏的监控设备，同时提醒居民将车辆停放在有监控的集中停放点",
		}, {
			typ:     complaint,
			titles:  []string{"接到冒充客服的诈骗电话被骗，盼追回损失"},
			body:    "{date}我接到一个自称购物平台客服的电话，说我的账户有问题需要转账“解冻”，我一时糊涂转了{money}。已经到派出所报了案，想问一下案件有没有进展，钱能不能追回来？我的电话是{phone}。",
			subject: "电信网络诈骗案件进展",
			finding: "您报案的案件已由公安机关立案侦查",
			action:  "办案民警将及时向您通报侦查进展，被骗资金如能追回将依法返还。请您提高警惕，如再接到类似电话可拨打96110反诈专线咨询",
		}},
	},
	{
		domain: "政务", works: []work{housing}, weight: 2,
		stories: []story{{
			typ:     complaint,
			titles:  []string{"办理不动产登记跑了三趟还没办成"},
			body:    "我{date}到政务服务中心办理不动产登记，第一次说少材料，第二次说系统故障，第三次又让我去另一个窗口。同一件事跑了三趟还没办成，希望能一次性告知所需材料，提高办事效率。",
			subject: "不动产登记办理",
			finding: "经调查，该窗口工作人员未严格落实一次性告知制度",
			action:  "已对相关工作人员进行批评教育，并安排专人为您预约办理，同时在窗口和网上公布不动产登记所需材料清单",
		}, {
			typ:     suggestion,
			titles:  []string{"建议居住证申领全程网上办理"},
			body:    "现在办居住证还要到派出所窗口提交材料和拍照，上班族只能请假去办。建议在手机政务服务平台上开放全程网上办理，照片可以使用平台认证过的数字照片。",
			subject: "居住证申领",
			finding: "居住证申领网上受理已在部分地区试点",
			action:  "我们将推动居住证申领网上办、掌上办，申请人上传材料后可选择邮寄送达，相关功能上线后将另行公告",
			works:   []work{police},
		}},
	},
	{
		domain: "三农", works: []work{street}, weight: 1,
		stories: []story{{
			typ:     question,
			titles:  []string{"{village}土地征收补偿标准咨询"},
			body:    "我是{street}{village}的村民，村里的承包地要被征收用于道路建设。请问征地补偿标准是多少？青苗补偿和社保安置怎么计算？补偿方案是否会公示？",
			subject: "{village}土地征收补偿",
			finding: "该项目征收土地的补偿标准按照省政府公布的区片综合地价执行",
			action:  "征地补偿安置方案将在{village}村务公开栏公示不少于三十日，公示期间村民可以提出意见，青苗补偿和社会保障费用将按规定足额列支",
		}},
	},
	{
		domain: "城建", works: []work{street, urban}, weight: 3,
		stories: []story{{
			typ:     thanks,
			titles:  []string{"感谢{street}帮我们修好了路灯", "为{street}工作人员点赞"},
			body:    "之前反映{estate}门口路灯不亮的问题，{street}的工作人员第二天就来现场查看，一周内全部修好，还顺便清理了路边的垃圾。真心感谢他们的负责和高效！",
			finding: "为群众办实事是我们应尽的职责",
			action:  "我们将继续关注辖区公共设施运行情况，发现问题及时处理",
		}, {
			typ:     thanks,
			titles:  []string{"感谢民警帮我找回丢失的钱包"},
			body:    "{date}我在{road}附近丢了钱包，里面有身份证和银行卡，到派出所求助后，民警调取监控，当天晚上就帮我找了回来。特此留言感谢！",
			finding: "您的肯定是对我们最大的鼓励",
			action:  "我们将继续践行人民公安为人民的宗旨，守护群众平安",
			works:   []work{police},
			domain:  "治安",
		}, {
			typ:     thanks,
			titles:  []string{"感谢{clinic}家庭医生的耐心服务"},
			body:    "父亲今年{age}岁，行动不便，{clinic}的家庭医生每月上门为他测血压、调整用药，态度特别耐心。在这里向家庭医生团队表示衷心的感谢！",
			finding: "家庭医生签约服务是我们的一项重点工作",
			action:  "我们将把您的感谢转达给家庭医生团队，继续为辖区居民提供优质便捷的健康服务",
			works:   []work{health, street},
			domain:  "医疗",
		}},
	},
	{
		domain: "体育", works: []work{education}, weight: 1,
		stories: []story{{
			typ:     suggestion,
			titles:  []string{"建议学校体育场地节假日向居民开放"},
			body:    "{place}周边缺少运动场地，晚上想跑步只能在马路边。{school}有标准的操场，周末和假期都锁着门。建议在保障学生安全的前提下，错时向周边居民开放。",
			subject: "学校体育场地开放",
			finding: "推进学校体育场地向社会开放是我们的一项重点工作",
			action:  "我们将指导{school}完善安全管理措施，于节假日和寒暑假分时段向周边居民预约开放",
		}},
	},
	{
		domain: "旅游", works: []work{market, urban}, weight: 1,
		stories: []story{{
			typ:     complaint,
			titles:  []string{"景区周边停车场乱收费"},
			body:    "{date}带家人到{place}附近的景区游玩，景区旁边的停车场没有公示收费标准，离开时被收了{fee}元，问收费依据对方也说不清楚。希望相关部门规范景区周边停车收费。",
			subject: "景区周边停车收费",
			finding: "经查，该停车场未按规定明码标价",
			action:  "已责令其在入口显著位置公示收费标准，对多收取的费用予以退还，并依法立案查处",
		}},
	},
	{
		domain: "文娱", works: []work{street}, weight: 1,
		stories: []story{{
			typ:     suggestion,
			titles:  []string{"建议延长社区文化家园开放时间"},
			body:    "{street}的社区文化家园环境很好，有图书室和活动室，但只在工作日白天开放，上班族根本用不上。建议周末和工作日晚上也开放，可以招募志愿者值守。",
			subject: "社区文化家园开放时间",
			finding: "我们已在部分社区开展延时开放试点",
			action:  "{street}将调整社区文化家园开放时间，在工作日晚间和周末开放图书室和活动室，并招募志愿者参与值守管理",
		}},
	},
}

// Openings and closings frame a story's body, as citizens write.
var (
	openings = []string{"", "", "尊敬的领导：您好！", "领导您好，", "您好！我是{place}的居民，", "领导好！", "我是住在{area}的一名市民。"}
	closings = []string{"", "恳请领导百忙之中关注，谢谢！", "希望相关部门尽快核实处理，谢谢！", "盼复！", "麻烦领导帮忙协调，万分感谢！", "我的联系电话：{phone}，盼回复。"}
)

// Reply parts. A reply names its unit ({self} in the text, the full name
// under it) and keeps to the polite official form of real answers.
var (
	greetings     = []string{"您好！", "网友您好！", "尊敬的网友：您好！"}
	replyEndings  = []string{"感谢您对我们工作的关心和支持！", "如有疑问，可拨打12345政务服务便民热线咨询。感谢您对我们工作的关心和支持！", "感谢您的监督，欢迎继续对我们的工作提出意见和建议。"}
	interimBodies = []string{
		"您好！您反映的关于{subject}的问题，{self}已收悉并高度重视，目前正会同相关部门调查核实，待有明确结果后将及时答复您。感谢您的理解与耐心等待。",
		"您好！{self}已收到您的留言，经初步了解，{subject}问题涉及多个部门，我们正在协调处理，办理进展将及时告知。",
	}
	followupActions = []string{
		"已约谈相关负责人，要求在10个工作日内整改到位，我们将跟踪落实情况",
		"工作人员已于近日再次到现场查看，并与您电话沟通了处理进展，后续将定期回访",
		"已将您追问的情况纳入重点督办事项，明确专人负责，办结后第一时间告知您",
	}
	followupBodies = []string{
		"感谢回复，但问题到现在还没有解决，情况和之前一样，希望再跟进一下。",
		"回复里说的整改并没有落实，希望有关部门能再到现场看一看。",
		"请问具体什么时候能解决？能否给一个明确的时间表？",
	}
	rejectReasons = []string{
		"您的留言与此前提交的留言内容重复，请在原留言下关注办理进展。",
		"留言未写明具体地点和诉求，无法交办，请补充后重新提交。",
		"留言反映的事项已进入司法程序，请依法通过诉讼途径解决。",
	}
	returnReasons  = []string{"经核实，该留言反映的问题不属于{self}职责范围，请重新交办。", "该事项由其他部门主管，{self}无法办理，特此退回。"}
	transferNotes  = []string{"该问题属于{to}职责范围，现转交其办理。", "经核实，该事项由{to}负责，已转办。"}
	extendNotes    = []string{"该问题涉及多个部门，需进一步调查协调，申请延期{days}个工作日。", "需等待现场检测结果，申请延期{days}个工作日。"}
	urgeNotes      = []string{"该留言已超过办理时限，请抓紧办理，尽快答复留言人。", "请加快办理进度，按时答复群众。"}
	superviseNotes = []string{"该留言超期未办结，现予督办，请于3个工作日内办结并报送办理情况。"}
	goodComments   = []string{"", "", "问题已经解决，谢谢！", "回复及时，工作人员态度很好。", "点赞，办事效率很高。", "虽然还没有完全解决，但看到了进展，谢谢。"}
	fairComments   = []string{"", "基本满意，希望后续跟进。", "回复还算清楚，就是速度慢了点。"}
	poorComments   = []string{"回复都是套话，问题没有解决。", "拖了这么久才回复，很不满意。", "没有到现场查看就回复了，希望认真对待。"}
	approveNote    = "同意延期，请在延长期限内办结。"
	assignNotes    = []string{"", "", "请按期办理并答复留言人。", "请核实处理，按时回复。"}
)

// Words that places and people are made of. Every name is composed here,
// so none stands for a real estate, company or person.
var (
	estateHeads   = []string{"锦绣", "翠湖", "阳光", "和园", "香樟", "云栖", "枫林", "嘉和", "悦澜", "春晓", "星河", "桂语", "澜庭", "映月", "清风", "溪岸", "明月", "景和"}
	estateTails   = []string{"花园", "家园", "雅苑", "公寓", "佳苑", "名邸", "华庭", "里"}
	oldHeads      = []string{"红星", "工农", "东园", "朝阳", "和平", "建设", "跃进", "向阳", "胜利", "光明", "机械厂", "纺织厂", "农机厂"}
	firmHeads     = []string{"恒盛", "鼎诚", "华越", "宏达", "锦程", "瑞丰", "博远", "天衡", "广源", "信和"}
	firmTrades    = []string{"电子科技", "服饰", "餐饮管理", "物流", "机械制造"}
	builderTrades = []string{"建设工程", "建筑劳务", "装饰工程", "市政工程"}
	gymHeads      = []string{"力美", "动感", "悦动", "型格", "飞跃"}
	shops         = []string{"烧烤店", "小龙虾店", "火锅店", "大排档", "炸鸡店"}
	villages      = []string{"新联村", "长丰村", "五星村", "前进村", "友谊村", "红旗村", "民主村", "联合村"}
	schoolTails   = []string{"第一小学", "第二小学", "实验小学", "中心小学"}
	surnames      = []string{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "邓", "曹", "彭", "曾", "肖", "蒋", "蔡", "袁"}
	givenChars    = []string{"建", "国", "华", "明", "丽", "芳", "军", "伟", "静", "敏", "强", "磊", "洋", "艳", "勇", "杰", "娟", "涛", "超", "霞", "平", "刚", "英", "文", "辉", "晨", "宇", "欣", "怡", "浩", "然", "涵", "轩", "佳", "雨", "思", "博", "慧", "琳", "志"}
	phoneHeads    = []string{"138", "139", "158", "159", "188", "136", "137", "150", "151", "186", "135", "177", "199"}
	plateLetters  = "ABCDEFGHJKLMNPQRSTUVWXYZ"
)

// slots are the values of one message's {placeholders}.
type slots map[string]string

// fill replaces every {key} of tpl by its value; an unknown key is left as
// it is, which the tests catch.
func (s slots) fill(tpl string) string {
	if !strings.Contains(tpl, "{") {
		return tpl
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(tpl, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(tpl[i:], '}')
		if j < 0 {
			break
		}
		v, ok := s[tpl[i+1:i+j]]
		if !ok {
			b.WriteString(tpl[:i+j+1])
		} else {
			b.WriteString(tpl[:i])
			b.WriteString(v)
		}
		tpl = tpl[i+j+1:]
	}
	b.WriteString(tpl)
	return b.String()
}
