package main

// Hand-written names that the data sets lack. Each table says why it is
// needed; keep entries sorted by key.

// spanishCountryNames fill in Spanish names where gountries has no SPA
// translation. The generator insists on one for every country in the
// Americas and Europe, where most of the hotline's Spanish speakers come
// from or pass through.
var spanishCountryNames = map[string][]string{
	"AG": {"Antigua y Barbuda"},
	"BE": {"Bélgica"},
	"BR": {"Brasil"},
	"CO": {"Colombia"},
	"CU": {"Cuba"},
	"DE": {"Alemania"},
	"DM": {"Dominica"},
	"EC": {"Ecuador"},
	"ES": {"España"},
	"FO": {"Islas Feroe"},
	"FR": {"Francia"},
	"GP": {"Guadalupe"},
	"GT": {"Guatemala"},
	"HN": {"Honduras"},
	"HT": {"Haití"},
	"HU": {"Hungría"},
	"IS": {"Islandia"},
	"IT": {"Italia"},
	"KY": {"Islas Caimán"},
	"LI": {"Liechtenstein"},
	"ME": {"Montenegro"},
	"MF": {"San Martín"},
	"MS": {"Montserrat"},
	"MT": {"Malta"},
	"MX": {"México"},
	"NI": {"Nicaragua"},
	"PA": {"Panamá"},
	"PT": {"Portugal"},
	"PY": {"Paraguay"},
	"RO": {"Rumania", "Rumanía"},
	"RS": {"Serbia"},
	"RU": {"Rusia"},
	"SV": {"El Salvador"},
	"SX": {"Sint Maarten"},
	"UY": {"Uruguay"},
	"VA": {"Ciudad del Vaticano", "Vaticano"},
	"VG": {"Islas Vírgenes Británicas"},
}

// countryAliases are the short and informal names people use.
// "US" and "USA" match only in upper case: the package treats short
// all-capital names as abbreviations.
var countryAliases = map[string][]string{
	"GB": {"UK", "U.K.", "Great Britain", "Britain", "Gran Bretaña"},
	"US": {"US", "U.S.", "USA", "U.S.A.", "United States of America", "EEUU", "EE.UU.", "EE UU", "EUA", "Estados Unidos de América", "Estados Unidos de Norteamérica"},
	"CD": {"DR Congo", "RD Congo", "República Democrática del Congo"},
	"DO": {"Dominican Republic", "República Dominicana"},
	// Bare "Korea" is the South: the North takes no migrant workers.
	"KR": {"South Korea", "Corea del Sur", "Korea", "Corea"},
	"SA": {"Saudi", "Arabia Saudita"}, // not "KSA": "casa" in texting
	"AE": {"UAE", "U.A.E.", "Emirates", "Emiratos"},
	"KP": {"North Korea", "Corea del Norte"},
	"NL": {"Holland", "Holanda"},
	"NZ": {"NZ", "N.Z.", "Aotearoa", "Nueva Zelanda"},
	"CZ": {"Czech Republic", "República Checa", "Chequia"},
}

// countryCentres replace wrong centres in gountries, which gives South
// Korea North Korea's and the Republic of the Congo its neighbour's.
// Approximate geographic centres.
var countryCentres = map[string][2]float64{
	"CG": {-0.7, 15.2},
	"KR": {36.4, 127.9},
}

// regionFix renames a subdivision whose gountries entry is out of date or
// clashes with another place.
type regionFix struct {
	code  string
	names []string
}

var regionFixes = map[string]regionFix{
	// The Federal District became Mexico City (ISO code CMX) in 2016.
	"MX-DIF": {code: "MX-CMX", names: []string{"Ciudad de México", "Distrito Federal"}},
	// The State of Mexico shares its short name with the country, which
	// is what "México" means alone.
	"MX-MEX": {code: "MX-MEX", names: []string{"Estado de México", "State of Mexico", "Edomex"}},
	"US-VI":  {code: "US-VI", names: []string{"U.S. Virgin Islands", "US Virgin Islands", "Virgin Islands", "Islas Vírgenes de los Estados Unidos"}},
}

// regionCentres replace wrong centres in gountries: Yukon has no
// longitude, the State of Mexico has Mexico City's, and the US
// territories have mainland ones (checkCentres catches these).
// Approximate geographic centres.
var regionCentres = map[string][2]float64{
	"CA-YT":  {64.28, -135.0},
	"GB-DEN": {53.11, -3.31}, // gountries has none; Ruthin, its county town
	"MX-MEX": {19.35, -99.65},
	"US-AS":  {-14.27, -170.70},
	"US-GU":  {13.44, 144.79},
	"US-PR":  {18.22, -66.47},
	"US-VI":  {18.34, -64.83},
}

// regionAliases are Spanish (and a few informal) names of regions.
var regionAliases = map[string][]string{
	"AU-NSW": {"Nueva Gales del Sur"},
	"AU-NT":  {"Territorio del Norte", "NT"}, // Canadians write "NWT"
	"AU-SA":  {"Australia Meridional"},
	"AU-WA":  {"Australia Occidental"},
	"CA-BC":  {"Columbia Británica"},
	"CA-NB":  {"Nuevo Brunswick"},
	"CA-NL":  {"Terranova y Labrador", "Terranova"},
	"CA-NS":  {"Nueva Escocia"},
	"CA-NT":  {"Territorios del Noroeste"},
	"CA-PE":  {"Isla del Príncipe Eduardo", "PEI"},
	"CA-YT":  {"Yukon Territory", "Yukón"},
	// Mexican states as people sign off a place ("La Paz BCS", "Tijuana
	// BC", "Cancún QRoo"): the usual short forms that are no word in
	// English or Spanish and no given name ("Ver", "Son", "Zac" are).
	"MX-BCN": {"B.C.", "BC"}, // "Tijuana BC": a city in it says which BC is meant
	"MX-BCS": {"B.C.S.", "BCS"},
	"MX-CHH": {"Chih"},
	"MX-COA": {"Coahuila de Zaragoza", "Coah"},
	"MX-DUR": {"Dgo"},
	"MX-GUA": {"Gto"},
	"MX-HID": {"Hgo"},
	"MX-JAL": {"Jal"},
	"MX-OAX": {"Oax"},
	"MX-QUE": {"Qro"},
	"MX-ROO": {"Q. Roo", "QRoo", "Q.R."},
	"MX-TAM": {"Tamps"},
	"MX-TLA": {"Tlax"},
	"MX-YUC": {"Yuc"},
	"MX-AGU": {"Ags"},
	"MX-MIC": {"Michoacán de Ocampo"},
	"MX-NLE": {"N.L.", "NL"}, // "Guadalupe NL": a city in it says which NL is meant
	"MX-SLP": {"S.L.P.", "SLP"},
	"MX-VER": {"Veracruz de Ignacio de la Llave"},
	"US-DC":  {"Distrito de Columbia", "D.C."},
	"US-HI":  {"Hawái"},
	"US-LA":  {"Luisiana"},
	"US-MI":  {"Míchigan"},
	"US-MO":  {"Misuri"},
	"US-MS":  {"Misisipi", "Misisipí"},
	"US-NC":  {"N.C.", "Carolina del Norte"},
	"US-ND":  {"N.D.", "Dakota del Norte"},
	"US-NH":  {"N.H.", "Nuevo Hampshire"},
	"US-NJ":  {"N.J.", "Nueva Jersey"},
	"US-NM":  {"N.M.", "Nuevo México"},
	"US-NY":  {"N.Y.", "New York State", "Estado de Nueva York"},
	"US-OR":  {"Oregón"},
	"US-PA":  {"Pensilvania"},
	"US-RI":  {"R.I."},
	"US-SC":  {"S.C.", "Carolina del Sur"},
	"US-SD":  {"S.D.", "Dakota del Sur"},
	"US-TX":  {"Tejas"},
	"US-WA":  {"Washington State"},
	"US-WV":  {"W.V.", "Virginia Occidental"},
}

// areaNames are parts of a region that people name as where they are,
// and that no town or other region shares: "on the Sunshine Coast", "an
// orchard in the Okanagan", "a farm in the Riverland". Each names its
// region, which is as near as the table gets. Left out: names that are
// also elsewhere's ("the Central Coast", California's too; "Niagara").
var areaNames = map[string][]string{
	"AU-NSW": {"Hunter Valley", "Blue Mountains", "Northern Rivers"},
	"AU-NT":  {"Top End"},
	"AU-QLD": {"Sunshine Coast"},
	"AU-SA":  {"Riverland", "Barossa", "Barossa Valley"},
	"AU-VIC": {"Gippsland", "Mornington Peninsula"},
	"AU-WA":  {"Pilbara"},
	"CA-BC":  {"Okanagan", "Fraser Valley"},
	"CA-ON":  {"Muskoka"}, // not "GTA": a game
	"GB-ENG": {"Midlands", "West Midlands", "East Midlands", "Cotswolds", "Lake District"},
	"MX-CHP": {"Soconusco"},
	"US-CA":  {"Bay Area", "Inland Empire"},
}

// ukNations stand in for the UK's subdivisions (see regionCountries). The
// centres are approximate geographic centres, entered by hand.
var ukNations = []region{
	{code: "GB-ENG", lat: 52.5, lon: -1.5, names: []string{"England", "Inglaterra"}},
	{code: "GB-NIR", lat: 54.65, lon: -6.7, names: []string{"Northern Ireland", "Irlanda del Norte"}},
	{code: "GB-SCT", lat: 56.5, lon: -4.2, names: []string{"Scotland", "Escocia"}},
	{code: "GB-WLS", lat: 52.3, lon: -3.7, names: []string{"Wales", "Gales"}},
}

// ukCounties are the UK subdivisions (ISO 3166-2:GB, as gountries has
// them) that people name as where they are, by nation, with the short
// forms people write ("Lincs", "Notts"; not "Herts", a typo of "hurts")
// and, for London boroughs, the districts in them people name. Most of
// the 230 are left out: cities are places already, and many names are
// words or names ("Down", "Bury", "Highland", "Angus", "Sutton", "Harrow",
// "Chelsea"). Where a county shares its name with a town of the person's
// home country (Norfolk and Suffolk, Virginia; Durham, North Carolina;
// Kent, Washington), Find takes the town. Surrey is left out: the corpus's
// writers meant Surrey, British Columbia, three times in four.
var ukCounties = map[string]map[string][]string{
	"GB-ENG": {
		"BDF": nil, "BKM": nil, "CAM": {"Cambs"}, "CHS": nil, "CMA": nil, "CON": nil,
		"DBY": {"Derbys"}, "DEV": nil, "DOR": nil, "ERY": {"East Yorkshire"}, "ESS": nil, "ESX": nil,
		"GLS": {"Glos"}, "HAM": {"Hants"}, "HEF": {"Herefordshire"}, "HRT": nil, "IOW": nil,
		"DUR": {"County Durham"}, "KEN": nil, "LAN": {"Lancs"}, "LEC": {"Leics"}, "LIN": {"Lincs"}, "NBL": nil, "NFK": nil,
		"NTH": {"Northants"}, "NTT": {"Notts"}, "NYK": {"Yorkshire"}, "OXF": {"Oxon"}, "RUT": nil,
		"SFK": nil, "SHR": nil, "SOM": nil, "STS": nil, "WAR": {"Warks"}, "WIL": nil, "WOR": {"Worcs"}, "WSX": nil,
		// London boroughs, with the districts in them people name.
		"BEX": nil, "BNE": nil, "BRY": nil, "EAL": nil, "ENF": nil, "GRE": nil, "HAV": nil, "HCK": nil,
		"HIL": nil, "HMF": {"Hammersmith", "Fulham"}, "HRY": {"Tottenham"}, "KEC": {"Kensington"},
		"LBH": {"Brixton"}, "LEW": nil, "NWM": nil, "RDB": nil, "SWK": {"Peckham"}, "TWH": nil, "WFT": {"Walthamstow"},
		"WND": nil,
	},
	"GB-WLS": {
		"AGY": {"Anglesey"}, "CGN": nil, "CMN": nil, "DEN": nil, "FLN": nil, "GWN": nil,
		"MON": nil, "PEM": nil, "POW": nil,
	},
	"GB-SCT": {
		"ABD": nil, "AGB": nil, "DGY": nil, "EAY": nil, "ELN": nil, "FIF": nil, "MLN": nil,
		"NAY": nil, "NLK": nil, "ORK": {"Orkney"}, "PKN": nil, "RFW": nil, "SAY": nil,
		"SCB": {"Scottish Borders"}, "SLK": nil, "WLN": nil, "ZET": {"Shetland"},
	},
	"GB-NIR": {"ANT": {"County Antrim"}, "ARM": {"County Armagh"}, "FER": {"County Fermanagh"}},
}

// cityAliases are other names of cities, keyed by country and GeoNames
// name: Spanish and English names, nicknames, and the short forms of long
// official names ("Tucumán", "Jerez"). "LA" is deliberately absent: it is
// also Louisiana; so are "Colonia" for Cologne (a neighbourhood in Mexico)
// and "Santiago" for Santiago de los Caballeros (Chile's capital).
var cityAliases = map[string][]string{
	"AE|Abu Dhabi":                        {"Abu Dabi"},
	"AR|Buenos Aires":                     {"Bs As", "Bs. As.", "BsAs", "Baires", "CABA"},
	"AR|San Miguel de Tucumán":            {"Tucumán"},
	"AR|San Salvador de Jujuy":            {"Jujuy"},
	"AT|Salzburg":                         {"Salzburgo"},
	"AT|Vienna":                           {"Viena"},
	"AU|Logan City":                       {"Logan"},
	"AU|Wagga Wagga":                      {"Wagga"},
	"AU|Fremantle":                        {"Freo"},
	"AU|Byron Bay":                        {"Byron"},
	"BE|Antwerpen":                        {"Amberes", "Anvers"},
	"BE|Brussels":                         {"Bruselas", "Bruxelles"},
	"BE|Gent":                             {"Gante", "Gand"},
	"BE|Liège":                            {"Lieja"},
	"BR|Jaboatão dos Guararapes":          {"Jaboatão"},
	"CA|Greater Sudbury":                  {"Sudbury"},
	"CA|Québec":                           {"Quebec City", "Ciudad de Quebec", "Ville de Québec"},
	"CL|Santiago":                         {"Santiago de Chile"},
	"CN|Beijing":                          {"Pekín", "Peking"},
	"CO|Bogotá":                           {"Zona Rosa"}, // see Mexico City
	"CO|Cartagena":                        {"Cartagena de Indias"},
	"CU|Havana":                           {"La Habana", "Habana"},
	"CZ|Pilsen":                           {"Plzeň"},
	"CZ|Prague":                           {"Praga"},
	"DE|Frankfurt am Main":                {"Frankfurt", "Fráncfort"},
	"DE|Freiburg":                         {"Freiburg im Breisgau", "Friburgo"},
	"DE|Hamburg":                          {"Hamburgo"},
	"DE|Hannover":                         {"Hanover"},
	"DE|Ludwigshafen am Rhein":            {"Ludwigshafen"},
	"DE|Munich":                           {"München"},
	"DE|Mülheim":                          {"Mülheim an der Ruhr"},
	"DK|Copenhagen":                       {"Copenhague"},
	"EG|Cairo":                            {"El Cairo"},
	"ES|A Coruña":                         {"La Coruña", "Coruña"},
	"ES|Barcelona":                        {"BCN"},
	"ES|Castelló de la Plana":             {"Castellón de la Plana", "Castellón", "Castelló"},
	"ES|Jerez de la Frontera":             {"Jerez"},
	"ES|L'Hospitalet de Llobregat":        {"L'Hospitalet", "Hospitalet de Llobregat", "Hospitalet"},
	"ES|Las Palmas de Gran Canaria":       {"Las Palmas"},
	"ES|Lleida":                           {"Lérida"},
	"ES|Ourense":                          {"Orense"},
	"ES|Palma":                            {"Palma de Mallorca"},
	"ES|Sevilla":                          {"Seville"},
	"ES|Zaragoza":                         {"Saragossa"},
	"FR|Bordeaux":                         {"Burdeos"},
	"FR|Marseille":                        {"Marsella", "Marseilles"},
	"FR|Nice":                             {"Niza"},
	"FR|Strasbourg":                       {"Estrasburgo"},
	"GB|Birmingham":                       {"Brum"},
	"GB|City of Westminster":              {"Westminster"},
	"GB|Derry":                            {"Londonderry"},
	"GB|Edinburgh":                        {"Edimburgo"},
	"GB|Kingston upon Hull":               {"Hull"},
	"GB|London":                           {"Londres"},
	"GB|Newcastle upon Tyne":              {"Newcastle"},
	"GB|Royal Leamington Spa":             {"Leamington Spa"},
	"GB|Royal Tunbridge Wells":            {"Tunbridge Wells"},
	"GB|Southend-on-Sea":                  {"Southend"},
	"GB|Stoke-on-Trent":                   {"Stoke"},
	"GR|Athens":                           {"Atenas"},
	"GR|Piraeus":                          {"Pireo", "El Pireo"},
	"GR|Pátra":                            {"Patras"},
	"GR|Thessaloníki":                     {"Salonica", "Tesalónica"},
	"GT|Guatemala City":                   {"Ciudad de Guatemala", "Guate"},
	"GT|Quetzaltenango":                   {"Xela"},
	"HN|Tegucigalpa":                      {"Tegus"},
	"HN|San Pedro Sula":                   {"SPS"},
	"HT|Port-au-Prince":                   {"Puerto Príncipe"},
	"IE|An Muileann gCearr":               {"Mullingar"},
	"IE|Cluain Meala":                     {"Clonmel"},
	"IE|Droichead Nua":                    {"Newbridge"},
	"IE|Gaillimh":                         {"Galway"},
	"IE|Loch Garman":                      {"Wexford"},
	"IE|Luimneach":                        {"Limerick"},
	"IN|Bengaluru":                        {"Bangalore"},
	"IN|Chennai":                          {"Madras"},
	"IN|Kolkata":                          {"Calcutta"},
	"IN|Mumbai":                           {"Bombay"},
	"IN|New Delhi":                        {"Nueva Delhi"},
	"IQ|Baghdad":                          {"Bagdad"},
	"IR|Tehran":                           {"Teherán"},
	"IT|Bologna":                          {"Bolonia"},
	"IT|Florence":                         {"Florencia", "Firenze"},
	"IT|Genoa":                            {"Génova"},
	"IT|Milan":                            {"Milano"},
	"IT|Naples":                           {"Nápoles", "Napoli"},
	"IT|Rome":                             {"Roma"},
	"IT|Turin":                            {"Torino"},
	"JP|Tokyo":                            {"Tokio"},
	"KR|Seoul":                            {"Seúl"},
	"KZ|Nur-Sultan":                       {"Astana"},
	"MM|Nay Pyi Taw":                      {"Naypyidaw"},
	"MN|Ulan Bator":                       {"Ulaanbaatar"},
	"MX|Acapulco de Juárez":               {"Acapulco"},
	"MX|Cabo San Lucas":                   {"Los Cabos"},
	"MX|Ciudad Acuña":                     {"Acuña"},
	"MX|Ciudad Apodaca":                   {"Apodaca"},
	"MX|Ciudad Delicias":                  {"Delicias"},
	"MX|Ciudad General Escobedo":          {"General Escobedo", "Escobedo"},
	"MX|Ciudad López Mateos":              {"Atizapán de Zaragoza", "Atizapán"},
	"MX|Ciudad Nezahualcoyotl":            {"Nezahualcóyotl", "Neza"},
	"MX|Ciudad Obregón":                   {"Obregón"},
	"MX|Delegación Cuajimalpa de Morelos": {"Cuajimalpa"},
	"MX|Ecatepec de Morelos":              {"Ecatepec"},
	"MX|Gustavo Adolfo Madero":            {"Gustavo A. Madero"},
	"MX|Heroica Caborca":                  {"Caborca"},
	"MX|Heroica Guaymas":                  {"Guaymas"},
	"MX|Heroica Matamoros":                {"Matamoros"},
	"MX|Heróica Zitácuaro":                {"Zitácuaro"},
	"MX|Iguala de la Independencia":       {"Iguala"},
	"MX|Ixtapa-Zihuatanejo":               {"Zihuatanejo"},
	"MX|Juchitán de Zaragoza":             {"Juchitán"},
	"MX|Juárez":                           {"Ciudad Juárez", "Juaritos"},
	"MX|Guadalajara":                      {"GDL", "Guanatos"},
	"MX|Monterrey":                        {"MTY"},
	"MX|Puerto Vallarta":                  {"Vallarta"},
	"MX|Santa María Chimalhuacán":         {"Chimalhuacán"},
	"MX|Tepatitlán de Morelos":            {"Tepatitlán"},
	"MX|Tultitlán de Mariano Escobedo":    {"Tultitlán"},
	"MX|León de los Aldama":               {"León"},
	"MX|Mexico City": {"Ciudad de México", "CDMX", "DF", "México DF", "México D.F.",
		// Its best-known neighbourhoods, which people name instead of the
		// city; those that are words only with "colonia" ("Colonia
		// Roma": Roma is Rome). Zona Rosa is Bogotá's too: a message
		// that names Colombia or Bogotá means that one.
		"Zona Rosa", "Polanco", "La Condesa", "Colonia Condesa", "Colonia Roma", "Roma Norte", "Roma Sur",
		"Tepito", "La Merced", "Narvarte", "Tlatelolco", "Pantitlán", "Colonia Doctores",
		"Colonia Obrera", "Tacubaya", "Lomas de Chapultepec", "Centro Histórico",
		// Its longest avenue, named with its kind ("insurgentes" alone is
		// a word).
		"Avenida Insurgentes", "Av Insurgentes", "Metro Insurgentes",
		// Its best-known market ("la merced" after "de" is a saint's
		// anywhere). Not "Central de Abastos": Bogotá has one too.
		"Mercado de la Merced"},
	"MX|Naucalpan de Juárez":         {"Naucalpan"},
	"MX|Oaxaca":                      {"Oaxaca de Juárez"},
	"MX|Pachuca de Soto":             {"Pachuca"},
	"MX|Poza Rica de Hidalgo":        {"Poza Rica"},
	"MX|San Cristóbal de las Casas":  {"San Cristóbal", "San Cris"},
	"MX|San Nicolás de los Garza":    {"San Nicolás"},
	"MX|San Pedro Garza García":      {"San Pedro"},
	"MX|Santiago de Querétaro":       {"Querétaro"},
	"MX|Soledad de Graciano Sánchez": {"Soledad"},
	"MX|Taxco de Alarcón":            {"Taxco"},
	"MX|Texcoco de Mora":             {"Texcoco"},
	"MX|Tlaquepaque":                 {"San Pedro Tlaquepaque"},
	"MX|Tuxtla":                      {"Tuxtla Gutiérrez"},
	"MX|Túxpam de Rodríguez Cano":    {"Tuxpan"},
	"MX|Victoria de Durango":         {"Durango"},
	"MX|Xalapa de Enríquez":          {"Xalapa", "Jalapa"},
	"NL|The Hague":                   {"Den Haag", "La Haya"},
	"PA|Panamá":                      {"Panama City", "Ciudad de Panamá"},
	"PE|Cusco":                       {"Cuzco"},
	"PL|Kraków":                      {"Cracow", "Cracovia"},
	"PL|Warsaw":                      {"Varsovia"},
	"PT|Lisbon":                      {"Lisboa"},
	"PT|Porto":                       {"Oporto"},
	"RO|Bucharest":                   {"Bucarest"},
	"RO|Cluj-Napoca":                 {"Cluj"},
	"RS|Belgrade":                    {"Belgrado"},
	"RU|Moscow":                      {"Moscú"},
	"SA|Riyadh":                      {"Riad", "Riyad"},
	"SE|Göteborg":                    {"Gotemburgo"},
	"SE|Stockholm":                   {"Estocolmo"},
	"SY|Damascus":                    {"Damasco"},
	"TT|Port of Spain":               {"Puerto España"},
	"UA|Kyiv":                        {"Kiev"},
	"US|Los Angeles":                 {"Los Ángeles"},
	"US|New Orleans":                 {"Nueva Orleans", "NOLA"},
	"US|New York City":               {"New York", "NYC", "Nueva York"},
	"US|Philadelphia":                {"Filadelfia", "Philly"},
	"US|St. Louis":                   {"Saint Louis"},
	"US|The Bronx":                   {"Bronx", "El Bronx"},
	"US|Washington, D.C.":            {"Washington DC", "Washington"},
	"ZA|Johannesburg":                {"Joburg", "Jozi"},
}

// landmarkAliases are places people name as where they are instead of
// their city: the bridges and cliffs a person in crisis may write from
// ("I'm sat in my car at Beachy Head"), an airport, and neighbourhoods
// known by name alone. A landmark another city shares a name with ("the
// Harbour Bridge", Sydney's or Auckland's; Soho, London's or New York's;
// Kings Cross, London's or Sydney's) is left out. They are merged into
// cityAliases.
var landmarkAliases = map[string][]string{
	"AU|Hobart":             {"Tasman Bridge"},
	"AU|Melbourne":          {"West Gate Bridge", "Westgate Bridge"},
	"AU|Sydney":             {"Sydney Harbour Bridge", "Watsons Bay"},
	"CA|Montréal":           {"Jacques Cartier Bridge", "Pont Jacques-Cartier"},
	"CA|Toronto":            {"Bloor Viaduct", "Prince Edward Viaduct"},
	"ES|Madrid":             {"Vallecas", "Lavapiés"},
	"GB|Bristol":            {"Clifton Suspension Bridge"},
	"GB|Eastbourne":         {"Beachy Head"},
	"GB|Kingston upon Hull": {"Humber Bridge"},
	"GB|London":             {"Heathrow", "Shoreditch"},
	"US|San Francisco":      {"Golden Gate Bridge"},
}

// provinceNamesakes are cities whose name is also their province's and
// region's, with the province's population: the number that weighs them
// against a namesake abroad, since a writer who names one may mean any
// of the three. "Valencia" is Spain's city (0.8 million), province (about
// 2.6 million, INE) and region, and Venezuela's city (1.4 million):
// Spanish writers in train and dev meant Spain's thirty times to
// Venezuela's once.
//
// Newcastle upon Tyne is weighed as Tyneside, the built-up area its name
// stands for (about 775,000, ONS 2011 census), against Newcastle, New
// South Wales (322,000): in train and dev, writers who named Newcastle
// alone meant England's about three times in four; Australians mostly
// wrote "Newcastle NSW".
var provinceNamesakes = map[string]int{
	"ES|Valencia":            2_600_000,
	"GB|Newcastle upon Tyne": 775_000,
}

// cityDisplayNames replace GeoNames names that already hold their region,
// which the package appends ("Washington, DC", not "Washington, D.C.,
// DC"), official Mexican names longer than anyone writes them
// ("Acapulco, Guerrero", not "Acapulco de Juárez, Guerrero"), the local
// names of European cities that English and Spanish speakers know by
// another ("Cologne", not "Köln"; the local name stays a name), and the
// bilingual names of Spanish cities ("Donostia / San Sebastián").
var cityDisplayNames = map[string]string{
	"BE|Antwerpen":                "Antwerp",
	"BE|Gent":                     "Ghent",
	"DE|Köln":                     "Cologne",
	"DE|Nürnberg":                 "Nuremberg",
	"DK|Århus":                    "Aarhus",
	"ES|Cadiz":                    "Cádiz",
	"ES|Donostia / San Sebastián": "San Sebastián",
	"ES|Gasteiz / Vitoria":        "Vitoria-Gasteiz",
	// GeoNames has these Irish towns by their Irish names.
	"IE|An Muileann gCearr":            "Mullingar",
	"IE|Cluain Meala":                  "Clonmel",
	"IE|Droichead Nua":                 "Newbridge",
	"IE|Gaillimh":                      "Galway",
	"IE|Loch Garman":                   "Wexford",
	"IE|Luimneach":                     "Limerick",
	"IT|Padova":                        "Padua",
	"MX|Acapulco de Juárez":            "Acapulco",
	"MX|Ciudad Nezahualcoyotl":         "Nezahualcóyotl",
	"MX|Ecatepec de Morelos":           "Ecatepec",
	"MX|Tultitlán de Mariano Escobedo": "Tultitlán",
	"MX|Heroica Guaymas":               "Guaymas",
	"MX|Heroica Matamoros":             "Matamoros",
	"MX|Iguala de la Independencia":    "Iguala",
	"MX|Juárez":                        "Ciudad Juárez",
	"MX|León de los Aldama":            "León",
	"MX|Naucalpan de Juárez":           "Naucalpan",
	"MX|Pachuca de Soto":               "Pachuca",
	"MX|Poza Rica de Hidalgo":          "Poza Rica",
	"MX|Santiago de Querétaro":         "Querétaro",
	"MX|Tuxtla":                        "Tuxtla Gutiérrez",
	"MX|Victoria de Durango":           "Durango",
	"MX|Xalapa de Enríquez":            "Xalapa",
	"NL|Almere Stad":                   "Almere",
	"SE|Göteborg":                      "Gothenburg",
	"US|Washington, D.C.":              "Washington",
}

// skippedCities are districts of a bigger city that GeoNames files as towns
// of their own (PPL, not PPLX): the city's entry stands for them, and
// Locate would otherwise name the district for much of the city.
//
// So are towns whose name is a word people write after "in", where no
// rule can tell the town: "interested in young girls" is not Young, New
// South Wales.
var skippedCities = map[string]bool{
	"ES|Chamartín":      true, // Madrid
	"ES|Ciudad Lineal":  true, // Madrid
	"HT|Delmas 73":      true, // Port-au-Prince
	"PL|Mokotów":        true, // Warsaw
	"PL|Praga Południe": true, // Warsaw
	"AU|Young":          true, // a word
	"AR|Pilar":          true, // a woman's name: "Pilar dice que..."
	"GB|March":          true, // a month: "it happened in March"
	"GB|Deal":           true, // a word
	"GB|Fleet":          true, // a word
	// Anguilla's capital (2,000 people): "in a hotel in the valley" is
	// a valley, and a person there got no line at all.
	"AI|The Valley": true,
	// Suburbs (districts) whose name people mean for a better-known
	// place elsewhere that GeoNames files under another name or not at
	// all: London's Paddington, Sydenham and Docklands, Honolulu's
	// Waikiki, the Menai Strait, Switzerland's Engadine; a council area;
	// and a gap.
	"AU|Paddington": true,
	"AU|Sydenham":   true,
	"AU|Docklands":  true,
	"AU|Waikiki":    true,
	"AU|Menai":      true,
	"AU|Engadine":   true,
	"AU|The Gap":    true,
	"GB|Mendip":     true,
}
