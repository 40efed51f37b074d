package schedule

import (
	"bytes"
	"encoding/csv"
	"strconv"
)

// HousesCSVHeader is the header of schedule-houses.csv.
var HousesCSVHeader = []string{"house", "tasks", "person_hours", "start_hour", "end_hour"}

// HousesCSV writes one row per house of a design grouped into houses: its
// tasks (builds and installs), their person-hours, and the hours from the
// start of the build when its first task starts and its last ends. Nil for
// a design without houses.
func (s *Schedule) HousesCSV() []byte {
	houses := s.Houses()
	if len(houses) == 0 {
		return nil
	}
	type span struct {
		tasks      int
		work       int64
		start, end int64
	}
	spans := map[string]*span{}
	for i, t := range s.Tasks {
		sl := s.Slots[i]
		sp := spans[t.House]
		if sp == nil {
			sp = &span{start: sl.Start, end: sl.End}
			spans[t.House] = sp
		}
		sp.tasks++
		sp.work += t.Seconds
		sp.start, sp.end = min(sp.start, sl.Start), max(sp.end, sl.End)
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write(HousesCSVHeader)
	for _, h := range houses {
		sp := spans[h]
		_ = w.Write([]string{h, strconv.Itoa(sp.tasks), hours(sp.work), hours(sp.start), hours(sp.end)})
	}
	w.Flush()
	return b.Bytes()
}
