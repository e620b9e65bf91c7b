package places

import (
	"errors"
	"runtime"
	"slices"
	"sync"
	"testing"
)

// resolver is shared by the tests, as programs share one: loading the
// tables once keeps the tests fast.
var resolver = NewResolver()

func TestResolve(t *testing.T) {
	tests := []struct {
		in                          string
		name, kind, country, region string
	}{
		// Coordinates and ZIP codes.
		{"32.78,-96.80", "32.78,-96.8", "coordinates", "", ""},
		{" 32.78, -96.80 ", "32.78,-96.8", "coordinates", "", ""},
		{"-33.87,151.21", "-33.87,151.21", "coordinates", "", ""},
		{"75201", "75201", "zip", "US", "US-TX"},
		{"75201-1234", "75201", "zip", "US", "US-TX"},
		{"10001", "10001", "zip", "US", "US-NY"},
		{"00901", "00901", "zip", "US", "US-PR"},
		{"99501", "99501", "zip", "US", "US-AK"},

		// Regions, by name in any case, abbreviation, ISO code or Spanish name.
		{"TX", "Texas", "region", "US", "US-TX"},
		{"Texas", "Texas", "region", "US", "US-TX"},
		{"texas", "Texas", "region", "US", "US-TX"},
		{"US-TX", "Texas", "region", "US", "US-TX"},
		{"ON", "Ontario", "region", "CA", "CA-ON"},
		{"Ontario", "Ontario", "region", "CA", "CA-ON"},
		{"Québec", "Quebec", "region", "CA", "CA-QC"},
		{"Quebec", "Quebec", "region", "CA", "CA-QC"},
		{"Nuevo León", "Nuevo León", "region", "MX", "MX-NLE"},
		{"nuevo leon", "Nuevo León", "region", "MX", "MX-NLE"},
		{"Carolina del Norte", "North Carolina", "region", "US", "US-NC"},
		{"Nueva York", "New York City, NY", "city", "US", "US-NY"},
		{"New York State", "New York", "region", "US", "US-NY"},
		{"Georgia", "Georgia", "region", "US", "US-GA"}, // the state, not the country
		{"Washington", "Washington", "region", "US", "US-WA"},
		{"Puerto Rico", "Puerto Rico", "region", "US", "US-PR"},
		{"Escocia", "Scotland", "region", "GB", "GB-SCT"},
		{"Estado de México", "Estado de México", "region", "MX", "MX-MEX"},
		{"NSW", "New South Wales", "region", "AU", "AU-NSW"},

		// Countries.
		{"Mexico", "Mexico", "country", "MX", ""},
		{"México", "Mexico", "country", "MX", ""},
		{"MEXICO", "Mexico", "country", "MX", ""},
		{"MX", "Mexico", "country", "MX", ""},
		{"United Kingdom", "United Kingdom", "country", "GB", ""},
		{"UK", "United Kingdom", "country", "GB", ""},
		{"Reino Unido", "United Kingdom", "country", "GB", ""},
		{"Estados Unidos", "United States", "country", "US", ""},
		{"EE.UU.", "United States", "country", "US", ""},
		{"USA", "United States", "country", "US", ""},
		{"España", "Spain", "country", "ES", ""},
		{"Espana", "Spain", "country", "ES", ""},
		{"Alemania", "Germany", "country", "DE", ""},
		{"Guatemala", "Guatemala", "country", "GT", ""},
		{"Haití", "Haiti", "country", "HT", ""},

		// Cities.
		{"Dallas, TX", "Dallas, TX", "city", "US", "US-TX"},
		{"Dallas", "Dallas, TX", "city", "US", "US-TX"},
		{"Houston, Texas", "Houston, TX", "city", "US", "US-TX"},
		{"Houston Texas", "Houston, TX", "city", "US", "US-TX"},
		{"Toronto", "Toronto, ON", "city", "CA", "CA-ON"},
		{"Toronto, Canada", "Toronto, ON", "city", "CA", "CA-ON"},
		{"London", "London, England", "city", "GB", "GB-ENG"},
		{"London, ON", "London, ON", "city", "CA", "CA-ON"},
		{"Londres", "London, England", "city", "GB", "GB-ENG"},
		{"Portland", "Portland, OR", "city", "US", "US-OR"},
		{"Portland, OR", "Portland, OR", "city", "US", "US-OR"},
		{"Portland, ME", "Portland, ME", "city", "US", "US-ME"},
		{"Portland, Maine", "Portland, ME", "city", "US", "US-ME"},
		{"Ciudad de México", "Mexico City, Ciudad de México", "city", "MX", "MX-CMX"},
		{"CDMX", "Mexico City, Ciudad de México", "city", "MX", "MX-CMX"},
		{"cdmx", "Mexico City, Ciudad de México", "city", "MX", "MX-CMX"},
		{"Mexico City", "Mexico City, Ciudad de México", "city", "MX", "MX-CMX"},
		{"New York", "New York City, NY", "city", "US", "US-NY"},
		{"NYC", "New York City, NY", "city", "US", "US-NY"},
		{"New York, NY", "New York City, NY", "city", "US", "US-NY"},
		{"Los Ángeles", "Los Angeles, CA", "city", "US", "US-CA"},
		{"los angeles", "Los Angeles, CA", "city", "US", "US-CA"},
		{"Montréal", "Montréal, QC", "city", "CA", "CA-QC"},
		{"Montreal", "Montréal, QC", "city", "CA", "CA-QC"},
		{"Monterrey", "Monterrey, Nuevo León", "city", "MX", "MX-NLE"},
		{"Monterrey, N.L.", "Monterrey, Nuevo León", "city", "MX", "MX-NLE"},
		{"Guadalajara, Jal.", "Guadalajara, Jalisco", "city", "MX", "MX-JAL"},
		{"Ciudad Juárez", "Ciudad Juárez, Chihuahua", "city", "MX", "MX-CHH"},
		{"Kansas City, Missouri", "Kansas City, MO", "city", "US", "US-MO"},
		{"Washington, D.C.", "Washington, DC", "city", "US", "US-DC"},
		{"Washington DC", "Washington, DC", "city", "US", "US-DC"},
		{"St. Louis", "St. Louis, MO", "city", "US", "US-MO"},
		{"Saint Louis", "St. Louis, MO", "city", "US", "US-MO"},
		{"Winston Salem", "Winston-Salem, NC", "city", "US", "US-NC"},
		{"San Juan", "San Juan, PR", "city", "US", "US-PR"},
		{"Sydney", "Sydney, NSW", "city", "AU", "AU-NSW"},
		{"Tegucigalpa", "Tegucigalpa, Honduras", "city", "HN", ""},
		{"La Habana", "Havana, Cuba", "city", "CU", ""},
		{"Mobile", "Mobile, AL", "city", "US", "US-AL"}, // a whole string is a place even if a word

		// Big cities of the EU, Spain and Latin America, without a region.
		{"Barcelona", "Barcelona, Spain", "city", "ES", ""}, // not Venezuela's
		{"Sevilla", "Sevilla, Spain", "city", "ES", ""},
		{"Seville", "Sevilla, Spain", "city", "ES", ""},
		{"Málaga", "Málaga, Spain", "city", "ES", ""},
		{"Bilbao", "Bilbao, Spain", "city", "ES", ""},
		{"Donostia", "San Sebastián, Spain", "city", "ES", ""},
		{"Vitoria-Gasteiz", "Vitoria-Gasteiz, Spain", "city", "ES", ""},
		{"Valencia, España", "Valencia, Spain", "city", "ES", ""},
		{"Valencia", "Valencia, Spain", "city", "ES", ""}, // a province of 2.6 million too (provinceNamesakes)
		{"Valencia, Venezuela", "Valencia, Venezuela", "city", "VE", ""},
		{"León, España", "León, Spain", "city", "ES", ""},
		{"Bogotá", "Bogotá, Colombia", "city", "CO", ""},
		{"bogota", "Bogotá, Colombia", "city", "CO", ""},
		{"Medellín", "Medellín, Colombia", "city", "CO", ""},
		{"Guatemala City", "Guatemala City, Guatemala", "city", "GT", ""},
		{"San Salvador", "San Salvador, El Salvador", "city", "SV", ""},
		{"Lima", "Lima, Peru", "city", "PE", ""},
		{"Santiago", "Santiago, Chile", "city", "CL", ""},
		{"Buenos Aires", "Buenos Aires, Argentina", "city", "AR", ""},
		{"Quito", "Quito, Ecuador", "city", "EC", ""},
		{"Santo Domingo", "Santo Domingo, Dominican Republic", "city", "DO", ""},
		{"São Paulo", "São Paulo, Brazil", "city", "BR", ""},
		{"Cologne", "Cologne, Germany", "city", "DE", ""},
		{"Köln", "Cologne, Germany", "city", "DE", ""},
		{"La Haya", "The Hague, Netherlands", "city", "NL", ""},
		{"Timisoara", "Timișoara, Romania", "city", "RO", ""},
		{"Split", "Split, Croatia", "city", "HR", ""},
		// Below a million people, the home countries' towns and capitals
		// come first.
		{"Santa Fe", "Santa Fe, NM", "city", "US", "US-NM"},
		{"San Juan, Argentina", "San Juan, Argentina", "city", "AR", ""},
		// La Paz is Bolivia's seat of government, a capital of four times
		// the people of Baja California Sur's.
		{"La Paz", "La Paz, Bolivia", "city", "BO", ""},
		{"La Paz, Baja California Sur", "La Paz, Baja California Sur", "city", "MX", "MX-BCS"},
		{"La Paz, Bolivia", "La Paz, Bolivia", "city", "BO", ""},
		// Mexican states as people sign off a place: "BC" is Baja
		// California after a city in it, British Columbia after one there.
		{"la paz bcs", "La Paz, Baja California Sur", "city", "MX", "MX-BCS"},
		{"Tijuana BC", "Tijuana, Baja California", "city", "MX", "MX-BCN"},
		{"Vancouver BC", "Vancouver, BC", "city", "CA", "CA-BC"},
		{"leon gto", "León, Guanajuato", "city", "MX", "MX-GUA"},
		{"Cancún, Q. Roo", "Cancún, Quintana Roo", "city", "MX", "MX-ROO"},
		// Second cities of Bolivia, Chile and Peru, from 100,000 people.
		{"Osorno", "Osorno, Chile", "city", "CL", ""},
		{"Puno", "Puno, Peru", "city", "PE", ""},
		{"Potosí", "Potosí, Bolivia", "city", "BO", ""},
		// Cities by the names their people use.
		{"Guanatos", "Guadalajara, Jalisco", "city", "MX", "MX-JAL"},
		{"tegus", "Tegucigalpa, Honduras", "city", "HN", ""},
		{"Guate", "Guatemala City, Guatemala", "city", "GT", ""},
		{"Athens", "Athens, Greece", "city", "GR", ""},

		// A town too small for the table, in a known region.
		{"Paris, Texas", "Texas", "region", "US", "US-TX"},
	}
	for _, tt := range tests {
		got, err := resolver.Resolve(tt.in)
		if err != nil {
			t.Errorf("Resolve(%q): %v", tt.in, err)
			continue
		}
		if got.Name != tt.name || got.Kind != tt.kind || got.Country != tt.country || got.Region != tt.region {
			t.Errorf("Resolve(%q) = %q %s %s %s, want %q %s %s %s", tt.in,
				got.Name, got.Kind, got.Country, got.Region, tt.name, tt.kind, tt.country, tt.region)
		}
		if got.Lat == 0 && got.Lon == 0 || got.Lat < -90 || got.Lat > 90 || got.Lon < -180 || got.Lon > 180 {
			t.Errorf("Resolve(%q) = %v, %v: bad coordinates", tt.in, got.Lat, got.Lon)
		}
	}
}

func TestResolveCoordinates(t *testing.T) {
	got, err := resolver.Resolve("75201")
	if err != nil {
		t.Fatal(err)
	}
	// The ZCTA centroid of downtown Dallas.
	if got.Lat != 32.788 || got.Lon != -96.8 {
		t.Errorf("Resolve(75201) at %v,%v, want 32.788,-96.8", got.Lat, got.Lon)
	}
	got, err = resolver.Resolve("Dallas")
	if err != nil {
		t.Fatal(err)
	}
	if got.Lat < 32.7 || got.Lat > 32.9 || got.Lon < -96.9 || got.Lon > -96.7 {
		t.Errorf("Resolve(Dallas) at %v,%v", got.Lat, got.Lon)
	}
}

func TestResolveUnknown(t *testing.T) {
	for _, in := range []string{
		"", "   ", "xyzzy", "Narnia", "00000", "99999-0000",
		"91,0", "45,181", "Inf,0", "0x10,5", "1.2.3,4",
		"help", "now",
	} {
		p, err := resolver.Resolve(in)
		if !errors.Is(err, ErrUnknownPlace) {
			t.Errorf("Resolve(%q) = %+v, %v; want ErrUnknownPlace", in, p, err)
		}
	}
}

func TestFind(t *testing.T) {
	tests := []struct {
		text string
		want string // Place.Name; "" for none
	}{
		// The brief's examples.
		{"shelter for a 16 yo male in Houston", "Houston, TX"},
		{"T visa legal help NY", "New York"},
		{"spanish speaking labor trafficking services CA", "California"},
		{"what about in Texas", "Texas"},
		{"ayuda cerca de Monterrey", "Monterrey, Nuevo León"},
		// A part of a place, or where the writer writes from.
		{"un hombre me sigue por el centro de Quito", "Quito, Ecuador"},
		{"sleeping rough on the outskirts of Leeds", "Leeds, England"},
		{"te escribo desde Lima, mi hija no volvio", "Lima, Peru"},
		{"vine desde Honduras y ahora estoy en Houston", "Houston, TX"},
		{"vine desde Honduras", ""},
		{"estoy en Los Ángeles", "Los Angeles, CA"},
		{"estoy en los angeles", "Los Angeles, CA"},

		// Ordinary words are not places.
		{"in", ""},
		{"me or hi ok la al de help now go my mi pa", ""},
		{"la vida es dura", ""},
		{"I need help now", ""},
		{"can you help me or my friend", ""},
		{"HI there", ""},
		{"OK thanks", ""},
		{"Hi, OK, I need an ID", ""},
		{"ON the way", ""},
		{"es de mi familia", ""},
		{"Reading is hard", ""},
		{"my mobile phone was taken", ""},
		{"Mobile crisis team", ""},
		{"I have a surprise", ""},
		{"shelter for a male", ""},
		{"estoy en la montaña", ""},
		{"quiero cruzar la frontera", ""},
		{"I owe 10000 dollars", ""},
		{"he said it was normal", ""},
		{"my name is Chad", ""},
		{"I NEED HELP NOW", ""},
		{"i need help", ""},
		{"¿cómo estás? como te dije, necesito ayuda", ""},
		{"como", ""},
		{"have a nice day", ""},
		{"nice", ""},
		{"we had to split up", ""},
		{"split", ""},
		{"I wear cologne", ""},
		{"tengo dos hermanas", ""},
		{"no tengo la plata", ""},
		{"me porto bien", ""},
		{"mi hermano Salvador", ""},
		{"mi cuenta Santander", ""},
		{"Cali is expensive", ""},
		{"NEED HELP TX", ""}, // all capitals: TX needs "in"

		// Ambiguous abbreviations after a context word or a city.
		{"I live in OK", "Oklahoma"},
		{"near IN", "Indiana"},
		{"I live in LA", "Louisiana"},
		{"Portland, ME shelter", "Portland, ME"},
		{"in the US", "United States"},
		{"HELP IN TX", "Texas"},

		// Common words as places after a context word.
		{"I am in Mobile", "Mobile, AL"},
		{"I'm in Independence", "Independence, MO"},
		{"estoy en León", "León, Guanajuato"},
		{"shelters Mobile, AL", "Mobile, AL"},
		{"Independence MO", "Independence, MO"},
		{"my son Jackson is 4", ""},
		{"Jackson, MS", "Jackson, MS"},
		{"Acapulco, Guerrero", "Acapulco, Guerrero"},
		{"I'm in Nice", "Nice, France"},
		{"estoy en Split", "Split, Croatia"},
		{"Split, Croatia", "Split, Croatia"},

		// Cities of the EU, Spain and Latin America.
		{"estoy en Barcelona y necesito ayuda", "Barcelona, Spain"},
		{"vivo en Bogotá con mi hija", "Bogotá, Colombia"},
		{"necesito ayuda en Medellín", "Medellín, Colombia"},
		{"I live in Seville", "Sevilla, Spain"},
		{"estoy en Valencia, España", "Valencia, Spain"},
		{"help in San Juan", "San Juan, PR"},
		{"Hilfe in München", "Munich, Germany"},

		// Most specific, longest and qualified mentions win.
		{"I was in Mexico, now in Houston", "Houston, TX"},
		{"moved from Texas to Dallas", "Dallas, TX"},
		{"New Mexico", "New Mexico"},
		{"help in New York City", "New York City, NY"},
		{"Kansas City, Missouri", "Kansas City, MO"},
		{"I'm in Portland, Maine", "Portland, ME"},
		{"Portland Maine", "Portland, ME"},
		{"I'm in Maine, near Portland", "Portland, ME"},
		{"Dallas, TX please", "Dallas, TX"},
		{"London ON", "London, ON"},
		{"IM IN LONDON ON MY OWN", "London, England"}, // shouting: ON is a word
		{"hotel in Birmingham AL", "Birmingham, AL"},
		{"i live in Dallas OK", "Dallas, TX"}, // no Dallas in Oklahoma
		{"London, ON", "London, ON"},
		{"Paris, TX", "Texas"}, // a smaller Paris
		{"vivo en el DF", "Mexico City, Ciudad de México"},
		{"en la CDMX", "Mexico City, Ciudad de México"},
		{"Washington D.C. area", "Washington, DC"},
		{"Monterrey, N.L.", "Monterrey, Nuevo León"},
		{"somewhere in the UK", "United Kingdom"},
		{"vengo de Honduras y estoy en Texas", "Texas"},
		{"Estados Unidos", "United States"},
		{"ESTOY EN TEXAS", "Texas"},

		// ZIP codes.
		{"Dallas TX 75201", "75201"},
		{"zip 10001", "10001"},
		{"near 75201", "75201"},
		{"código postal 75201", "75201"},
	}
	for _, tt := range tests {
		got, ok := resolver.Find(tt.text, "")
		if ok != (tt.want != "") || got.Name != tt.want {
			t.Errorf("Find(%q) = %q, %v; want %q", tt.text, got.Name, ok, tt.want)
		}
	}
}

// TestFindGivenNames: a person's name that is also a place names a place
// in the person's own country without a cue, and one abroad only after
// "in", "near"…
func TestFindGivenNames(t *testing.T) {
	resolver := NewResolver()
	tests := []struct {
		text, home, want string
	}{
		{"Victoria says her boyfriend makes her work every night", "US", "Victoria, TX"}, // a place at home: US lines still
		{"Victoria says her boyfriend makes her work every night", "MX", ""},
		{"my friend Sydney goes to hotels with older men", "US", ""},
		{"Paris sent me a link to a modeling job", "US", ""},
		{"Victoria says her boyfriend makes her work every night", "", "Victoria"}, // no home: any reading
		{"I'm in Victoria and need a shelter", "US", "Victoria"},                   // a town at home, dwarfed by the state abroad
		{"I'm in Victoria and need a shelter", "MX", "Victoria"},                   // none at home: as before
		{"shelter in Sydney", "US", "Sydney, NSW"},
		{"Victoria, BC", "US", "Victoria, BC"},
		{"Sydney says he owes them", "AU", "Sydney, NSW"},
		{"my friend Georgia goes to hotels with older men", "US", "Georgia"},
		{"my friend Georgia goes to hotels with older men", "MX", ""},
		{"Austin says I have to keep working", "US", "Austin, TX"},
		{"Austin says I have to keep working", "CA", ""},
		{"Valencia is my cousin and she cannot leave her job", "US", "Valencia, CA"},
		{"estoy en Valencia, España", "US", "Valencia, Spain"},
		{"on a farm in kent, the gangmaster took our passports", "GB", "Kent"}, // the county at home
		{"Kent says I owe him for the room", "GB", "Kent"},
		{"im in norfolk and my boss took my passport", "US", "Norfolk, VA"}, // the town at home
		{"im in norfolk and my boss took my passport", "GB", "Norfolk"},
		{"im in norfolk and my boss took my passport", "MX", "Norfolk"}, // no town at home: the bigger
		// Words Americans do not write put the writer outside the US.
		{"my mum's friend is a live-in carer in kent and they lock her in", "US", "Kent"},
		{"sydney - my swimming coach says i'm his favourite", "US", "Sydney, NSW"},
		{"my friend is a live-in nanny in kent and they lock her in", "US", "Kent"}, // a town at home of 130,000, a county of 1.6 million
		{"boss keeps my wages for the room. care home in Kent", "US", "Kent"},
		{"working on a farm in Victoria, we're on working holiday visas", "US", "Victoria"},
		// In Spanish, a town at home does not outweigh a city where
		// Spanish is spoken, and a given name there is still a name.
		{"vivo en Valencia y mi novio me pega", "US", "Valencia, Spain"},
		{"vivo en Valencia y mi novio me pega", "VE", "Valencia, Venezuela"},
		{"vivo en Valencia y mi novio me pega", "ES", "Valencia, Spain"},
		{"vivo en Valencia, me paga 300 euros al mes", "US", "Valencia, Spain"},
		{"mi jefe en Valencia dice q vosotros no podeis hacer nada", "US", "Valencia, Spain"},
		{"I live in Valencia and my boss keeps my pay", "US", "Valencia, CA"}, // a city at home of 100,000 (in English)
		{"estoy en Santiago y no tengo donde dormir", "US", "Santiago, Chile"},
		{"un amigo de mi papa me toco, tengo 15, san juan", "US", "San Juan, PR"},
		{"Santiago me pega cuando llega borracho", "US", ""},
		{"vivo en Santa Ana y mi esposo me pega", "US", "Santa Ana, CA"}, // bigger than El Salvador's
		{"vivo en Santa Ana y mi esposo me pega", "SV", "Santa Ana, El Salvador"},
		{"somos de Quetzaltenango y mi hija se fue", "US", "Quetzaltenango, Guatemala"},
		// Where someone is from names a place even where the name is a
		// person's or a word; a message from someone does not.
		{"im 13 from adelaide is this a scam", "US", "Adelaide, SA"},
		{"I got a text from Sydney last night", "US", ""},
		// A city of 100,000 at home keeps its name from a city of a
		// million abroad.
		{"i'm in a trailer outside Odessa, he padlocked the door", "US", "Odessa, TX"},
		{"i'm in a trailer outside Odessa, he padlocked the door", "", "Odessa, Ukraine"},
		{"me mandaron fotos editadas, soy de lima", "US", "Lima, Peru"},
		{"soy de cali y un man tiene mi video", "US", "Cali, Colombia"},
		{"im 18 from essex and an agency wants pics", "US", "Essex"},
		{"I'm from Vietnam and my boss keeps my pay", "US", ""}, // a country left: not where help is
		{"soy de Honduras y no tengo papeles, si lo denuncio me deportan?", "US", ""},
		{"soy de Honduras y mi jefe me pega", "US", "Honduras"},
		{"mi comadre se vino de honduras hace años con coyote", "US", ""},
		{"me amenaza con llevárselo a El Salvador si lo denuncio", "US", ""}, // where he would take the baby
		// A province's name that is a word is no place ("en mayo"); one
		// that is a person's needs a cue.
		{"en mayo me pegó otra vez", "MX", ""},
		// A word that is a place: alone at the end, not before "station".
		{"my neighbour's teenager hasn't been home in 4 days. Mum seems unbothered. Cork", "US", "Cork, Ireland"},
		{"someone's been following me, im near union station in toronto", "US", "Toronto, ON"},
		{"my friend got spiked in a pub in temple bar", "US", ""},
		{"my friend Clare says he takes her pay", "US", ""},
		// A part of the place after its name; a name in brackets.
		{"my son's father hit me, sydney west", "US", "Sydney, NSW"},
		{"my student (Year 8, Sydney) told me", "US", "Sydney, NSW"},
		{"ran away, im at Sydney central station", "US", "Sydney, NSW"},
		// A capital where Spanish is spoken, for a Spanish writer; a
		// seat of government counts.
		{"me quede sin casa, estoy en San José con mi mochila", "US", "San José, Costa Rica"},
		{"got kicked out, sleeping behind the 7-eleven in san jose", "US", "San Jose, CA"},
		{"mi enamorado me encerró en su cuarto en La Paz", "US", "La Paz, Bolivia"},
		{"vivo en Guadalupe NL y me piden dinero por mis fotos", "US", "Guadalupe, Nuevo León"},
		{"el la esta golpeando y acelerando. Guadalupe NL", "US", "Nuevo León"},
		// Capitalised after a comma, a word is a place said alone.
		{"Rape crisis volunteer, Cork. Caller is 17", "US", "Cork, Ireland"},
		{"she's 14. cork. am I overreacting?", "US", ""},
		// Where the writer says they are wins over a place in another
		// country that is not someone else's.
		{"someone says they are from an agency in dubai that hires nannies. i'm in cebu", "US", "Cebu"},
		{"offered a nanny job in London, they'll keep my passport. im in manila", "US", "Manila, Philippines"},
		{"my sister works as a maid in Dubai and they lock her in. we're in Manila", "US", "Dubai, United Arab Emirates"},
		{"we're in Texas, they keep us in a motel in Houston", "US", "Houston, TX"},
		{"we're in Texas, they keep us in a motel in Hidalgo", "US", "Texas"}, // not Mexico's state
		{"we were in Mexico last year, now he keeps my pay in Houston", "US", "Houston, TX"},
		{"my employer in Saudi took my passport", "US", "Saudi Arabia"},
		{"vine de Venezuela a Chile hace dos años sola", "US", "Chile"},
		{"staying in a hostel in bangalore for college", "US", "Bengaluru, India"},
		{"me violaron hace dos dias en una fiesta en bs as", "US", "Buenos Aires, Argentina"},
		// Newcastle alone is England's (Tyneside); Australians say NSW.
		{"ran from home 2 nights ago. sleeping at the train station in Newcastle", "US", "Newcastle upon Tyne, England"},
		{"need emergency accommodation in newcastle nsw for me and my son", "US", "Newcastle, NSW"},
	}
	for _, tt := range tests {
		got, ok := resolver.Find(tt.text, tt.home)
		if ok != (tt.want != "") || got.Name != tt.want {
			t.Errorf("Find(%q, home %q) = %q, %v; want %q", tt.text, tt.home, got.Name, ok, tt.want)
		}
	}
}

// TestAnswer: a reply to "where?" is read as a place, even a name that
// free text takes only with a cue; a word that is also an abbreviation is
// still the word.
func TestAnswer(t *testing.T) {
	resolver := NewResolver()
	for _, tt := range []struct{ text, want string }{
		{"Plano", "Plano, TX"},
		{"Madison", "Madison, WI"},
		{"madison wi", "Madison, WI"},
		{"Cork", "Cork, Ireland"},
		{"75201", "75201"},
		{"CA", "California"},
		{"Dallas please", "Dallas, TX"},
		{"ok", ""},
		{"OK", ""},
		{"no", ""},
		{"NO", ""},
		{"hi", ""},
		{"idk", ""},
		{"i'd rather not say", ""},
	} {
		got, ok := resolver.Answer(tt.text, "US")
		if ok != (tt.want != "") || got.Name != tt.want {
			t.Errorf("Answer(%q) = %q, %v; want %q", tt.text, got.Name, ok, tt.want)
		}
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Winston-Salem", []string{"winston", "salem"}},
		{"St. John's", []string{"st", "johns"}},
		{"U.S.A.", []string{"u.s.a."}},
		{"EE.UU.", []string{"ee.uu."}},
		{"D.C", []string{"d.c."}},
		{"St.Louis", []string{"st", "louis"}},
		{"Québec, QC", []string{"quebec", "qc"}},
		{"MONTAÑA", []string{"montaña"}},
		{"Nuku‘alofa", []string{"nukualofa"}},
		{"Łódź, Øresund", []string{"lodz", "oresund"}},
		{"Timișoara, Iaşi", []string{"timisoara", "iasi"}},
	}
	for _, tt := range tests {
		var got []string
		for _, tok := range tokenize(tt.in) {
			got = append(got, tok.key)
		}
		if len(got) != len(tt.want) {
			t.Errorf("tokenize(%q) = %q, want %q", tt.in, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("tokenize(%q) = %q, want %q", tt.in, got, tt.want)
				break
			}
		}
	}
}

// TestTables checks the embedded tables as a whole.
func TestTables(t *testing.T) {
	g := resolver.gazetteer()
	kinds := map[string]int{}
	for _, e := range g.entries {
		p := e.place
		kinds[p.Kind]++
		if p.Name == "" || len(p.Country) != 2 || p.Lat < -90 || p.Lat > 90 || p.Lon < -180 || p.Lon > 180 {
			t.Errorf("bad place %+v", p)
		}
		// A province abroad is filed under its country alone.
		if p.Kind == kindRegion && !(e.county && p.Region == "") || p.Kind == kindCity && p.Region != "" {
			if _, ok := g.codes[p.Region]; !ok {
				t.Errorf("%s: unknown region %s", p.Name, p.Region)
			}
		}
	}
	if kinds[kindCountry] < 240 || kinds[kindRegion] < 100 || kinds[kindCity] < 2000 {
		t.Errorf("table sizes %v, want ≥240 countries, ≥100 regions, ≥2000 cities", kinds)
	}
	if n := len(resolver.zipTable().zips); n < 33000 {
		t.Errorf("%d ZIP codes, want ≥33000", n)
	}
}

func TestConcurrentFirstUse(t *testing.T) {
	r := NewResolver()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if p, err := r.Resolve("75201"); err != nil || p.Region != "US-TX" {
				t.Errorf("Resolve(75201) = %+v, %v", p, err)
			}
			if p, ok := r.Find("help in Dallas", ""); !ok || p.Name != "Dallas, TX" {
				t.Errorf("Find = %+v, %v", p, ok)
			}
		})
	}
	wg.Wait()
}

func BenchmarkNewResolver(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = NewResolver()
	}
}

// BenchmarkFirstLoad measures a fresh Resolver's first use of each table;
// B/op is what loading allocates, retained-B what it keeps.
func BenchmarkFirstLoad(b *testing.B) {
	for _, bm := range []struct {
		name string
		load func(*Resolver) any
	}{
		{"names", func(r *Resolver) any { return r.gazetteer() }},
		{"zips", func(r *Resolver) any { return r.zipTable() }},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				bm.load(NewResolver())
			}
			b.ReportMetric(float64(retained(func() any { return bm.load(NewResolver()) })), "retained-B")
		})
	}
}

// retained returns the bytes of heap that the value made by f keeps alive.
func retained(f func() any) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	v := f()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(v)
	if after.HeapAlloc < before.HeapAlloc {
		return 0
	}
	return after.HeapAlloc - before.HeapAlloc
}

func BenchmarkResolve(b *testing.B) {
	for _, in := range []string{
		"32.78,-96.80",     // coordinates
		"75201",            // zip
		"Dallas",           // city
		"Dallas, TX",       // qualified city
		"Texas",            // region
		"Mexico",           // country
		"Ciudad de México", // accents
	} {
		b.Run(in, func(b *testing.B) {
			if _, err := resolver.Resolve(in); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				resolver.Resolve(in)
			}
		})
	}
}

func BenchmarkFind(b *testing.B) {
	for _, bm := range []struct{ name, text string }{
		{"short", "shelter for a 16 yo male in Houston"},
		{"none", "I need help now, can you tell me what to do or who to call"},
		{"long", "hola, necesito ayuda: mi prima está en Los Ángeles pero yo estoy en un pueblo " +
			"cerca de Monterrey y no tengo papeles ni dinero, ¿hay algún refugio o abogado que hable español?"},
	} {
		b.Run(bm.name, func(b *testing.B) {
			resolver.Find(bm.text, "")
			b.ReportAllocs()
			for b.Loop() {
				resolver.Find(bm.text, "")
			}
		})
	}
}

// TestFindAnywhere: a place is found wherever it is in a message, in the
// ways people write it: bare at the end, a lower-case abbreviation after
// "in" or at the end, a city and its lower-case region.
func TestFindAnywhere(t *testing.T) {
	r := NewResolver()
	tests := []struct{ text, country, name string }{
		{"my bf makes me work the streets adelaide", "AU", "Adelaide, SA"},
		{"trabajo en un bar en tijuana y no me pagan", "MX", "Tijuana, Baja California"},
		{"where can i report it, i'm in the uk", "GB", "United Kingdom"},
		{"he's got a knife and he's between me and the door. nz", "NZ", "New Zealand"},
		{"we came in the usa last year", "US", "United States"},
		{"shelter in victoria bc", "CA", "Victoria, BC"},
		{"im in philly and need help", "US", "Philadelphia, PA"},
		// An everyday word is a place after "in" or "en", not after an
		// article too; a Spanish verb is no capital.
		{"i'm in the bath with my dad's razor", "", ""},
		{"nos tienen en una bodega cerca de la frontera", "", ""},
		{"mi marido me quito el pasaporte", "", ""},
		{"estoy en Quito y mi jefe no me paga", "EC", "Quito, Ecuador"},
		{"a hotel in Bath", "GB", "Bath, England"},
		// Where someone is going is not where they are; where they came
		// to is.
		{"my ex says he's taking our son to Mexico and not bringing him back", "", ""},
		{"un señor de facebook quiere llevarme a españa", "", ""},
		{"they will send us back to guatemala", "", ""},
		{"se perdio mi nieta de 8 en el mercado de la merced hace una hora", "MX", "Mexico City, Ciudad de México"},
		// A street or station is in the place named after it; a part of
		// a place may follow it after a comma.
		{"last pinged near central station sydney. he's 15", "AU", "Sydney, NSW"},
		{"he's in the driveway. adelaide, northern suburbs", "AU", "Adelaide, SA"},
		// A person's origin is not where the writer is.
		{"me amenazan con publicar mis fotos, es un tipo de Perú q conocí en tiktok", "", ""},
		{"guy just punched her outside the pub in freo", "AU", "Fremantle, WA"},
		{"i was assaulted at a festival in Byron this weekend", "AU", "Byron Bay, NSW"},
		// A city or region someone is going to counts where nothing else
		// is named, as an offer (TestFindOffered).
		{"me mando pasaje para ir a verlo a tijuana", "MX", "Tijuana, Baja California"},
		{"un señor quiere llevarme a puebla, me paga todo. soy de honduras", "HN", "Honduras"},
		// After "pueblo de", "sierra de" a surname is a place.
		{"vivo en un pueblo de guerrero", "MX", "Guerrero"},
		{"en la sierra de guerrero", "MX", "Guerrero"},
		{"el señor guerrero me grita", "", ""},
		{"I came to UK on a care visa and the agency keeps my pay", "GB", "United Kingdom"},
		{"mi novio me trajo a vivir a tijuana", "MX", "Tijuana, Baja California"},
		// A name standing alone between stops is said as a place; a place
		// after a comma is where the one before it is.
		{"Uni counsellor, Adelaide. Student disclosed an assault", "AU", "Adelaide, SA"},
		{"his dad makes him sleep in the car. they're 9. adelaide. do I tell someone", "AU", "Adelaide, SA"},
		{"a nail salon near my work in Cabramatta, Sydney. Same three women every day", "AU", "Cabramatta, NSW"},
		{"a nail salon near my work in Parramatta, Sydney. Same three women every day", "AU", "Parramatta, NSW"},
		// Towns of Australia and New Zealand far from a city.
		{"we're in dubbo and she ran off with him", "AU", "Dubbo, NSW"},
		{"a girl ran into my yard bleeding. Rotorua", "NZ", "Rotorua, New Zealand"},
		{"I live in Wisbech and there's a house on my road full of men", "GB", "Wisbech, England"},
		{"been sleeping in a tent by the river in christchurch", "NZ", "Christchurch, New Zealand"},
		{"it happened in March, at a party", "", ""},
		{"he's interested in young girls", "", ""},
		// Where a job is offered, still to come, counts after any other
		// place, where the person is from included; an offer told in the
		// past may be where they are now.
		{"me ofrecen trabajo en España cuidando abuelitos, vivo en Ecuador, es confiable?", "EC", "Ecuador"},
		{"my daughter got an offer to dance at a club in tokyo. we're in sydney", "AU", "Sydney, NSW"},
		{"me ofrecen trabajo de mesera en españa, suena bien? soy de paraguay", "PY", "Paraguay"},
		{"me ofrecen trabajo en Monterrey", "MX", "Monterrey, Nuevo León"},
		// An offer told in the past is still to come when the message asks
		// if it is real; not when the person has arrived.
		{"soy de honduras y me ofrecieron chamba de mesera en españa, me pagan el boleto. se oye bien o es trampa?", "HN", "Honduras"},
		{"got offered a nanny job in London through facebook, they want me to pay my visa first. I'm in Manila. legit?", "PH", "Manila, Philippines"},
		{"me ofrecieron trabajo en España y llegue hace un mes, me quitaron el pasaporte. soy de honduras, es legal?", "ES", "Spain"},
		{"nos prometieron trabajo de costura en Buenos Aires y no nos dejan salir. somos de Bolivia", "AR", "Buenos Aires, Argentina"},
		{"in a hotel in the valley, my guy has my id", "", ""},
		{"Sydney says her boyfriend makes her work", "", ""},
		// Where someone comes from is where help is needed only when the
		// message names no other place, and not a country they left.
		{"im from vietnam and my boss keeps my pay", "", ""},
		{"vengo de Honduras", "", ""},
		{"madam take my passport when i arrive from lagos", "", ""}, // a journey's start, even a city
		{"im from manila and my boss keeps my pay", "PH", "Manila, Philippines"},
		{"soy de guatemala y vivo en houston", "US", "Houston, TX"},
		{"vengo de Honduras y estoy en Texas", "US", "Texas"},
		{"soy de Guatemala", "GT", "Guatemala"},
		{"tengo 19 y soy de bilbao, mi ex subio un video mio", "ES", "Bilbao, Spain"},
		{"im from manila and my employer took my passport", "PH", "Manila, Philippines"},
		// A part of a place ("western", "regional") and a journey told as
		// done ("moved to") say a person's name is a place, and a region.
		{"case manager at a centre in western Sydney. Client is 41", "AU", "Sydney, NSW"},
		{"Year 8 coordinator in regional Victoria. A student's image", "AU", "Victoria"},
		{"im in victoria and my boss keeps my pay", "AU", "Victoria"},
		{"im in hamilton and my boss keeps my pay", "CA", "Hamilton, ON"},
		{"im in lincoln and my boss keeps my pay", "US", "Lincoln, NE"}, // not dwarfed by Lincoln, England
		{"ok so he pushes me around. i'm in logan", "AU", "Logan City, QLD"},
		{"i work at a kebab shop in galway and the owner keeps my passport", "IE", "Galway, Ireland"},
		// Parts of a region people name: the region.
		{"orchard worker in the okanagan, the boss charges us for the bunkhouse", "CA", "British Columbia"},
		{"he let me move in with him on the sunshine coast", "AU", "Queensland"},
		{"i was playing gta all night", "", ""},
		// Roads people name: Britain's motorways, Ontario's 401.
		{"he won't let me out of the car, we're on the M6", "GB", "United Kingdom"},
		{"standing on the bridge over the m62", "GB", "United Kingdom"},
		{"towed a car on the 401, there's a girl in the back", "CA", "Ontario"},
		{"my bf drives the m4 i wanted", "", ""},
		{"in a van, they took our phones except mine. m62", "GB", "United Kingdom"},
		{"the score was 401", "", ""},
		{"we're on the M6 near Birmingham", "GB", "Birmingham, England"},
		{"the boss swords at us", "", ""},
		{"I just moved to Sydney from Colombia for English school", "AU", "Sydney, NSW"},
		{"i got to go, my mom is home", "", ""},
		// UK counties, filed under their nations; a county that is also a
		// person's name needs a cue, and a town at home wins it.
		{"the agency takes 60% of my pay. its in lincolnshire", "GB", "Lincolnshire"},
		{"we live in a caravan in Essex", "GB", "Essex"},
		{"i live in devon and my boyfriend hits me", "GB", "Devon"},
		{"Devon says he will hurt me", "", ""},
		{"he's been following me since I left the shelter. Brixton", "GB", "Lambeth"},
		{"on a farm in kent, the boss took our passports", "GB", "Kent"},
		{"on a farm in norfolk, the boss took our passports", "US", "Norfolk, VA"},
		// Words only one country uses say which namesake is meant.
		{"on a farm in kent, the gangmaster took our passports", "GB", "Kent"},
		{"care home in Norfolk, they charge £8000 for the visa", "GB", "Norfolk"},
		{"chicken factory in Norfolk, 8 pounds per hour and he keeps our ID", "GB", "Norfolk"},
		{"he gives us 30 pounds a week and keeps our cards, a house in Norfolk", "GB", "Norfolk"},
		{"i lost 8 pounds a week working in Norfolk", "US", "Norfolk, VA"}, // weight, not pay
		{"doing my 88 days on a farm in Victoria, the ute ride costs $20", "AU", "Victoria"},
		{"my uncle is on a cattle station in the NT and the boss holds his pay", "AU", "Northern Territory"},
		{"we're in st kilda", "AU", "Saint Kilda, VIC"},
		{"my ex is outside in Newcastle, the Home Office has my papers", "GB", "Newcastle upon Tyne, England"},
		{"DSL at a primary in Newcastle, what's the LADO route?", "GB", "Newcastle upon Tyne, England"},
		{"my ex is outside in Newcastle, should i call triple zero", "AU", "Newcastle, NSW"},
		{"he owes me 20 quid and lives in victoria and the ute is his", "AU", "Victoria"}, // cues that disagree count for nothing
		{"me trajeron de honduras pa trabajar y el jefe dice q le debo", "", ""},
		{"mi vecina es de Nicaragua y la patrona no la deja salir", "", ""},
		{"un compañero viene de Guatemala y duerme en la bodega", "", ""},
		{"mi vecina es de Nicaragua, vivimos en Monterrey", "MX", "Monterrey, Nuevo León"},
		// "'s" after a place; "outside" a city is near it, not outside a
		// country or an everyday word; a sentence's first word is no
		// name after "called".
		{"any youth shelter in melbourne's north that'll take me", "AU", "Melbourne, VIC"},
		{"locked in the shed at a farm outside adelaide, boss took our passports", "AU", "Adelaide, SA"},
		{"do you take tips from outside the US? I'm in Ireland", "IE", "Ireland"},
		{"the neighbors dog is outside barking all night", "", ""},
		{"he is on the roof. Police called. Adelaide", "AU", "Adelaide, SA"},
		{"a guy called Adelaide", "", ""},
		// Mexico City's best-known neighbourhoods; short and familiar names.
		{"me tienen en un cuarto en la merced", "MX", "Mexico City, Ciudad de México"},
		{"estoy a la merced de mi patron", "", ""},
		{"estoy pensando en tirarme del puente de la av. insurgentes", "MX", "Mexico City, Ciudad de México"},
		{"trabajo en una casa en polanco y no me pagan", "MX", "Mexico City, Ciudad de México"},
		{"nos tienen en un depa en gdl", "MX", "Guadalajara, Jalisco"},
		{"mi prima esta en Cd. Juárez", "MX", "Ciudad Juárez, Chihuahua"},
		{"curro en un bar en bcn sin contrato", "ES", "Barcelona, Spain"},
		{"me drogaron en un antro de la zona rosa", "MX", "Mexico City, Ciudad de México"},
		{"me drogaron en un bar de la zona rosa, aqui en bogota", "CO", "Bogotá, Colombia"},
		{"cuida niños en Santiago de Chile y no le pagan", "CL", "Santiago, Chile"},
		{"mi novio me acaba de empujar contra el vidrio, estoy en su casa en valparaiso", "CL", "Valparaíso, Chile"},
		{"Pilar dice que su jefe no le paga", "", ""},
		{"no me dejan salir de la casa, estoy en un pueblo cerca de san cristobal", "MX", "San Cristóbal de las Casas, Chiapas"},
		// A suburb after "in", "at" or alone; not any last word.
		{"the boss keeps our pay, we're in Footscray", "AU", "Footscray, VIC"},
		// A province of a country whose regions are not places of their
		// own names that country, after "in" or "soy de"; Irish counties
		// whose names are words, after "County" or "Co.".
		{"nos tienen en una finca de café en Huehuetenango", "GT", "Huehuetenango"},
		{"tengo 16 años y soy de Alta Verapaz", "GT", "Alta Verapaz"},
		{"my employer held my passport, i'm back in kerala now", "IN", "Kerala"},
		{"we have a farm in Cavan and he keeps a shotgun", "IE", "County Cavan"},
		{"I live in a small town in Co. Mayo and everyone knows him", "IE", "County Mayo"},
		{"dad said he'd drive into a wall. we're in Waikato", "NZ", "Waikato"},
		// A subdivision that is a country of its own is that country.
		{"mi hermano esta en un barco pesquero en taiwan y no le pagan", "TW", "Taiwan"},
		// Suburbs of 5,000 people; not one that is an English word.
		{"two guys are holding my friend down at a party in Bondi", "AU", "Bondi, NSW"},
		{"sleeping rough in fortitude valley and two guys keep coming back", "AU", "Fortitude Valley, QLD"},
		{"he's outside the window of the place im crashing at, tapping on the glass", "", ""},
		// Towns of 5,000 in Australia; smaller towns known for
		// exploitation.
		{"ship docked in Port Hedland, captain keeps our seaman books", "AU", "Port Hedland, WA"},
		{"el patron no nos deja salir del rancho, estamos en san quintin", "MX", "San Quintín, Baja California"},
		{"nos tienen encerrados en una bodega en Tultitlán", "MX", "Tultitlán, Estado de México"},
		{"la señora me encierra, estoy en Riad", "SA", "Riyadh, Saudi Arabia"},
		{"estoy en un cuarto por la merced y el esta en la puerta", "MX", "Mexico City, Ciudad de México"},
		// A street named after a place is not in it; a bus station of a
		// city is.
		{"left home with my backpack. im at roma st station brisbane. 15", "AU", "Brisbane, QLD"},
		{"me escape de casa anoche, estoy en la central de autobuses de leon", "MX", "León, Guanajuato"},
		{"they locked us in the bunkhouse tonight. farm near leamington. please", "CA", "Leamington, ON"},
		{"we pay the contractor $150 a week for a bed in a shed in wagga", "AU", "Wagga Wagga, NSW"},
		// Landmarks people write from.
		{"I'm sat in my car at Beachy Head and I don't know why I came here", "GB", "Eastbourne, England"},
		{"my husband just called me from the Tasman Bridge saying goodbye", "AU", "Hobart, TAS"},
		{"man here have gun says i work. hotel near heathrow", "GB", "London, England"},
		{"a flat in Bethnal Green, they say i owe 10000", "GB", "Bethnal Green, England"},
		{"my friend is passed out at Surfers Paradise", "AU", "Surfers Paradise, QLD"},
		{"he hit me again. frankston", "AU", "Frankston, VIC"},
		{"my dad has Parkinson's", "", ""},
		{"i just sit by the reservoir", "", ""},
		// A person, not a place: a name after "my friend", a lone word.
		{"im worried about my friend sydney", "", ""},
		{"i'd rather not say", "", ""},
		{"help me", "", ""},
		{"ok", "", ""},
	}
	for _, tt := range tests {
		p, ok := r.Find(tt.text, "US")
		if tt.country == "" {
			if ok {
				t.Errorf("Find(%q) = %q, want no place", tt.text, p.Name)
			}
			continue
		}
		if !ok || p.Country != tt.country || p.Name != tt.name {
			t.Errorf("Find(%q) = %q (%s), %v; want %q (%s)", tt.text, p.Name, p.Country, ok, tt.name, tt.country)
		}
	}
}

// TestCountries: every country a text names a place in, Find's first,
// without where someone is from or is offered work.
func TestCountries(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"mi hermano trabaja en una granja en Carolina del Norte y el patron tiene su pasaporte, estamos en Oaxaca", []string{"MX", "US"}},
		{"she was taken to Houston by her boyfriend. we live in Monterrey", []string{"MX", "US"}},
		{"soy de Guatemala y vivo en Houston", []string{"US"}},
		{"me ofrecen trabajo en España, vivo en Quito", []string{"EC"}},
		// Where someone came from is no place to look for help.
		{"the recruiter back home in Cebu took our fees and now we are stuck in Auckland", []string{"NZ"}},
		{"we're back in Cebu now but the recruiter in Auckland kept our pay", []string{"PH", "NZ"}},
		{"help me", nil},
	}
	for _, tt := range tests {
		if got := resolver.Countries(tt.text, "US"); !slices.Equal(got, tt.want) {
			t.Errorf("Countries(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// FuzzFind: any text reads without panic, and Countries starts with the
// country of the place Find returns.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"mi hermano trabaja en una granja en Carolina del Norte, estamos en Oaxaca",
		"we're in Footscray. m62", "Birmingham AL", "Melbourne's west", "St. John's",
		"la zona rosa de bogota", "8 pounds per hour in Norfolk", "'s", "Cd.", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		p, ok := resolver.Find(text, "US")
		cs := resolver.Countries(text, "US")
		if ok != (len(cs) > 0) || ok && cs[0] != p.Country {
			t.Errorf("Find(%q) = %q (%s), %v; Countries = %q", text, p.Name, p.Country, ok, cs)
		}
	})
}

// TestFindOffered: a place named only as where a job is offered is marked
// so; one where the person is, is not.
func TestFindOffered(t *testing.T) {
	tests := []struct {
		text    string
		offered bool
	}{
		{"got offered a hostess job in dubai, legit?", true},
		{"job in dubai legit?", true},
		{"trabajo en dubái es real?", true},
		{"me ofrecen trabajo de mesera en Japón", true},
		// An offer told in the past, asked about: not taken yet.
		{"le ofrecieron trabajo de modelo en Japon, suena raro no?", true},
		{"me ofrecieron chamba en panama, q tan seguro es", true},
		{"a mi hermana le ofrecieron ir a bailar a un club en Panama, le pagan el vuelo y el hotel", true},
		{"my son got offered a job in Thailand, they'll pay his flight", true},
		// A fare owed is a trip made.
		{"me ofrecieron trabajo en Cancún y ahora les debo el pasaje", false},
		{"estoy en Dubái y la señora no me deja salir", false},
		{"me ofrecen trabajo en Cancún, soy de Honduras", false}, // where they are from comes first
		{"un chavo le ofrecio llevarla a Cancun de vacaciones", true},
		{"voy rumbo a zacatecas", true},
		// A job someone can get you, or people sought there.
		{"a guy on tiktok says he can get me a job dancing in japan", true},
		{"una chava de facebook me dice q en japon buscan muchachas para cantar en bares", true},
		{"an agency in Lagos is offering my sister a nanny job", false}, // where the agency is
		{"un amigo me dice q en Japon hay trabajo en fabricas. es confiable?", true},
		{"estoy en Monterrey y no hay trabajo", false},
	}
	for _, tt := range tests {
		p, ok := resolver.Find(tt.text, "US")
		if !ok || p.Offered != tt.offered {
			t.Errorf("Find(%q) = %+v, %v; want offered %v", tt.text, p, ok, tt.offered)
		}
	}
}

// TestFindCueOverOrigin: where the only place named is where someone came
// from or a job is offered, a word only one country uses says where the
// writer is; not in Spanish, where that word is mostly the euro.
func TestFindCueOverOrigin(t *testing.T) {
	tests := []struct{ text, country string }{
		{"Kia ora, the crew say the agency back in Manila keeps their passports", "NZ"},
		{"an agency is offering my daughter modelling work in Dubai for £500 a week", "GB"},
		{"got offered a hostess job in dubai, legit?", "AE"}, // no word says otherwise
		{"me ofrecen trabajo en Irlanda pero tengo que pagar 2000 euros del vuelo", "IE"},
	}
	for _, tt := range tests {
		if p, ok := resolver.Find(tt.text, "US"); !ok || p.Country != tt.country {
			t.Errorf("Find(%q) = %+v, %v; want %s", tt.text, p, ok, tt.country)
		}
	}
}

// TestCueCountry: a word only one country uses says which namesake a
// message means; a word of another language that looks like one does not.
func TestCueCountry(t *testing.T) {
	tests := []struct {
		text    string
		spanish bool
		want    string
	}{
		{"the LADO said to refer it", false, "GB"},
		{"escucho gritos en el cuarto de al lado", true, ""},
		{"mi novio tiene mi INE y no me deja ir", true, "MX"},
		{"the gardai won't help", false, "IE"},
		{"my centrelink got cut", false, "AU"},
		{"he's been pulled into county lines", false, "GB"},
		{"outside the chippy on my street", false, "GB"},
		{"we're in the car outside a maccas", false, "AU"},
		{"kia ora, oranga tamariki took my cousin's kids", false, "NZ"},
	}
	for _, tt := range tests {
		if got := cueCountry(tt.text, tokenize(tt.text), tt.spanish); got != tt.want {
			t.Errorf("cueCountry(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestAbroad: words that only people outside home use say so, though no
// place is named.
func TestAbroad(t *testing.T) {
	r := NewResolver()
	tests := []struct {
		text, home string
		want       bool
	}{
		{"my mum's boyfriend keeps coming into my room", "US", true},
		{"my mom's boyfriend keeps coming into my room", "US", false},
		{"centrelink cut my payments and he takes the rest", "US", true},
		{"the boss keeps £40 a day for the room", "US", true},
		{"my mum's boyfriend keeps coming into my room", "GB", false},
		{"my GP referred me to the NHS", "GB", false},
		{"mi mamá me pega", "US", false},
	}
	for _, tt := range tests {
		if got := r.Abroad(tt.text, tt.home); got != tt.want {
			t.Errorf("Abroad(%q, %s) = %v, want %v", tt.text, tt.home, got, tt.want)
		}
	}
}
