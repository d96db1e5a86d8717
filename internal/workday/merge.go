package workday

import "fmt"

// LoadedYear is a year's notice loaded by staff (stored in the database), as opposed to the
// notices embedded in the program.
type LoadedYear struct {
	Data YearData
	// Notice is the number of the State Council notice the dates come from, e.g.
	// "国办发明电〔2026〕7号" (kept for the record; it does not change the arithmetic).
	Notice string
	// Replace says that staff explicitly chose to replace a notice the base calendar already
	// has for this year (say, the embedded one after a corrigendum). Without it a loaded year
	// the base already knows is ignored, so a stray upload cannot silently change the
	// official data the program ships with.
	Replace bool
}

// Merge returns base with the loaded years added: a year base does not know is added; a year
// base knows is replaced only when its LoadedYear says Replace. Later entries of loaded win
// over earlier ones for the same year. The policy of base is kept. It returns the calendar and
// the years actually taken from loaded, in the order given. An invalid loaded year is an error
// (the store validates before saving, so this means damaged data).
func Merge(base *Calendar, loaded []LoadedYear) (*Calendar, []int, error) {
	c := base
	var used []int
	for _, ly := range loaded {
		if base.Known(ly.Data.Year) && !ly.Replace {
			continue
		}
		next, err := c.With(ly.Data)
		if err != nil {
			return base, nil, fmt.Errorf("workday: loaded notice for %d: %w", ly.Data.Year, err)
		}
		c = next
		used = append(used, ly.Data.Year)
	}
	return c, used, nil
}
