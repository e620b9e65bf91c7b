package slack

// words are the adapter's own labels around the engine's reply. The engine's
// words come in the reply's language; these follow it, in English or Spanish.
type words struct {
	lang                                 string
	serves, languages, near, website     string
	eligibility, intake, notes, source   string
	verifiedOn, neverVerified            string
	stale, staleNote                     string
	notShown, share, sharedBy            string
	refine, nearHint                     string
	hotline, service, warningSign, guide string
}

var english = words{
	lang:   "en",
	serves: "Serves", languages: "Languages", near: "Near", website: "Website",
	eligibility: "Eligibility", intake: "Intake", notes: "Notes", source: "Source",
	verifiedOn: "Verified on %s", neverVerified: "Never verified",
	stale: "Stale", staleNote: "older than %d days: check before referring",
	notShown: "%d more not shown here. Ask again in other words, or press More.",
	share:    "Share in channel", sharedBy: "Shared by %s",
	refine:   "Refine by place",
	nearHint: "Ask again with a place: `%s <question> in <city, state or ZIP>`, for example `in Houston, TX` or `in 10001`.",
	hotline:  "Hotline", service: "Service", warningSign: "Warning sign", guide: "Guide",
}

var spanish = words{
	lang:   "es",
	serves: "Atiende", languages: "Idiomas", near: "Cerca", website: "Sitio web",
	eligibility: "Requisitos", intake: "Ingreso", notes: "Notas", source: "Fuente",
	verifiedOn: "Verificado el %s", neverVerified: "Nunca verificado",
	stale: "Desactualizado", staleNote: "hace más de %d días: confírmalo antes de derivar",
	notShown: "%d más no se muestran aquí. Pregunta con otras palabras o pulsa Más.",
	share:    "Compartir en el canal", sharedBy: "Compartido por %s",
	refine:   "Filtrar por lugar",
	nearHint: "Pregunta de nuevo con un lugar: `%s <pregunta> in <ciudad, estado o código postal>`, por ejemplo `in Houston, TX`.",
	hotline:  "Línea de ayuda", service: "Servicio", warningSign: "Señal de alerta", guide: "Guía",
}

// wordsFor returns the labels for a reply in lang. Catalog text is still
// read in lang itself, should the engine speak a language with no labels here.
func wordsFor(lang string) words {
	w := english
	if lang == "es" {
		w = spanish
	}
	if lang != "" {
		w.lang = lang
	}
	return w
}

func (w words) kind(k string) string {
	switch k {
	case "hotline":
		return w.hotline
	case "service":
		return w.service
	case "warning-sign":
		return w.warningSign
	case "guide":
		return w.guide
	}
	return k
}

// helpText is the answer to "/hotline help", for staff.
func helpText(command string) string {
	return "*" + command + " <question> [in <place>]* finds hotlines and services for someone you are helping, with contacts, hours, eligibility, intake notes and when each entry was last verified. For example:\n" +
		"• `" + command + " trafficking hotline`\n" +
		"• `" + command + " shelter for a 16 yo male in Houston`\n" +
		"• `" + command + " T visa legal help NY`\n" +
		"• `" + command + " spanish speaking labor trafficking services CA`\n" +
		"Answers are visible only to you; press *Share in channel* to post one for everyone.\n" +
		"*@mention the app* in a channel to get the answer in a thread, or write to it in its Messages tab.\n" +
		"`" + command + " stale` lists catalog entries due for re-verification.\n" +
		"`" + command + " forget` erases what the bot remembers of this conversation (it keeps no transcript, only your last results for 30 minutes)."
}
