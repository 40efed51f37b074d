package designs

import "fmt"

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

// presentModules gives every module without its own icon its category's,
// and reports a module whose category has no row in categories.toml (the
// palette would not show it).
func (c *Catalog) presentModules() ErrorList {
	var errs ErrorList
	for _, id := range c.moduleOrder {
		m := c.Modules[id]
		k, ok := c.Category(m.Category)
		if !ok {
			errs = append(errs, &Error{File: m.file, Msg: fmt.Sprintf("module %q: category %q has no row in %s", m.ID, m.Category, CategoryFile)})
			continue
		}
		if m.Icon == "" {
			m.Icon = k.Icon
		}
	}
	return errs
}
