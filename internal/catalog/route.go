package catalog

func init() { add(routeZH) }

// routeZH explains routing suggestions to the board office.
var routeZH = map[string]string{
	"route.place":  "留言提到「%s」",
	"route.region": "留言提到所在地「%s」",
	"route.domain": "「%s」类问题，由%s部门主管",
	"route.office": "本级留言办理办公室，可再行分办",
}
