package designs

import (
	"fmt"

	"github.com/BurntSushi/toml"
)

// Category is one module category as the game presents it: its palette
// title and the icon a module of the category gets unless its module file
// names its own. Categories come from data/categories.toml, in palette
// order.
type Category struct {
	ID    string `toml:"id"`
	Title string `toml:"title"`
	Icon  string `toml:"icon"`
}

// CategoryFile is the file the categories are read from.
const CategoryFile = "categories.toml"

// Category returns the category with the given id, or false.
func (c *Catalog) Category(id string) (Category, bool) {
	for _, k := range c.CategoryList {
		if k.ID == id {
			return k, true
		}
	}
	return Category{}, false
}

// CategoryIDs returns the ids of the catalog's categories in palette order
// (the order of categories.toml). Module validation, module order and the
// engine's per-category tables use it, so a category added in data needs no
// Go change.
func (c *Catalog) CategoryIDs() []string {
	ids := make([]string, len(c.CategoryList))
	for i, k := range c.CategoryList {
		ids[i] = k.ID
	}
	return ids
}

// builtinCategoryIDs reads the category ids of the built-in
// data/categories.toml, in file order. The file is embedded, so an error is
// a build defect; it panics.
func builtinCategoryIDs() []string {
	b, err := dataFS.ReadFile("data/" + CategoryFile)
	if err != nil {
		panic(fmt.Sprintf("designs: built-in %s: %v", CategoryFile, err))
	}
	var f struct {
		Category []Category `toml:"category"`
	}
	if _, err := toml.Decode(string(b), &f); err != nil {
		panic(fmt.Sprintf("designs: built-in %s: %v", CategoryFile, err))
	}
	ids := make([]string, len(f.Category))
	for i, k := range f.Category {
		ids[i] = k.ID
	}
	return ids
}

// addCategories checks categories.toml's rows and adds the good ones in
// file order.
func (c *Catalog) addCategories(pos positions, cats []Category) ErrorList {
	var errs ErrorList
	seen := map[string]bool{}
	for i, k := range cats {
		e := func(key, f string, a ...any) {
			errs = append(errs, &Error{File: CategoryFile, Pos: pos.of(fmt.Sprintf("category[%d].%s", i, key)), Msg: fmt.Sprintf(f, a...)})
		}
		switch {
		case k.ID == "":
			e("id", "category has no id")
		case seen[k.ID]:
			e("id", "duplicate category id %q", k.ID)
		case k.Title == "":
			e("title", "category %q has no title", k.ID)
		case k.Icon == "":
			e("icon", "category %q has no icon", k.ID)
		default:
			seen[k.ID] = true
			c.CategoryList = append(c.CategoryList, k)
		}
	}
	return errs
}

// presentModules gives every module without its own icon its category's.
// Every module's category has a row: checkModule refuses any other.
func (c *Catalog) presentModules() {
	for _, id := range c.moduleOrder {
		m := c.Modules[id]
		if k, ok := c.Category(m.Category); ok && m.Icon == "" {
			m.Icon = k.Icon
		}
	}
}
