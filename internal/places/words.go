package places

import (
	"slices"
	"strings"
)

// These tables say when a name in free text is not a place. They are
// functions over switch statements, not maps, so that the package holds no
// mutable state and pays nothing to set them up.

// isCommonWord reports whether the folded name key is also an everyday
// English or Spanish word or a common personal name, so that Find takes it
// for a place only right after "in", "near", "en", "cerca de"... The list
// holds only words that are names of places in the embedded table; it was
// drawn up by intersecting those names with English and Spanish word lists
// and keeping the words people write in a message.
func isCommonWord(key string) bool {
	switch key {
	// English words.
	case "barking", "bath", "bend", "bury", "corona", "delta", "derby",
		"enterprise", "flint", "highland", "homestead", "independence",
		"male", "meridian", "mission", "mobile", "normal", "orange",
		"paradise", "paramount", "plantation", "reading", "riverside",
		"rugby", "sale", "shoreline", "sparks", "spring", "sunrise",
		"surprise", "temple", "union", "woodland", "jupiter", "cayenne",
		"casino", "emerald", "prospect",
		"botany", "glebe", "labrador", "manly", "mascot", "reservoir",
		"bray", "swords",
		"ajax", "gales", "the villages", "the hammocks",
		"west island", "flying fish cove", "mountain view",
		"angers", "bologna", "cologne", "cork", "gent", "liege", "moron",
		"natal", "nice", "pecs", "ruse", "split",
		// Countries that are also words or first names.
		"chad", "jordan", "turkey", "china", "chile", "jersey", "guinea",
		"reunion",
		// Spanish words.
		"amarillo", "chico", "chino", "escondido", "frontera", "indio",
		"largo", "madera", "manteca", "merced", "mesa", "modesto",
		"novato", "plano", "pueblo", "ventura", "vista", "lima",
		"asuncion", "delicias", "soledad", "guadalupe", "leon", "guerrero",
		"tabasco", "el progreso", "la paz", "la piedad", "el pueblito", "el monte",
		"la mesa", "ojo de agua", "buenavista", "santa maria", "la merced", "la condesa",
		"bello", "burdeos", "campo grande", "canoas", "corrientes",
		"diadema", "dos hermanas", "fortaleza", "franca", "jerez",
		"la laguna", "la plata", "las palmas", "palma", "parla", "pasto",
		"pelotas", "porto", "posadas", "resistencia", "salta",
		// Spanish words: "me quito el pasaporte" (quitó).
		"quito",
		// Slang: "Cali" is also California.
		"cali",
		// A bank.
		"santander",
		// Personal names.
		"allen", "barry", "chandler", "douglas", "elizabeth", "garcia",
		"irving", "jackson", "lawrence", "madison", "milton", "sandy",
		"stanley", "troy", "tyler", "warren",
		"burgos", "florence", "florencia", "linares", "mendoza", "pereira", "rosario",
		"salvador", "santos", "trujillo":
		return true
	}
	return false
}

// isGivenName reports whether the folded name key is also a person's name
// people write in a message ("Victoria says…", "my friend Georgia"). Find
// takes it without a cue only for a place in the person's own country.
// Names that are places only abroad for most people, or everyday words,
// are in isCommonWord instead. The list holds only names of places in the
// embedded table.
func isGivenName(key string) bool {
	switch key {
	case "adelaide", "alexandria", "arnold", "aurora", "austin", "bentley", "brooklyn",
		"camden", "charlotte", "dallas", "denver", "devon", "eugene", "georgia",
		"granada", "griffith", "hamilton", "india", "israel", "kent", "kenya",
		"kingston", "leigh", "lincoln", "logan", "medina", "montana", "nelson", "newman",
		"orlando", "paris", "phoenix", "raleigh", "regina", "ripley", "santiago",
		"savannah", "shelby", "stanley", "sydney", "valencia", "victoria",
		"virginia", "warwick",
		// Suburbs (see scan) that are people's names.
		"aston", "brent", "carlton", "doreen", "hale", "kingsley", "lalor",
		"lara", "leopold", "parkinson", "warner", "wishart":
		return true
	}
	return false
}

// isAmbiguousAbbrev reports whether an upper-case abbreviation is also a
// word people write in capitals ("IN", "OR", "OK", "ID", "ON"), a
// Spanish word in a shouted message ("DE", "AL", "MI"), or stands for
// two places ("LA": Louisiana or Los Angeles). Find takes it for a place
// only after "in", "near", "en", "cerca de"... or as the "XX" of
// "City, XX".
func isAmbiguousAbbrev(raw string) bool {
	switch raw {
	case "IN", "OR", "ME", "OK", "HI", "LA", "ON", "US", "ID", "PR",
		"DE", "AL", "PA", "MI", "MA", "AS", "GU", "VI", "ACT", "PE":
		return true
	}
	return false
}

// isLowerCaseWord reports whether a three-letter abbreviation of a place
// is, in lower case, an English or Spanish word.
func isLowerCaseWord(s string) bool {
	switch s {
	case "usa", "act", "vic", "tas", "eua":
		return true
	}
	return false
}

// isContextWord reports whether the folded word before a name makes it a
// place: "in Mobile", "en León".
func isContextWord(key string) bool {
	switch key {
	case "in", "near", "around", "en",
		// "estoy por la Merced", "vivo por Tlalpan": around.
		"por":
		return true
	}
	return false
}

// isGoingWord reports whether the folded word says someone is going or
// being taken somewhere, not that they got there: "heading (to)",
// "llevarme (a)".
func isGoingWord(key string) bool {
	switch key {
	case "go", "goes", "going", "gonna", "heading", "headed", "move", "moving", "take", "taking", "send", "sending",
		"fly", "flying", "travel", "traveling", "travelling", "bring", "bringing",
		"ir", "irme", "irte", "irse", "irnos", "voy", "vas", "va", "vamos", "van", "llevar", "llevarme", "llevarla",
		"llevarlo", "llevarnos", "llevarlos", "llevarlas", "mudarme", "mudarnos", "mudarse", "mandar", "mandarme",
		"mandarla", "mandarlo", "viajar", "viajo", "viaja", "traerme", "traerla", "traerlo",
		// "amenazó con llevarse a los niños a Honduras".
		"llevarse", "llevarselo", "llevarsela", "llevarselos", "llevarselas":
		return true
	}
	return false
}

// isPersonWord reports whether the folded word before a name makes it a
// person's: "my friend Sydney", "una chica llamada Victoria".
func isPersonWord(key string) bool {
	switch key {
	case "my", "friend", "sister", "brother", "cousin", "named", "called", "girl", "boy", "bestie", "bff",
		"gf", "bf", "mom", "mum", "dad", "aunt", "uncle", "niece", "nephew", "daughter", "son", "with", "and", "to", "for",
		"mi", "amiga", "amigo", "prima", "primo", "hermana", "hermano", "llamada", "llamado", "hija", "hijo", "tia", "tio",
		"sobrina", "sobrino", "con", "y", "a", "para":
		return true
	}
	return false
}

// tellsImmigrationStatus reports whether the text speaks of the writer's
// papers or of being deported: "no tengo papeles", "me deportan",
// "undocumented", "sin papeles".
func tellsImmigrationStatus(toks []token) bool {
	for i, t := range toks {
		switch t.key {
		case "deportan", "deporten", "deportar", "deportaran", "deportarme", "deportado", "deportada", "deport",
			"deported", "deportation", "deportacion", "indocumentado", "indocumentada", "indocumentados",
			"undocumented", "migra":
			return true
		case "papeles", "papers":
			// "no tengo papeles", "sin papeles", "no papers"; not "sus
			// papeles del trabajo".
			if i > 0 {
				switch toks[i-1].key {
				case "sin", "no", "tengo", "tenemos", "without":
					return true
				}
			}
		}
	}
	return false
}

// isRelativeWord reports whether the folded word names someone close to
// the writer, about whom people write for help: "my sister", "mi
// sobrina", "a friend".
func isRelativeWord(key string) bool {
	switch key {
	case "sister", "sisters", "brother", "brothers", "son", "sons", "daughter", "daughters", "cousin", "niece", "nephew",
		"aunt", "auntie", "uncle", "friend", "friends", "mate", "bestie", "wife", "husband", "mum", "mom", "mother",
		"dad", "father", "grandma", "gran", "nan", "grandmother", "grandfather", "grandson", "granddaughter",
		"girlfriend", "boyfriend",
		"hermana", "hermano", "hermanita", "hermanito", "hijo", "hija", "prima", "primo", "sobrina", "sobrino", "tia",
		"tio", "amiga", "amigo", "esposa", "esposo", "marido", "mama", "papa", "madre", "padre", "abuela", "abuelo",
		"nieto", "nieta", "cuñada", "cuñado", "novia", "novio", "suegra", "suegro":
		return true
	}
	return false
}

// isOfferWord reports whether the folded word offers or promises a job
// or a trip that is still to come: "an offer", "me ofrecen". An offer
// told in the past ("offered", "me ofrecieron", "prometió") is as often
// one the person took, and is where they are now, unless the message
// asks whether it is real (offerPending).
func isOfferWord(key string) bool {
	switch key {
	case "offer", "offers", "offering", "ofrece", "ofrecen", "oferta", "promete", "prometen",
		// "me consigue trabajo en Cancún".
		"consigue", "consiguen", "conseguir", "conseguirme":
		return true
	}
	return isHiringWord(key)
}

// isHiringWord reports whether the folded word says people are sought
// for work: "hiring nannies in Dubai", "en Japón buscan muchachas".
func isHiringWord(key string) bool {
	switch key {
	case "hiring", "recruiting", "recruits", "buscan", "contratan", "reclutan":
		return true
	}
	return false
}

// isWillWord reports whether the folded word says what someone can or
// will do: "he can get me", "she'll get you".
func isWillWord(key string) bool {
	switch key {
	case "can", "could", "will", "would", "ll", "hell", "shell", "theyll", "gonna":
		return true
	}
	return false
}

// isPastOfferWord reports whether the folded word tells an offer made
// before now: "offered", "me ofrecieron", "le prometió".
func isPastOfferWord(key string) bool {
	switch key {
	case "offered", "promised", "ofrecieron", "ofrecio", "prometieron", "prometio":
		return true
	}
	return false
}

// isJobWord reports whether the folded word names a job or who offers
// one: in a message that asks whether it is real ("job in dubai
// legit?"), the place after it is where the job is, not where the writer
// is.
func isJobWord(key string) bool {
	switch key {
	case "job", "jobs", "work", "role", "position", "agency", "recruiter", "recruiting",
		"hostess", "nanny", "maid", "housemaid", "dancer", "model", "modelling", "modeling",
		"trabajo", "chamba", "empleo", "chambita", "agencia", "reclutador", "reclutadora",
		"mesera", "nana", "ninera", "bailarina", "modelo":
		return true
	}
	return false
}

// offerPending reports whether a message tells of an offer still to be
// taken up: it asks whether the offer can be trusted ("legit?", "¿es
// seguro?", "o es trampa?") or says the fare is to be paid ("le pagan el
// vuelo", "they'll pay his flight"), and says nothing of having arrived.
// The person has not gone yet, and is where they write from ("me
// ofrecieron chamba de mesera en España ... soy de Honduras, ¿se oye bien
// o es trampa?"). A fare owed ("les debo el pasaje") is a trip made.
func offerPending(toks []token) bool {
	pending := false
	for i, t := range toks {
		prev := ""
		if i > 0 {
			prev = toks[i-1].key
		}
		switch t.key {
		case "arrived", "llegue", "llegamos", "llego":
			return false
		case "legit", "legitimate", "scam", "sketchy", "suspicious", "trap", "trampa", "estafa", "confiable", "fiable",
			"fiar", "confio", "sospechoso", "sospechosa", "raro", "rara":
			pending = true
		case "safe", "seguro", "segura", "real", "normal":
			// "is it safe?", "¿es seguro?", "es real?", "q tan seguro";
			// not "no estoy segura", "a real job".
			pending = pending || prev == "it" || prev == "es" || prev == "sera" || prev == "tan"
		case "serio":
			pending = pending || prev == "en" // "¿es en serio?"
		case "flag", "flags":
			pending = pending || prev == "red"
		case "flight", "flights", "ticket", "tickets", "fare", "airfare", "vuelo", "pasaje", "boleto", "billete":
			pending = pending || slices.ContainsFunc(toks[max(0, i-3):i], func(t token) bool { return isPayingWord(t.key) })
		}
	}
	return pending
}

// isPayingWord reports whether the folded word says a fare is or will be
// paid for someone: "they pay", "le pagan", "covers".
func isPayingWord(key string) bool {
	switch key {
	case "pay", "pays", "paying", "cover", "covers", "covering", "pagan", "paga", "pagar", "pagarian", "pagaria", "cubren":
		return true
	}
	return false
}

// isArrivalWord reports whether the folded word, before "to" or "a", tells
// a journey that is over: "moved to", "came to", "me trajo a vivir a".
func isArrivalWord(key string) bool {
	switch key {
	case "came", "moved", "arrived", "relocated", "brought", "got",
		"vine", "vinimos", "llegue", "llegamos", "llego", "mude", "mudamos", "trajo", "trajeron", "vivir":
		return true
	}
	return false
}

// isDepartureWord reports whether the folded word, a word or two before
// "from", tells a journey that began there: "arrived from", "came here
// from", "flew in from".
func isDepartureWord(key string) bool {
	return isArrivalWord(key) || key == "arrive" || key == "flew"
}

// isAreaWord reports whether the folded word names a part of a place
// before its name: "western Sydney", "regional Victoria", "rural
// Georgia". A name after it is a place, and, where it names both a region
// and a town, the region. "North", "east"... are left out: they begin
// names of their own ("East London", "North Bay").
func isAreaWord(key string) bool {
	switch key {
	case "western", "eastern", "northern", "southern", "central", "inner", "outer", "greater",
		"regional", "rural", "outback", "downtown", "upstate", "suburban":
		return true
	}
	return false
}

// isTrailingAreaWord reports whether the folded word after a name names a
// part of it: "Sydney west", "adelaide northern suburbs", "Leeds city
// centre".
func isTrailingAreaWord(key string) bool {
	switch key {
	case "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
		"cbd", "suburbs", "centre", "center", "city":
		return true
	}
	return false
}

// isLandmarkWord reports whether the folded word after a name makes it
// the name of a place in a town, not of the town: "union station",
// "temple bar", "bloor street".
func isLandmarkWord(key string) bool {
	switch key {
	case "station", "street", "st", "road", "rd", "avenue", "ave", "bar", "pub", "club", "mall", "market",
		"square", "park", "bridge", "hotel", "motel", "estacion", "calle", "avenida", "mercado", "plaza", "parque":
		return true
	}
	return false
}

// isStreetWord reports whether the folded word after a name makes it a
// street's: "roma st", "Oxford Street", "Toronto Road".
func isStreetWord(key string) bool {
	switch key {
	case "st", "street", "rd", "road", "ave", "avenue", "blvd", "boulevard", "lane", "drive":
		return true
	}
	return false
}

// isMessageWord reports whether the folded word before "from" says that
// what came is a message or a thing, so that the name after it is a
// person's: "a text from Sydney", "a gift from Florence".
func isMessageWord(key string) bool {
	switch key {
	case "text", "texts", "message", "messages", "msg", "dm", "dms", "call", "calls", "email", "emails", "letter",
		"note", "gift", "gifts", "money", "package", "parcel", "pics", "photos", "snap", "snaps", "post", "comment",
		"help", "hear", "heard", "away":
		return true
	}
	return false
}

// isPartWord reports whether the folded word, before "de" or "of", names a
// part of the place named after it: "el centro de Quito", "las afueras de
// Lima", "the outskirts of Leeds". "North", "east"... in English are left
// out: "north of Boston" is not in it.
func isPartWord(key string) bool {
	switch key {
	case "cerca", "centro", "ciudad", "estado", "provincia", "municipio", "departamento", "afueras", "alrededores",
		"colonia", "barrio", "zona", "norte", "sur", "oriente", "poniente", "periferia",
		// "un pueblo de Guerrero", "la sierra de Guerrero": a surname
		// after "de" is a person's, after these a place's.
		"pueblo", "pueblito", "rancho", "ranchito", "comunidad", "sierra", "region", "costa",
		// "la central de autobuses de León", "la terminal de Tijuana".
		"autobuses", "camionera", "terminal", "aeropuerto",
		"outskirts", "centre", "center", "city", "suburbs":
		return true
	}
	return false
}

// isArticle reports whether the folded word may stand between a context
// word and a name: "in the US", "en la CDMX".
func isArticle(key string) bool {
	switch key {
	case "the", "el", "la", "los", "las":
		return true
	}
	return false
}

// isZIPWord reports whether the folded word before five digits makes them
// a ZIP code: "zip 75201", "código postal 75201".
func isZIPWord(key string) bool {
	switch key {
	case "zip", "zipcode", "postal", "cp":
		return true
	}
	return false
}

// speaksSpanish reports whether Spanish is the main language of the
// country with this ISO code.
func speaksSpanish(country string) bool {
	switch country {
	case "AR", "BO", "CL", "CO", "CR", "CU", "DO", "EC", "ES", "GQ", "GT", "HN", "MX", "NI", "PA", "PE", "PR", "PY",
		"SV", "UY", "VE":
		return true
	}
	return false
}

// isCommonwealthText reports whether an English text has a word that
// Americans spell or say otherwise: "mum", "bloke", "fortnight", "uni",
// "petrol", "a care home", "a working holiday", "centre", "neighbour".
func isCommonwealthText(toks []token) bool {
	for i, t := range toks {
		next := nextKey(toks, i)
		switch t.key {
		case "mum", "mums", "mummy", "bloke", "blokes", "fortnight", "uni", "carer", "carers", "lorry",
			"motorway", "petrol", "maths", "whilst", "queue",
			"centre", "neighbour", "neighbours", "neighbourhood", "colour", "favourite", "favour", "behaviour",
			"labour", "organisation", "programme", "realise", "realised", "apologise":
			return true
		case "working": // a working holiday visa
			if next == "holiday" {
				return true
			}
		case "care": // a care home: a nursing home in the US
			if next == "home" {
				return true
			}
		}
	}
	return false
}

// speaksSpanishIn reports whether Spanish is the main language where e
// is: in a Spanish-speaking country, or in Puerto Rico.
func speaksSpanishIn(e *entry) bool {
	return speaksSpanish(e.place.Country) || e.place.Region == "US-PR"
}

// isSpanishText reports whether more of the words are Spanish ones than
// English ones, counting only short words of each that the other does
// not use.
func isSpanishText(toks []token) bool {
	n := 0
	for _, t := range toks {
		switch t.key {
		case "de", "la", "el", "que", "q", "y", "en", "los", "las", "mi", "un", "una", "por", "con", "es",
			"estoy", "se", "lo", "le", "del", "para", "pero", "tengo", "muy", "mas", "ya", "esta":
			n++
		case "the", "and", "i", "my", "to", "of", "is", "in", "it", "he", "she", "you", "im", "we", "for",
			"with", "but", "have", "was", "at", "on", "this", "that":
			n--
		}
	}
	return n > 0
}

// cueCountry returns the country that words only its people use put the
// writer in, "" for none or for more than one: "£" and "quid", its
// institutions ("Home Office", "Centrelink", "Garda"), its words for
// things ("gangmaster", "ute", "arvo"). A word several countries share
// ("mum", "mate", "pounds", which also weigh) is no cue.
//
// In Spanish, the euro and the words only Spain uses ("vosotros",
// "móvil", "curro", "ayuntamiento") put the writer in Spain.
func cueCountry(text string, toks []token, spanish bool) string {
	found := ""
	if strings.ContainsRune(text, '£') {
		found = "GB"
	}
	for i, t := range toks {
		if spanish && t.key == "lado" && !t.upper {
			// "al lado", "del otro lado": Spanish, not a safeguarding
			// officer (LADO).
			continue
		}
		c := countryWord(t.key, nextKey(toks, i))
		if c == "" && isPoundsPerTime(toks, i) {
			c = "GB"
		}
		if spanish && c == "" {
			c = spainWord(t.key)
		}
		switch {
		case c == "":
		case found != "" && found != c:
			return ""
		default:
			found = c
		}
	}
	return found
}

// countryWord returns the country that the folded word (with the word
// after it) belongs to, if only one uses it.
func countryWord(key, next string) string {
	switch key {
	case "quid", "gangmaster", "gangmasters", "nhs", "brp", "gcse", "gcses", "ofsted",
		// Safeguarding: the designated lead, the local authority officer,
		// the National Referral Mechanism; and a court order.
		"dsl", "lado", "nrm", "tenner", "fiver", "innit", "ucas", "pcso", "ehcp",
		// A fish and chip shop.
		"chippy":
		return "GB"
	case "county":
		if next == "lines" { // drug runs children are made to do
			return "GB"
		}
	case "non":
		if next == "molestation" {
			return "GB"
		}
	case "sixth":
		if next == "form" {
			return "GB"
		}
	case "home":
		if next == "office" {
			return "GB"
		}
	case "universal":
		if next == "credit" {
			return "GB"
		}
	case "centrelink", "ute", "arvo", "servo", "gday", "tafe", "dvo", "avo", "esafety", "ndis", "footy", "maccas":
		return "AU"
	case "triple":
		if next == "zero" { // 000
			return "AU"
		}
	case "cattle", "sheep":
		if next == "station" { // a ranch, in Australia
			return "AU"
		}
	case "garda", "gardai":
		return "IE"
	case "whanau", "marae", "winz", "kiwisaver", "jandals", "aotearoa":
		// Family and meeting ground in Māori; the benefits office; a
		// pension fund; flip-flops; New Zealand.
		return "NZ"
	case "kia":
		if next == "ora" {
			return "NZ"
		}
	case "oranga":
		if next == "tamariki" { // the children's ministry
			return "NZ"
		}
	case "ohip", "loonie", "toonie":
		return "CA"
	case "ine", "curp", "imss", "unam", "infonavit":
		// Mexico's voter card (its identity card), population register,
		// social security, national university and housing fund.
		return "MX"
	}
	return ""
}

// spainWord returns "ES" for a folded Spanish word only Spain uses: the
// "vosotros" forms, its words for things and its institutions.
func spainWord(key string) string {
	switch key {
	case "euro", "euros", "vosotros", "vosotras", "vuestro", "vuestra", "vuestros", "vuestras", "podeis", "teneis",
		"sabeis", "quereis", "movil", "ordenador", "curro", "currar", "chaval", "chavala", "gilipollas",
		"mogollon", "guay", "ayuntamiento", "mossos", "ertzaintza", "empadronamiento", "empadronada", "empadronado":
		return "ES"
	}
	return ""
}

// isPoundsPerTime reports whether toks[i] is "pounds" as a wage or a
// charge: "8 pounds per hour", "he gives us 30 pounds a week". Americans
// weigh in pounds ("I lost 2 pounds a week"), but are not paid in them.
func isPoundsPerTime(toks []token, i int) bool {
	if k := toks[i].key; k != "pound" && k != "pounds" || i+2 >= len(toks) {
		return false
	}
	switch toks[i+1].key {
	case "per", "a", "an", "each", "every":
	default:
		return false
	}
	switch toks[i+2].key {
	case "hour":
		return true
	case "day", "night", "week", "month":
		for j := i - 1; j >= max(0, i-4); j-- {
			switch toks[j].key {
			case "pay", "pays", "paid", "earn", "earns", "owe", "owes", "charge", "charges", "give", "gives", "take", "takes":
				return true
			}
		}
	}
	return false
}

// nextKey is the folded word after toks[i]; "" at the end.
func nextKey(toks []token, i int) string {
	if i+1 < len(toks) {
		return toks[i+1].key
	}
	return ""
}
