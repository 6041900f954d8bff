package report

// ScriptPath is where the vendored ECharts is served (by Handler), for the
// other pages that draw charts with it: one copy of the library, one URL.
func ScriptPath() string { return "/reports/assets/" + scriptName() }
