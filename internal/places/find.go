package places

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
)

// match is a run of tokens that names one or more places.
type match struct {
	start, end  int   // tokens [start, end)
	refs        []ref // the places it may name
	abroad      []ref // more, that count only as the "City" of "City, XX" (see Find's home)
	context     bool  // right after "in", "near", "en", "cerca de"...
	conditional bool  // counts only as the "XX" of "City, XX"
	needsQual   bool  // counts only as the "City" of "City, XX"
	qualified   bool  // a city followed by its region or country
	origin      bool  // where someone is from: counts only if nothing else does
	offered     bool  // where a job is offered: counts only if nothing else does, where someone is from included
	self        bool  // where the writer says they are: "I'm in", "estoy en" (see preferSelf)
	zip         Place // for a ZIP code match
}

// Find returns the place mentioned in text, if any: "shelter in Houston",
// "legal help NY", "ayuda cerca de Monterrey", "estoy en Los Ángeles".
//
// Of several mentions it prefers the most specific: a ZIP code over a
// city qualified by its region ("Portland, ME") over a city over a region
// over a country; then one after "in", "near", "en" or "cerca de"; then
// the longest; then the first. But where the writer says they are ("I'm
// in Manila", "estoy en San José") beats a place in another country,
// unless the text names someone close to them (see preferSelf). A city
// name shared by several cities means the one in a region or country the
// text also names, else the biggest.
//
// To keep ordinary words from becoming places, abbreviations count only
// in capitals ("CA", not "ca"), and abbreviations that are also words
// ("IN", "OR", "OK", "LA"), names that are everyday words ("Mobile",
// "Independence", "Male") and, in a message all in capitals, every
// abbreviation count only after "in", "near", "en" or "cerca de", or
// after a city and a comma ("Portland, ME"). ZIP codes count only after
// those words or "zip", "código postal", or a state abbreviation.
//
// home is the person's likely country, "" for none. People's names that
// are also places ("Victoria says…", "my friend Georgia") name a place in
// home without a cue, and a place abroad only after "in", "near"…: a
// friend's name must not send someone another country's hotlines. A UK
// county that shares its name with a town in home is the town.
//
// Words only one country uses ("£", "Home Office", "Centrelink", "G'day")
// say which country a name shared by several means: the person's, where
// Find takes home's namesake otherwise ("in kent" with "£" is Kent,
// England; "in Victoria" with "ute" is Victoria, Australia). A message in
// Spanish, where home does not speak it, is read without home: its
// namesakes are those where Spanish is spoken ("vivo en Valencia" is not
// Valencia, California), and the euro or words only Spain uses make them
// Spain's. Where home speaks Spanish, its own namesake is meant.
func (r *Resolver) Find(text, home string) (Place, bool) {
	rd := r.read(text, home)
	if rd.best == nil {
		return Place{}, false
	}
	p := rd.place(rd.best)
	p.Offered = rd.best.offered
	return p, true
}

// Countries returns the countries of the places text names where someone
// may be: Find's first, then the others in the order they are named,
// without the places someone is from or is offered a job in. "mi hermano
// trabaja en una granja en Carolina del Norte ... desde aquí en Oaxaca"
// names Mexico, then the US.
func (r *Resolver) Countries(text, home string) []string {
	rd := r.read(text, home)
	if rd.best == nil {
		return nil
	}
	out := []string{rd.place(rd.best).Country}
	for i := range rd.ms {
		m := &rd.ms[i]
		if m.origin || m.offered {
			continue
		}
		if c := rd.place(m).Country; c != "" && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// Abroad reports whether the words of text say the writer is not in home,
// though it names no place: a word only another country uses ("NHS",
// "Centrelink", "£"), or, where home is the US, words Americans spell or
// say otherwise ("mum", "neighbour", "a care home").
func (r *Resolver) Abroad(text, home string) bool {
	toks := tokenize(text)
	spanish := isSpanishText(toks)
	if c := cueCountry(text, toks, spanish); c != "" {
		return c != home
	}
	return home == "US" && !spanish && isCommonwealthText(toks)
}

// reading is what Find makes of a text: the names it matched, the best
// of them, and how to choose among a name's places (see pick).
type reading struct {
	g                *gazetteer
	toks             []token
	ms               []match
	best             *match
	meant            string
	home             string // the person's country, as read sees it ("" where it reads without one)
	notUS, inSpanish bool
}

// read matches every name in text and ranks them by Find's rules.
func (r *Resolver) read(text, home string) reading {
	g := r.gazetteer()
	toks := tokenize(text)
	if len(toks) == 0 {
		return reading{g: g}
	}
	spanish := isSpanishText(toks)
	meant := cueCountry(text, toks, spanish) // the country whose namesakes are meant, if any
	// A message in Spanish, where home does not speak it, is as likely
	// written from a Spanish-speaking country: a name shared by a town at
	// home and a city there ("vivo en Valencia", "en Santiago") means the
	// city there, and a given name there is no person's at home.
	// Where home speaks it, its namesake is meant, as if a word had said
	// so: "Santa Ana" from El Salvador is El Salvador's.
	inSpanish := spanish && meant == "" && home != "" && !speaksSpanish(home)
	// Words Americans do not write ("mum", "bloke", "centre", "neighbour")
	// put an English writer outside the US: a name shared with a US town
	// is the other one ("my mum's friend is a carer in kent").
	notUS := !spanish && meant == "" && home == "US" && isCommonwealthText(toks)
	switch {
	case meant != "":
		home = meant
	case inSpanish, notUS:
		home = ""
	case spanish && speaksSpanish(home):
		meant = home
	}
	shouting := isShouting(toks)
	ms := g.scan(toks, home, shouting)
	ms = dropContained(ms)
	ms = g.qualify(toks, ms, shouting)
	g.disambiguate(ms)
	ms = append(ms, r.findZIPs(g, toks)...)
	ms = append(ms, g.findRoads(toks)...)

	var best *match
	var bestRank int
	for i := range ms {
		m := &ms[i]
		rank := g.rank(m)
		if best == nil || best.offered && !m.offered || best.offered == m.offered && (best.origin && !m.origin ||
			best.origin == m.origin && (rank > bestRank ||
				rank == bestRank && (m.context && !best.context ||
					m.context == best.context && m.end-m.start > best.end-best.start))) {
			best, bestRank = m, rank
		}
	}
	rd := reading{g: g, toks: toks, ms: ms, best: best, meant: meant, home: home, notUS: notUS, inSpanish: inSpanish}
	rd.preferSelf()
	if !spanish {
		rd.preferCue()
	}
	return rd
}

// preferCue makes the country of a word only its people use the place,
// where the only places named are where someone came from or is offered
// a job: "Kia ora … the manning agency back in Jakarta" is written in
// New Zealand, "a £200 fee to fly me to Dubai" in the UK. Not in
// Spanish, whose cue is mostly the euro: the currency of the job
// offered as often as the writer's ("me piden 2000 euros por el visado
// … soy de Colombia").
func (rd *reading) preferCue() {
	if rd.best == nil || rd.meant == "" || !rd.best.origin && !rd.best.offered || rd.place(rd.best).Country == rd.meant {
		return
	}
	if i, ok := rd.g.codes[rd.meant]; ok {
		rd.best = &match{refs: []ref{{entry: i}}}
	}
}

// preferSelf makes the place the writer says they are in ("I'm in
// Manila", "estoy en San José") the best, where the best is in another
// country: "an agency in Dubai … i'm in cebu" is read in the Philippines.
// Within one country the more specific place stays ("we're in Texas …
// a motel in Hidalgo"), and so does where someone else is ("my sister
// works as a maid in Dubai … we're in Manila"): help is needed there.
func (rd *reading) preferSelf() {
	if rd.best == nil || rd.best.self || saidOfSomeoneElse(rd.toks, rd.best.start) {
		return
	}
	var self *match
	selfRank := 0
	for i := range rd.ms {
		m := &rd.ms[i]
		if !m.self {
			continue
		}
		if r := rd.g.rank(m); self == nil || r > selfRank {
			self, selfRank = m, r
		}
	}
	if self != nil && rd.place(self).Country != rd.place(rd.best).Country {
		rd.best = self
	}
}

// place is the place match m names.
func (rd *reading) place(m *match) Place {
	if m.zip.Kind != "" {
		return m.zip
	}
	return rd.g.entries[rd.g.pick(m.refs, rd.meant, rd.home, rd.notUS, rd.inSpanish)].place
}

// pick chooses among the places a name may be (see Find): those of the
// country meant, if any; outside the US for a writer who is (notUS);
// where Spanish is spoken for a Spanish writer (inSpanish), if a namesake
// there is bigger than the biggest elsewhere or a capital ("Valencia" is
// Spain's or Venezuela's, not California's, "San José" Costa Rica's;
// "Santa Ana" is still California's, bigger than El Salvador's); else a
// city at home of homeRivalPopulation ("outside Odessa" from Texas is not
// Ukraine's); else the likeliest.
func (g *gazetteer) pick(refs []ref, meant, home string, notUS, inSpanish bool) int32 {
	switch {
	case meant != "":
		if i := g.best(refs, func(e *entry) bool { return e.place.Country == meant }); i >= 0 {
			return i
		}
	case notUS:
		if i := g.best(refs, func(e *entry) bool { return e.place.Country != "US" }); i >= 0 {
			return i
		}
	case inSpanish:
		var here, elsewhere int32
		for _, r := range refs {
			if e := &g.entries[r.entry]; speaksSpanishIn(e) {
				here = max(here, e.pop)
			} else {
				elsewhere = max(elsewhere, e.pop)
			}
		}
		// Regions and countries weigh nothing here: of two, the one where
		// Spanish is spoken ("Guadalupe NL" is Nuevo León's).
		if i := g.best(refs, speaksSpanishIn); i >= 0 && (here > elsewhere || here == 0 && elsewhere == 0) {
			return i
		}
		// A capital where Spanish is spoken is what a Spanish writer
		// means by its name, though a bigger city elsewhere has it: "estoy
		// en San José" is Costa Rica's.
		if i := g.best(refs, func(e *entry) bool { return e.capital && speaksSpanishIn(e) }); i >= 0 {
			return i
		}
	}
	b := g.best(refs, nil)
	if e := &g.entries[b]; home != "" && e.place.Country != home && isCity(e) && e.pop >= majorCityPopulation {
		// A city of a million abroad takes a name from every town at
		// home, but not from a city of homeRivalPopulation.
		if i := g.best(refs, func(e *entry) bool {
			return e.place.Country == home && isCity(e) && e.pop >= homeRivalPopulation
		}); i >= 0 {
			return i
		}
	}
	return b
}

// homeRivalPopulation is the size from which a city at home is what a
// writer at home means by its name, though a city of a million abroad
// shares it: Odessa, Texas (119,000), not Odesa; Alexandria, Virginia.
const homeRivalPopulation = 100_000

// Answer returns the place a reply to "where?" names. It reads the text as
// if after "in", so that a name Find takes only with a cue counts
// ("Plano", "Madison", "Cork"), except an abbreviation alone that is also
// a word ("OK", "NO", "HI"): that is more likely the word.
func (r *Resolver) Answer(text, home string) (Place, bool) {
	if toks := tokenize(text); len(toks) == 1 && isAmbiguousAbbrev(toks[0].raw) {
		return Place{}, false
	}
	return r.Find("in "+text, home)
}

// scan finds every run of tokens that is a name, keeping the readings the
// rules in Find allow.
func (g *gazetteer) scan(toks []token, home string, shouting bool) []match {
	pending := offerPending(toks)
	migrant := tellsImmigrationStatus(toks)
	var ms []match
	var key []byte
	for i := range toks {
		key = key[:0]
		upper := true
		// "western Sydney", "regional Victoria": said of a place.
		area := i > 0 && isAreaWord(toks[i-1].key)
		ctx := hasContext(toks, i) || area
		outside := i > 0 && toks[i-1].key == "outside"
		at := i > 0 && toks[i-1].key == "at"
		// An everyday word after an article is the word: "in the bath",
		// "cerca de la frontera". Places people name with an article
		// have it in their name ("la paz", "the bronx").
		ctxWord := ctx && !(i > 0 && isArticle(toks[i-1].key))
		// Where someone is going or being taken is not where they are.
		// A city or a region there is often in their own country ("me
		// mandó pasaje para ir a verlo a Tijuana"): it counts as a job
		// offered abroad does, only where nothing else is named, for
		// its lines but not its emergency number. A country is abroad
		// ("he's taking her to Mexico"), and "back to" is where someone
		// came from ("send us back to Guatemala").
		going := isDestination(toks, i)
		if going && toks[i-2].key == "back" {
			continue
		}
		from := originAt(toks, i)
		if from == homeTown && migrant {
			// "soy de Honduras y no tengo papeles": a country someone
			// fears being sent back to is one they left.
			from = cameFrom
		}
		// "soy de Lima", "I'm 13 from adelaide": said of a place, where
		// "a text from Sydney" is said of a person.
		saidFrom := from == homeTown || from == cameFrom && !(i > 1 && isMessageWord(toks[i-2].key))
		for n := 1; n <= g.maxWords && i+n <= len(toks); n++ {
			t := &toks[i+n-1]
			// A name that ends the message is said as a place: "shelter
			// adelaide", "he has a knife nz". Not after "my friend",
			// "named" and the like, where it is a person.
			//
			// So is a name that stands alone between stops or after a
			// comma: "Uni counsellor, Adelaide. Student…", "they're 9.
			// adelaide. do I tell someone".
			alone := saidAlone(toks, i, i+n)
			// A sentence's first word is no one's name: "Police called.
			// Adelaide".
			last := (i+n == len(toks) || alone) && !(i > 0 && !toks[i].stop && isPersonWord(toks[i-1].key))
			if n > 1 {
				key = append(key, ' ')
			}
			key = append(key, t.key...)
			upper = upper && t.upper
			refs, ok := g.names[string(key)]
			if !ok && isPossessive(t.raw) {
				// "Melbourne's west", "Vancouver's Downtown Eastside".
				refs, ok = g.names[string(key[:len(key)-1])]
			}
			if !ok {
				continue
			}
			if followedBy(toks, i+n, isStreetWord) {
				// "im at roma st station brisbane", "on Oxford Street": a
				// street named after a place is not in it.
				continue
			}
			// "Sydney west", "adelaide northern suburbs", "Sydney central
			// station": a part of the place follows its name.
			trail := followedBy(toks, i+n, isTrailingAreaWord) ||
				// "adelaide, northern suburbs", said apart.
				startsApart(toks, i) && i+n < len(toks) && toks[i+n].comma && isTrailingAreaWord(toks[i+n].key)
			// A word that is also a place is the place after "in" or "soy
			// de", or said alone to end the message ("... Mum seems
			// unbothered. Cork"), but not where it names a station or a
			// bar ("near union station", "a pub in temple bar").
			endsAlone := alone && i > 0 && i+n == len(toks)
			// Capitalised after a comma, it is a name too: "Rape crisis
			// volunteer, Cork. Caller is 17".
			namedAlone := endsAlone || alone && toks[i].comma && startsUpper(toks[i].raw)
			landmark := followedBy(toks, i+n, isLandmarkWord)
			// keep: places; cond: regions and countries that count only
			// after a city; cities: cities that count only before one.
			var keep, cond, cities []ref
			// A person's name ("Georgia", "Lincoln") is a place abroad
			// only after a cue, and not even then when it also names a
			// place in the person's own country: then that one is meant,
			// unless its region says otherwise ("Victoria, BC"), or it is
			// a town much smaller than the place abroad (Victoria, Texas,
			// and the state of Victoria; Hamilton, Ohio, and Hamilton,
			// Ontario): people there are few, and name their state too.
			atHome := home != "" && slices.ContainsFunc(refs, func(r ref) bool {
				return r.given && g.entries[r.entry].place.Country == home && !g.dwarfed(r.entry, refs)
			})
			// A county abroad ("Norfolk", "Durham") does not take its
			// name from a city at home (Norfolk, Virginia; Durham, North
			// Carolina): there, the city is meant. A town much smaller
			// than an English county (Kent, Washington) does not.
			townAtHome := home != "" && slices.ContainsFunc(refs, func(r ref) bool {
				e := &g.entries[r.entry]
				return e.place.Country == home && (isArea(e) || e.pop >= countyRivalPopulation)
			})
			for _, r := range refs {
				e := &g.entries[r.entry]
				if e.county && townAtHome && e.place.Country != home {
					continue
				}
				abroad := r.given && home != "" && e.place.Country != home
				// After "regional", "rural"…, a region is meant even where
				// a town at home has its name: "regional Victoria".
				// "outside Adelaide" is near it; "outside the US", "outside
				// barking" are not places to look.
				near := ctx || outside && isCity(e) && !r.common
				cue := (near || from == homeTown || (last || saidFrom || trail) && r.given || r.common && namedAlone) && !(abroad && atHome) || area && isArea(e)
				if r.common && (!(ctxWord || from == homeTown || namedAlone) || landmark) {
					cue = false
				}
				common := r.common || abroad
				// A suburb's name is as often a street's, a shop's or a
				// person's: it is the suburb after "in", "at", "outside"
				// or said alone ("we're in Footscray", "at Bondi Beach",
				// "... please. Frankston"), not at the end of any
				// sentence ("my dad has Parkinson's").
				if e.minor && !(ctxWord || outside || alone || from == homeTown || at && !r.given && !r.common) {
					cities = append(cities, r)
					continue
				}
				switch {
				case r.abbrev && !upper:
					// In lower case an abbreviation is a place only when it
					// is no word: after "in" or at the end ("in the uk",
					// "… nz"), or after a city ("victoria bc").
					if n > 1 || isAmbiguousAbbrev(strings.ToUpper(t.key)) || isLowerCaseWord(t.key) && !ctx {
						continue
					}
					if ctx || last {
						keep = append(keep, r)
					} else {
						cond = append(cond, r)
					}
				case r.abbrev && !ctx && (shouting || n == 1 && isAmbiguousAbbrev(t.raw)),
					common && !cue && isArea(e):
					cond = append(cond, r)
				case common && !cue:
					cities = append(cities, r)
				default:
					keep = append(keep, r)
				}
			}
			if from != notOrigin {
				// Where someone is from is where help is only when the
				// message names no other place: "soy de Lima" is said by
				// people in Lima, "I'm from Vietnam" by people who left.
				cond, cities = nil, nil
				switch from {
				case cameFrom:
					keep = g.withoutCountries(keep)
				case leftFrom:
					keep = nil
				}
				if len(keep) > 0 {
					ms = append(ms, match{start: i, end: i + n, refs: keep, origin: true})
				}
				continue
			}
			if going {
				keep = g.withoutCountries(keep)
				cond, cities = nil, nil
			}
			switch {
			case len(keep) > 0:
				offered := going || isOffered(toks, i, pending)
				ms = append(ms, match{start: i, end: i + n, refs: keep, abroad: cities, context: ctx, offered: offered,
					self: !offered && saysWhereSelf(toks, i)})
			case len(cond) > 0:
				ms = append(ms, match{start: i, end: i + n, refs: cond, conditional: true})
			case len(cities) > 0:
				ms = append(ms, match{start: i, end: i + n, refs: cities, needsQual: true})
			}
		}
	}
	return ms
}

// dropContained drops the matches inside longer ones: "Mexico" in "New
// Mexico", "Kansas" in "Kansas City".
func dropContained(ms []match) []match {
	var out []match
	for _, m := range ms {
		inside := false
		for _, o := range ms {
			if o.start <= m.start && m.end <= o.end && o.end-o.start > m.end-m.start {
				inside = true
				break
			}
		}
		if !inside {
			out = append(out, m)
		}
	}
	return out
}

// qualify joins a city and the region or country right after it ("Dallas,
// TX", "Houston Texas", "London, ON", "Mobile, AL") into one match naming
// the city in that region. A city followed by a region it is not in is
// taken for a smaller namesake there ("Paris, TX"), so only the region is
// kept. Conditional matches that found no partner are dropped. shouting
// is whether the text is all in capitals (isShouting).
func (g *gazetteer) qualify(toks []token, ms []match, shouting bool) []match {
	slices.SortFunc(ms, func(a, b match) int { return cmp.Compare(a.start, b.start) })
	var out []match
	for i := 0; i < len(ms); i++ {
		m := ms[i]
		if m.conditional {
			continue // not after a city, or it would have been taken below
		}
		all := append(slices.Clip(m.refs), m.abroad...)
		if i+1 < len(ms) && ms[i+1].start == m.end && g.best(all, isCity) >= 0 {
			q := ms[i+1]
			comma := toks[q.start].comma
			var cities []ref
			for _, r := range all {
				if e := &g.entries[r.entry]; isCity(e) && g.inAny(e, q.refs) {
					cities = append(cities, r)
				}
			}
			// "Birmingham AL", "Portland OR": an abbreviation that is also
			// a word qualifies a city without a comma if the city is in it,
			// unless the whole text shouts ("IN LONDON ON MY OWN").
			qualifies := !q.conditional || comma || !shouting && len(cities) > 0
			if qualifies && len(cities) > 0 {
				out = append(out, match{start: m.start, end: q.end, refs: cities, context: m.context, qualified: true, origin: m.origin, self: m.self})
				i++
				continue
			}
			if qualifies && g.best(q.refs, isArea) >= 0 {
				m.refs = slices.DeleteFunc(slices.Clone(m.refs), func(r ref) bool { return isCity(&g.entries[r.entry]) })
				if len(m.refs) == 0 {
					continue
				}
			}
		}
		if !m.needsQual {
			out = append(out, m)
		}
	}
	return out
}

// inAny reports whether city e lies in one of the regions or countries
// of refs.
func (g *gazetteer) inAny(e *entry, refs []ref) bool {
	for _, r := range refs {
		if q := &g.entries[r.entry]; isArea(q) && within(e, q) {
			return true
		}
	}
	return false
}

// disambiguate narrows a city name shared by several cities to those in a
// region or country named elsewhere in the text ("Portland ... Maine"),
// else to those in the country of another city it names ("la Zona Rosa
// de Bogotá").
func (g *gazetteer) disambiguate(ms []match) {
	var areas []ref
	countries := make([]int32, len(ms)) // of each match's cities, if one; else -1
	for i, m := range ms {
		countries[i] = -1
		if m.origin {
			continue // "soy de Guatemala y vivo en San José": Costa Rica's
		}
		for _, r := range m.refs {
			if isArea(&g.entries[r.entry]) {
				areas = append(areas, r)
			}
		}
		countries[i] = g.onlyCountry(m.refs)
	}
	inAreas := func(m *match, areas []ref) []ref {
		var in []ref
		for _, r := range m.refs {
			if e := &g.entries[r.entry]; isCity(e) && g.inAny(e, areas) {
				in = append(in, r)
			}
		}
		return in
	}
	for i := range ms {
		m := &ms[i]
		if m.qualified || len(m.refs) < 2 {
			continue
		}
		in := inAreas(m, areas)
		if len(in) == 0 {
			var others []ref
			for j, c := range countries {
				if j != i && c >= 0 {
					others = append(others, ref{entry: c})
				}
			}
			in = inAreas(m, others)
		}
		if len(in) > 0 {
			m.refs = in
		}
	}
}

// onlyCountry returns the country of refs if they are cities of one
// country, else -1.
func (g *gazetteer) onlyCountry(refs []ref) int32 {
	country := ""
	for _, r := range refs {
		e := &g.entries[r.entry]
		if !isCity(e) || country != "" && e.place.Country != country {
			return -1
		}
		country = e.place.Country
	}
	if i, ok := g.codes[country]; ok {
		return i
	}
	return -1
}

// rank orders matches by how specific a place they name.
func (g *gazetteer) rank(m *match) int {
	switch {
	case m.zip.Kind != "":
		return 5
	case m.qualified:
		return 4
	}
	switch g.entries[g.best(m.refs, nil)].place.Kind {
	case kindCity:
		return 3
	case kindRegion:
		return 2
	default:
		return 1
	}
}

// findZIPs returns the ZIP codes mentioned in the text; see Find.
func (r *Resolver) findZIPs(g *gazetteer, toks []token) []match {
	var ms []match
	for i, t := range toks {
		if len(t.key) != 5 || !allDigits(t.key) {
			continue
		}
		ok := hasContext(toks, i)
		if i > 0 {
			prev := toks[i-1]
			ok = ok || isZIPWord(prev.key) || prev.upper && g.isStateAbbrev(prev.key)
		}
		if !ok {
			continue
		}
		if p, found := r.zipTable().lookup(t.key); found {
			ms = append(ms, match{start: i, end: i + 1, context: true, zip: p})
		}
	}
	return ms
}

// findRoads returns the roads people name as where they are: Britain's
// motorways ("on the M6", "off the M25") and Ontario's Highway 401 ("on
// the 401"), after "on the", "off the", "over the"… ("he drives the M4"
// is a car), or said alone. They name the country or province, as a place of the lowest
// rank: a town the text also names comes first.
func (g *gazetteer) findRoads(toks []token) []match {
	var ms []match
	for i, t := range toks {
		// Said alone, it is where someone is: "... took our phones. m62".
		alone := saidAlone(toks, i, i+1)
		onThe := i >= 2 && toks[i-1].key == "the"
		if onThe {
			switch toks[i-2].key {
			case "on", "off", "over", "along", "near", "onto", "down", "up", "past", "by":
			default:
				onThe = false
			}
		}
		if !onThe && !alone {
			continue
		}
		code := ""
		switch {
		case t.key == "401":
			code = "CA-ON"
		case len(t.key) >= 2 && len(t.key) <= 3 && t.key[0] == 'm' && allDigits(t.key[1:]) && t.key[1] != '0':
			code = "GB"
		}
		if j, ok := g.codes[code]; ok {
			ms = append(ms, match{start: i, end: i + 1, refs: []ref{{entry: j}}})
		}
	}
	return ms
}

// isStateAbbrev reports whether key is the abbreviation of a US state.
func (g *gazetteer) isStateAbbrev(key string) bool {
	for _, r := range g.names[key] {
		if p := &g.entries[r.entry].place; r.abbrev && p.Kind == kindRegion && p.Country == "US" {
			return true
		}
	}
	return false
}

// hasContext reports whether the name starting at toks[i] follows a word
// that makes it a place: "in", "near", "around", "en", "cerca de", with
// an optional article ("in the US", "en la CDMX").
func hasContext(toks []token, i int) bool {
	j := i - 1
	if j >= 0 && isArticle(toks[j].key) {
		j--
	}
	if j < 0 {
		return false
	}
	k := toks[j].key
	if isContextWord(k) {
		return true
	}
	if toks[i].comma && j == i-1 && hasContext(toks, j) {
		// "in Parramatta, Sydney", "en Flores, Buenos Aires": the place
		// after a comma is said where the first one is.
		return true
	}
	if k == "to" || k == "a" {
		// "just moved to Sydney", "me trajo a vivir a Tijuana", "vine de
		// Venezuela a Chile": a journey told as done ends where the
		// person is.
		for m := j - 1; m >= max(0, j-4) && !toks[m+1].stop && !toks[m+1].comma; m-- {
			if isArrivalWord(toks[m].key) {
				return true
			}
		}
	}
	if k == "desde" {
		// "te escribo desde Quito": where the writer is. "vine desde
		// Honduras" is an origin (originAt), which counts apart.
		return true
	}
	if j == i-1 && !toks[i].comma && !toks[i].stop && (isStreetWord(k) || k == "station" || k == "estacion") {
		// "near central station sydney", "on george st sydney": the
		// street or station is in the place after it.
		return true
	}
	// "cerca de Monterrey", "el centro de Quito", "the outskirts of Leeds".
	return (k == "de" || k == "del" || k == "of") && j > 0 && isPartWord(toks[j-1].key)
}

// saidOfSomeoneElse reports whether the text before toks[i] names
// someone close to the writer: "my sister works as a maid in", "a mi
// sobrina de 12 en", "Escribo por mi prima. … Se fue a vivir con un
// hombre en". The place is where that person is.
func saidOfSomeoneElse(toks []token, i int) bool {
	return slices.ContainsFunc(toks[:i], func(t token) bool { return isRelativeWord(t.key) })
}

// saysWhereSelf reports whether the name starting at toks[i] is where the
// writer says they are, now: "I'm in", "we're at", "I live in", "here
// in", "estoy en", "vivimos en", "aquí en". "We were in" is the past.
func saysWhereSelf(toks []token, i int) bool {
	j := i - 1
	if j >= 0 && isArticle(toks[j].key) {
		j--
	}
	if j < 1 || toks[j+1].stop || toks[j+1].comma || toks[j].stop || toks[j].comma {
		return false
	}
	switch toks[j].key {
	case "in", "at", "en":
	default:
		return false
	}
	// The word before "in", past a "back": "I'm back in Cebu".
	k := j - 1
	if k >= 1 && toks[k].key == "back" {
		k--
	}
	prev := ""
	if k >= 1 {
		prev = toks[k-1].key
	}
	switch toks[k].key {
	case "im", "here", "estoy", "toy", "estamos", "vivo", "vivimos", "aqui", "aca":
		return true
	case "were": // "we're", but not "we were"
		return prev != "we" && prev != "you" && prev != "they"
	case "am":
		return prev == "i"
	case "are":
		return prev == "we"
	case "live", "living", "staying", "based":
		switch prev {
		case "i", "we", "im", "were", "am", "are", "now", "still":
			return true
		}
	}
	return false
}

// origin says how a name tells where someone is from.
type origin int

const (
	notOrigin origin = iota
	// cameFrom: "from", "vengo de", "me trajeron de", "es de". A country
	// said so is one the person left ("I'm from Vietnam and my boss keeps
	// my pay"); a city or a region may still be home ("from Manila", "from
	// Essex").
	cameFrom
	// homeTown: "soy de", "somos de": in the corpus's messages, mostly
	// where the person lives ("soy de Lima", "soy de Honduras") unless
	// the message names another place.
	homeTown
	// leftFrom: a journey's start, "arrived from Lagos", "came here from
	// Manila": not where the person is, even a city.
	leftFrom
)

// originAt says whether the name starting at toks[i] tells where someone
// is from.
func originAt(toks []token, i int) origin {
	if i == 0 {
		return notOrigin
	}
	switch toks[i-1].key {
	case "in":
		// "the agency back in Jakarta", "my kids back home in Cebu":
		// where someone came from. "I'm back in Leeds" is where they are.
		k := i - 2
		if k >= 1 && toks[k].key == "home" {
			k--
		}
		if k >= 1 && toks[k].key == "back" && !isBeingWord(toks[k-1].key) {
			return cameFrom
		}
	case "from":
		// "arrived from", "came here from", "flew in from".
		for k := i - 2; k >= max(0, i-3); k-- {
			if isDepartureWord(toks[k].key) {
				return leftFrom
			}
		}
		return cameFrom
	case "de", "del", "desde":
		if i < 2 {
			return notOrigin
		}
		switch toks[i-2].key {
		case "soy", "somos":
			return homeTown
		case "vengo", "venimos", "vine", "vinimos", "vino", "vinieron", "originario", "originaria", "nativo", "nativa",
			"sali", "salimos",
			// Brought from: "me trajeron de Honduras", "mi tía me trajo
			// de Honduras" are said where the person was taken to.
			"trajo", "trajeron", "trajiste", "trajimos", "traje",
			// Someone else's origin says nothing of where the writer
			// is: "mi vecina es de Nicaragua", "viene de Guatemala".
			"es", "son", "era", "eran", "viene", "vienen", "venia", "venian",
			// So does a person's: "un tipo de Perú q conocí en tiktok".
			"tipo", "tipa", "senor", "senora", "hombre", "mujer", "chavo", "chava", "muchacho", "muchacha", "chico",
			"chica", "vato", "morro", "morra", "amigo", "amiga":
			return cameFrom
		}
	}
	return notOrigin
}

// isBeingWord reports whether the folded word before "back in" says the
// person is there: "im back in Leeds", "we're back in Cebu now".
func isBeingWord(key string) bool {
	switch key {
	case "im", "am", "were", "are", "is", "was", "moved", "got", "go", "went", "come", "came", "live", "living", "stay", "staying":
		return true
	}
	return false
}

// isOffered reports whether the name starting at toks[i] is where a job
// or a trip is offered, still to come, in the same clause: "me ofrecen
// trabajo en España", "an offer to dance at a club in Tokyo". The person
// is not there yet: any other place the message names comes first,
// where they are from included ("... soy de Paraguay", "... we're in
// Sydney"). An offer told in the past ("me ofrecieron chamba en España")
// is still to come when the message asks whether it is real, or says
// the fare is to be paid (pending).
func isOffered(toks []token, i int, pending bool) bool {
	for j := i - 1; j >= max(0, i-16); j-- {
		k := toks[j].key
		if isOfferWord(k) || pending && (isPastOfferWord(k) || isJobWord(k)) {
			return true
		}
		// "he can get me a job in Japan", "says he'll get her work".
		if k == "get" && j > 0 && isWillWord(toks[j-1].key) {
			return true
		}
		if toks[j].stop || toks[j].comma {
			break
		}
	}
	// "en Japón buscan muchachas", "in dubai hiring nannies", "en Japón
	// hay trabajo en fábricas"; but "an agency in Lagos is offering …" is
	// where the agency is.
	return followedBy(toks, i+1, isHiringWord) ||
		followedBy(toks, i+1, func(k string) bool { return k == "hay" }) && followedBy(toks, i+2, isJobWord)
}

// isDestination reports whether the name starting at toks[i] is where
// someone is going or being taken: after "to", "a", "para" or "hacia"
// that follow a word of going, at most two words before ("heading to",
// "taking our son to", "llevarme a"). A journey told as done ("came to",
// "me trajo a vivir a") ends where the person is.
func isDestination(toks []token, i int) bool {
	if i < 2 {
		return false
	}
	switch toks[i-1].key {
	case "to", "a", "para", "pa", "hacia":
	default:
		return false
	}
	for j := i - 2; j >= max(0, i-4); j-- {
		if isGoingWord(toks[j].key) {
			return true
		}
		if toks[j+1].comma || toks[j+1].stop {
			break
		}
	}
	return false
}

// saidAlone reports whether toks[i:j] stand apart, between stops or after
// a comma: "... took our phones. m62", "Uni counsellor, Adelaide. Student".
func saidAlone(toks []token, i, j int) bool {
	return startsApart(toks, i) && (j == len(toks) || toks[j].stop)
}

// startsApart reports whether toks[i] opens the text, a sentence or a
// clause after a comma.
func startsApart(toks []token, i int) bool {
	return i == 0 || toks[i].comma || toks[i].stop
}

// withoutCountries drops the countries from refs: where someone is from
// or going names a country they are not in.
func (g *gazetteer) withoutCountries(refs []ref) []ref {
	return slices.DeleteFunc(refs, func(r ref) bool { return g.entries[r.entry].place.Kind == kindCountry })
}

// followedBy reports whether toks[j] exists, belongs to the same clause
// as the word before it, and is a word that is accepts.
func followedBy(toks []token, j int, is func(key string) bool) bool {
	return j < len(toks) && !toks[j].stop && !toks[j].comma && is(toks[j].key)
}

// isShouting reports whether the text is written all in capitals, where
// capitals say nothing about abbreviations.
func isShouting(toks []token) bool {
	long := false
	for _, t := range toks {
		letters := 0
		for _, r := range t.raw {
			if unicode.IsLower(r) {
				return false
			}
			if unicode.IsLetter(r) {
				letters++
			}
		}
		long = long || letters >= 4
	}
	return long
}
