package board

import "time"

// Kind says whether a board is a leader's position or a department.
type Kind string

// Board kinds.
const (
	Leader     Kind = "leader"     // 一把手: 省委书记, 市长, 县委书记 …
	Department Kind = "department" // a department that joined (入驻) a region
)

// Title tells the two leader boards of a region apart.
type Title string

// Leader titles; departments have none.
const (
	Secretary Title = "secretary" // 书记
	Head      Title = "head"      // 省长, 市长, 县长 …
)

// Board is whom a message is addressed to.
type Board struct {
	ID         int64  `json:"id"`
	Name       string `json:"name"`
	RegionCode string `json:"region_code"`
	Kind       Kind   `json:"kind"`
	Title      Title  `json:"title,omitempty"`
	// OfficeUnitID is the unit that distributes the board's messages.
	OfficeUnitID int64 `json:"office_unit_id"`
	// JoinedAt is when the board joined (入驻) the platform.
	JoinedAt time.Time `json:"joined_at"`
	// SignoffRequired says final replies wait for the office's approval.
	SignoffRequired bool `json:"signoff_required"`
}

// UnitKind says what a unit is.
type UnitKind string

// Unit kinds.
const (
	OfficeUnit     UnitKind = "office"     // a board's own office (留言办)
	DepartmentUnit UnitKind = "department" // a government department
)

// Unit is an organisation that handles messages and signs replies (回复单位).
type Unit struct {
	ID         int64    `json:"id"`
	Name       string   `json:"name"`
	RegionCode string   `json:"region_code"`
	Kind       UnitKind `json:"kind"`
}
