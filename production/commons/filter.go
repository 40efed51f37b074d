package commons

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Filter selects versions in Search. Zero fields do not filter.
type Filter struct {
	Query       string          // words that must all appear in the name, description or author (case-insensitive)
	MinArea     int             // floor area, sq ft
	MaxArea     int             // floor area, sq ft
	MinBedrooms int             // estimated bedrooms
	MinCost     decimal.Decimal // total cost, dollars
	MaxCost     decimal.Decimal
	MaxPerSqFt  decimal.Decimal // cost per sq ft, dollars
	Licence     string          // SPDX id
	Status      string          // build-ready or draft
	Author      string          // profile
	Limit       int             // at most this many (default and cap MaxResults)
}

// MaxResults caps one search's results.
const MaxResults = 200

// FilterKeys are the query parameters (and `prodos commons search` flags)
// of a filter, in the order they are documented.
var FilterKeys = []string{"q", "min_area", "max_area", "min_bedrooms", "min_cost", "max_cost", "max_cost_per_sq_ft", "license", "status", "author", "limit"}

// ParseFilter reads a filter from query parameters (FilterKeys). A value
// that does not parse is an error naming the key and the value.
func ParseFilter(q url.Values) (Filter, error) {
	var f Filter
	for key := range q {
		if !known(key) {
			return f, fmt.Errorf("unknown filter %q (filters: %s)", key, strings.Join(FilterKeys, ", "))
		}
	}
	ints := map[string]*int{"min_area": &f.MinArea, "max_area": &f.MaxArea, "min_bedrooms": &f.MinBedrooms, "limit": &f.Limit}
	for k, p := range ints {
		if s := q.Get(k); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 {
				return f, fmt.Errorf("filter %s: %q is not a whole number of at least 0", k, s)
			}
			*p = n
		}
	}
	decs := map[string]*decimal.Decimal{"min_cost": &f.MinCost, "max_cost": &f.MaxCost, "max_cost_per_sq_ft": &f.MaxPerSqFt}
	for k, p := range decs {
		if s := q.Get(k); s != "" {
			d, err := decimal.NewFromString(s)
			if err != nil || d.IsNegative() {
				return f, fmt.Errorf("filter %s: %q is not an amount of dollars of at least 0", k, s)
			}
			*p = d
		}
	}
	f.Query, f.Licence, f.Status, f.Author = q.Get("q"), q.Get("license"), q.Get("status"), q.Get("author")
	if f.Status != "" && f.Status != StatusBuildReady && f.Status != StatusDraft {
		return f, fmt.Errorf("filter status: %q is not %s or %s", f.Status, StatusBuildReady, StatusDraft)
	}
	if f.Limit == 0 || f.Limit > MaxResults {
		f.Limit = MaxResults
	}
	return f, nil
}

func known(key string) bool {
	for _, k := range FilterKeys {
		if k == key {
			return true
		}
	}
	return false
}

// Values writes the filter back as query parameters (the zero fields left out).
func (f Filter) Values() url.Values {
	q := url.Values{}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	num := func(k string, n int) {
		if n != 0 {
			q.Set(k, strconv.Itoa(n))
		}
	}
	dec := func(k string, d decimal.Decimal) {
		if !d.IsZero() {
			q.Set(k, d.String())
		}
	}
	set("q", f.Query)
	num("min_area", f.MinArea)
	num("max_area", f.MaxArea)
	num("min_bedrooms", f.MinBedrooms)
	dec("min_cost", f.MinCost)
	dec("max_cost", f.MaxCost)
	dec("max_cost_per_sq_ft", f.MaxPerSqFt)
	set("license", f.Licence)
	set("status", f.Status)
	set("author", f.Author)
	if f.Limit != 0 && f.Limit != MaxResults {
		num("limit", f.Limit)
	}
	return q
}

// Match reports whether a version passes the filter (what Search selects;
// a store may filter in its own query language but must agree with Match).
func (f Filter) Match(v Version) bool {
	switch {
	case f.MinArea > 0 && v.FloorArea < f.MinArea,
		f.MaxArea > 0 && v.FloorArea > f.MaxArea,
		f.MinBedrooms > 0 && v.Bedrooms < f.MinBedrooms,
		!f.MinCost.IsZero() && v.Cost.LessThan(f.MinCost),
		!f.MaxCost.IsZero() && v.Cost.GreaterThan(f.MaxCost),
		!f.MaxPerSqFt.IsZero() && (v.FloorArea == 0 || v.CostPerSqFt.GreaterThan(f.MaxPerSqFt)),
		f.Licence != "" && v.Licence != f.Licence,
		f.Status != "" && v.Status != f.Status,
		f.Author != "" && v.Author != f.Author:
		return false
	}
	text := strings.ToLower(v.Name + "\n" + v.Description + "\n" + v.Author)
	for _, w := range strings.Fields(strings.ToLower(f.Query)) {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}
