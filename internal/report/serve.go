package report

import (
	"bytes"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"liuyan/internal/catalog"
	"liuyan/internal/stats"
)

// Country is the region segment of a report URL for the whole country.
const Country = "000000"

// Handler serves the reports and the statistics pages.
type Handler struct {
	Stats *stats.Service
	Log   *slog.Logger
}

// Register adds the pages:
//
//	GET /stats?region=&period=           statistics with charts, and links to the report files
//	GET /reports/{region}/{period}       the half-year report (region 000000 for the country);
//	                                     ?format=xlsx or csv for the workbook or the zip of tables
//	GET /reports/assets/{name}           the vendored ECharts, under a checksum name
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /stats", h.statsPage)
	mux.HandleFunc("GET /reports/{region}/{period}", h.reportPage)
	mux.HandleFunc("GET /reports/assets/{name}", h.asset)
}

// Format is a report's file format.
type Format string

// The formats.
const (
	HTML Format = "html"
	XLSX Format = "xlsx"
	CSV  Format = "csv"
)

// ErrBadFormat is returned for an unknown format.
var ErrBadFormat = errors.New("report: unknown format")

// Write writes the report in a format.
func (r *Report) Write(w *bytes.Buffer, f Format) error {
	switch f {
	case HTML:
		return r.WriteHTML(w)
	case XLSX:
		return r.WriteXLSX(w)
	case CSV:
		return r.WriteCSV(w)
	}
	return ErrBadFormat
}

// contentTypes and extensions of the formats.
var contentTypes = map[Format]string{
	HTML: "text/html; charset=utf-8",
	XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	CSV:  "application/zip",
}

// FileName is the report's file name: liuyan-330000-2020H1.xlsx.
func (r *Report) FileName(f Format) string {
	code := r.Region
	if code == "" {
		code = Country
	}
	ext := string(f)
	if f == CSV {
		ext = "zip"
	}
	return "liuyan-" + code + "-" + r.Period.Name + "." + ext
}

func (h *Handler) reportPage(w http.ResponseWriter, r *http.Request) {
	code := r.PathValue("region")
	if code == Country {
		code = ""
	}
	p, err := stats.PeriodNamed(r.PathValue("period"))
	if err != nil {
		h.fail(w, err)
		return
	}
	format := Format(r.URL.Query().Get("format"))
	if format == "" {
		format = HTML
	}
	if _, ok := contentTypes[format]; !ok {
		h.fail(w, ErrBadFormat)
		return
	}
	rep, err := Build(r.Context(), h.Stats, code, p)
	if err != nil {
		h.fail(w, err)
		return
	}
	var buf bytes.Buffer
	if format == HTML {
		err = rep.writeHTML(&buf, htmlOptions{downloads: downloads(rep)})
	} else {
		err = rep.Write(&buf, format)
		w.Header().Set("Content-Disposition", `attachment; filename="`+rep.FileName(format)+`"`)
	}
	if err != nil {
		h.fail(w, err)
		return
	}
	w.Header().Set("Content-Type", contentTypes[format])
	_, _ = w.Write(buf.Bytes())
}

// statsPage shows a region's figures and charts for a period chosen in a
// form, with links to the report files.
func (h *Handler) statsPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p, err := stats.PeriodFromQuery(q, h.Stats.Clock())
	if err != nil {
		h.fail(w, err)
		return
	}
	code := strings.TrimSpace(q.Get("region"))
	rep, err := Build(r.Context(), h.Stats, code, p)
	if err != nil {
		h.fail(w, err)
		return
	}
	var buf bytes.Buffer
	err = rep.writeHTML(&buf, htmlOptions{form: &form{Action: "/stats", Region: code, Period: p.Name}, downloads: downloads(rep)})
	if err != nil {
		h.fail(w, err)
		return
	}
	w.Header().Set("Content-Type", contentTypes[HTML])
	_, _ = w.Write(buf.Bytes())
}

func downloads(rep *Report) []link {
	code := rep.Region
	if code == "" {
		code = Country
	}
	base := "/reports/" + code + "/" + rep.Period.Name
	return []link{
		{catalog.T("report.word.html"), base},
		{catalog.T("report.word.xlsx"), base + "?format=xlsx"},
		{catalog.T("report.word.csv"), base + "?format=csv"},
	}
}

func (h *Handler) asset(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("name") != scriptName() {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	_, _ = w.Write([]byte(script()))
}

// fail answers a bad request with its Chinese sentence, and hides the rest.
func (h *Handler) fail(w http.ResponseWriter, err error) {
	status, key := http.StatusInternalServerError, "error.internal"
	switch {
	case errors.Is(err, stats.ErrBadPeriod):
		status, key = http.StatusBadRequest, "error.bad_period"
	case errors.Is(err, stats.ErrUnknownRegion):
		status, key = http.StatusNotFound, "error.unknown_region"
	case errors.Is(err, ErrBadFormat):
		status, key = http.StatusBadRequest, "error.bad_format"
	default:
		if h.Log != nil {
			h.Log.Error("report failed", slog.Any("err", err))
		}
	}
	http.Error(w, catalog.T(key), status)
}
