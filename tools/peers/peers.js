#!/usr/bin/env node
// Measures two peers of hotline on labelled splits, with the definitions of
// hotline's own evaluation (internal/eval): a right answer in the top 3,
// the main topic in the top 3, the trafficking line for a disclosure,
// urgent messages caught and false alarms.
//
//   node peers.js --root REPO --catalog-en FILE --catalog-es FILE SPLIT_DIR...
//
// REPO is the hotline checkout whose resources/examples/*.jsonl are the
// training split and whose resources/ holds lines.yaml and the resource
// files (for their keywords). The catalog files are the output of
// `go run ./cmd/hotline list --json --lang en|es`. Each SPLIT_DIR holds
// the *.jsonl files of one split. Only aggregate figures are printed:
// never a message.
'use strict';

const fs = require('fs');
const path = require('path');
const YAML = require('yaml');

// ---------------------------------------------------------------- input

function parseArgs(argv) {
  const opts = { splits: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--root') opts.root = argv[++i];
    else if (a === '--catalog-en') opts.catalogEn = argv[++i];
    else if (a === '--catalog-es') opts.catalogEs = argv[++i];
    else if (a === '--only') opts.only = argv[++i];
    else opts.splits.push(a);
  }
  if (!opts.root || !opts.catalogEn || !opts.catalogEs || opts.splits.length === 0) {
    console.error('usage: node peers.js --root REPO --catalog-en FILE --catalog-es FILE SPLIT_DIR...');
    process.exit(2);
  }
  return opts;
}

// readSplit reads every *.jsonl file in dir, in name order. A line that does
// not parse (a file still being written) is skipped and counted.
function readSplit(dir, filter = () => true) {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl') && filter(f)).sort();
  const out = [];
  let bad = 0;
  for (const f of files) {
    for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        out.push(JSON.parse(line));
      } catch {
        bad++;
      }
    }
  }
  return { examples: out, files, bad };
}

// ---------------------------------------------------------- definitions

// internal/catalog/area.go euMembers.
const EU = ['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU',
  'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK'];

function countryOf(ex) {
  return ex.country ? ex.country : 'US';
}

// serves: areas empty, or one of them is the country, "global", a region
// "<country>-…", or "EU" for a member.
function serves(r, country) {
  const areas = r.areas || [];
  if (areas.length === 0) return true;
  return areas.some((a) => a.split('-')[0] === country || a === 'global' || (a === 'EU' && EU.includes(country)));
}

class Rate {
  constructor() { this.hits = 0; this.all = 0; }
  add(hit) { this.all++; if (hit) this.hits++; }
  toString() {
    if (this.all === 0) return 'n/a (0)';
    return `${(100 * this.hits / this.all).toFixed(1)}% (${this.hits}/${this.all})`;
  }
}

class ByLang {
  constructor() { this.m = { all: new Rate() }; }
  add(lang, hit) {
    this.m.all.add(hit);
    (this.m[lang] ||= new Rate()).add(hit);
  }
  get(lang) { return this.m[lang] || new Rate(); }
}

// measure runs answer(ex) -> {ids: [resource id...], urgent: bool|null}
// over the split and counts as internal/eval does.
function measure(examples, answer, byId, lines) {
  const r = { messages: 0, counted: 0, top3: new ByLang(), main3: new ByLang(), caught: new ByLang(),
    falseAlarms: new ByLang(), disclosure: new Rate(), urgentKnown: true };
  for (const ex of examples) {
    r.messages++;
    const country = countryOf(ex);
    const reply = answer(ex, country);
    const top = reply.ids.slice(0, 3).map((id) => byId.get(id));
    const topics = ex.topics || [];
    // Covered, as internal/eval counts: the countries lines.yaml names.
    if (topics.length > 0 && lines[country]) {
      r.counted++;
      const any = top.some((res) => serves(res, country) && res.topics.some((t) => topics.includes(t)));
      const main = top.some((res) => serves(res, country) && res.topics.includes(topics[0]));
      r.top3.add(ex.lang, any);
      r.main3.add(ex.lang, main);
      const t = topics[0];
      if ((t === 'sex-trafficking' || t === 'labor-trafficking') && ex.who !== 'info') {
        const line = (lines[country] || {})[t];
        r.disclosure.add(!!line && top.some((res) => res.id === line));
      }
    }
    if (ex.danger !== undefined && ex.danger !== '') {
      if (reply.urgent === null) {
        r.urgentKnown = false;
      } else if (ex.danger === 'none') {
        r.falseAlarms.add(ex.lang, reply.urgent);
      } else {
        r.caught.add(ex.lang, reply.urgent);
      }
    }
  }
  return r;
}

// --------------------------------------------------------------- text

function fold(s) {
  return s.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '');
}

function words(s) {
  return fold(s).match(/[\p{L}\p{N}]+/gu) || [];
}

// Common English and Spanish function words, folded.
const STOP = new Set(`
a about above after again against all am an and any are as at be because been before being below between
both but by can could did do does doing down during each few for from further had has have having he her
here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
now of off on once only or other our ours ourselves out over own same she should so some such than that the
their theirs them themselves then there these they this those through to too under until up very was we
were what when where which while who whom why will with would you your yours yourself yourselves im ive
id dont cant wont didnt doesnt isnt its thats u ur ok yeah like get got just really also said says
el la los las un una unos unas lo le les al del de y e o u ni que en con por para sin sobre entre hasta
desde como cuando donde quien quienes cual cuales porque pero mas muy ya si no se me te nos os mi mis tu
tus su sus nuestro nuestra nuestros nuestras yo tu el ella ellos ellas usted ustedes nosotros nosotras
este esta estos estas ese esa esos esas aquel aquella esto eso es son era eran fue fueron ser estar
estoy estas esta estamos estan estaba he ha han hay haber tengo tiene tienen tenia q k pq xq tb tmb
algo alguien todo toda todos todas otro otra otros otras mismo misma tan tanto asi aqui alli ahi
`.split(/\s+/).filter(Boolean));

// The urgency rule a builder would write next to a search box: words that
// say danger now, in English and Spanish. Written before looking at any
// split; not tuned.
const URGENT = new RegExp('\\b(' + [
  'help now', 'help me now', 'right now', 'danger', 'dangerous', 'kill', 'killing', 'killed',
  'suicide', 'suicidal', 'end my life', 'want to die', 'going to die', 'locked', 'trapped',
  'emergency', 'bleeding', 'overdose', 'gun', 'knife', 'hurting me', 'beating me',
  'cant leave', 'can\'t leave', 'wont let me leave', 'won\'t let me leave', '911', '999',
  'ahora', 'ya mismo', 'auxilio', 'peligro', 'matar', 'me mata', 'suicid', 'quitarme la vida',
  'morir', 'encerrada', 'encerrado', 'atrapada', 'atrapado', 'emergencia', 'sangre', 'sangrando',
  'pistola', 'cuchillo', 'arma', 'me pega', 'me golpea', 'no me dejan salir',
].map((w) => fold(w).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|') + ')\\b');

function urgentByRule(text) {
  return URGENT.test(fold(text));
}

// ------------------------------------------------------------- catalog

function loadCatalog(opts) {
  const en = JSON.parse(fs.readFileSync(opts.catalogEn, 'utf8'));
  const es = JSON.parse(fs.readFileSync(opts.catalogEs, 'utf8'));
  const esById = new Map(es.map((r) => [r.id, r]));
  const text = (v, lang) => (v && typeof v === 'object' ? v[lang] || v.en || Object.values(v)[0] || '' : v || '');
  let missingFiles = 0;
  const resources = en.map((r) => {
    const other = esById.get(r.id) || {};
    const names = new Set();
    const summaries = new Set();
    for (const lang of ['en', 'es']) {
      for (const src of [r, other]) {
        names.add(text(src.name, lang));
        summaries.add(text(src.summary, lang));
      }
    }
    // Keywords are not in `list --json`: read them from the resource file.
    let keywords = [];
    const file = r.file && path.join(opts.root, 'resources', r.file);
    if (file && fs.existsSync(file)) {
      const doc = YAML.parse(fs.readFileSync(file, 'utf8')) || {};
      const kw = doc.keywords;
      if (Array.isArray(kw)) keywords = kw;
      else if (kw && typeof kw === 'object') keywords = Object.values(kw).flat();
    } else {
      missingFiles++;
    }
    return { ...r, names: [...names].filter(Boolean), summaries: [...summaries].filter(Boolean), keywords };
  });
  const linesDoc = YAML.parse(fs.readFileSync(path.join(opts.root, 'resources', 'lines.yaml'), 'utf8'));
  return { resources, byId: new Map(resources.map((r) => [r.id, r])), lines: linesDoc.lines || {}, missingFiles };
}

// ------------------------------------------------------------ peer 1: FTS5

function ftsPeer(cat) {
  const Database = require('better-sqlite3');
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, name, summary, keywords,
    tokenize = 'porter unicode61 remove_diacritics 2')`);
  const ins = db.prepare('INSERT INTO docs (id, name, summary, keywords) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (const r of cat.resources) ins.run(r.id, r.names.join('\n'), r.summaries.join('\n'), r.keywords.join('\n'));
  })();
  const q = db.prepare('SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs)');
  return {
    name: 'SQLite FTS5 (bm25, country filter)',
    version: `better-sqlite3 ${require('better-sqlite3/package.json').version}, SQLite ${db.prepare('select sqlite_version() v').get().v}`,
    answer(ex, country) {
      const terms = [...new Set(words(ex.text).filter((w) => w.length > 1 && !STOP.has(w)))];
      let ids = [];
      if (terms.length > 0) {
        const match = terms.map((t) => `"${t}"`).join(' OR ');
        for (const row of q.iterate(match)) {
          if (serves(cat.byId.get(row.id), country)) ids.push(row.id);
          if (ids.length === 3) break;
        }
      }
      return { ids, urgent: urgentByRule(ex.text) };
    },
  };
}

// ---------------------------------------------------------- peer 2: NLP.js

async function trainNlp(docs) {
  const { containerBootstrap, Nlp, LangEn } = require('@nlpjs/basic');
  const { LangEs } = require('@nlpjs/lang-es');
  const container = await containerBootstrap();
  container.use(Nlp);
  container.use(LangEn);
  container.use(LangEs);
  // NLP.js's own defaults for the intent classifier (nlu/src/nlu.js), with
  // only the per-epoch training log turned off.
  container.registerConfiguration('nlu-??', {
    keepStopwords: true, nonefeatureValue: 1, nonedeltaMultiplier: 1.2, spellCheck: false,
    spellCheckDistance: 1, filterZeros: true, log: false,
  }, true);
  const nlp = container.get('nlp');
  nlp.settings.autoSave = false;
  nlp.settings.autoLoad = false;
  nlp.settings.calculateSentiment = false;
  nlp.addLanguage('en');
  nlp.addLanguage('es');
  for (const d of docs) nlp.addDocument(d.lang, d.text, d.intent);
  await nlp.train();
  return nlp;
}

// bestFor picks the resource a topic answer shows in country: its line from
// lines.yaml, else the highest-priority hotline on the topic serving the
// country, else the highest-priority resource on it serving the country.
function bestFor(cat, topic, country) {
  const line = (cat.lines[country] || {})[topic];
  if (line && cat.byId.has(line)) return line;
  const on = cat.resources.filter((r) => r.topics.includes(topic) && serves(r, country));
  const byPriority = (a, b) => (b.priority || 0) - (a.priority || 0);
  const hotline = on.filter((r) => r.kind === 'hotline').sort(byPriority)[0];
  if (hotline) return hotline.id;
  const any = on.sort(byPriority)[0];
  return any ? any.id : null;
}

async function nlpPeer(cat, train) {
  const langs = (ex) => (ex.lang === 'es' ? 'es' : 'en');
  const topicDocs = train.filter((ex) => Array.isArray(ex.topics) && ex.topics.length > 0)
    .map((ex) => ({ lang: langs(ex), text: ex.text, intent: ex.topics[0] }));
  const dangerDocs = train.filter((ex) => ex.danger)
    .map((ex) => ({ lang: langs(ex), text: ex.text, intent: ex.danger }));
  const t0 = Date.now();
  const topicNlp = await trainNlp(topicDocs);
  const dangerNlp = await trainNlp(dangerDocs);
  const trainSeconds = (Date.now() - t0) / 1000;
  return {
    name: 'NLP.js intents (main topic; danger category)',
    version: `@nlpjs/basic ${require('@nlpjs/basic/package.json').version}, @nlpjs/lang-es ${require('@nlpjs/lang-es/package.json').version}`,
    trainSeconds,
    topicDocs: topicDocs.length,
    dangerDocs: dangerDocs.length,
    async answer(ex, country) {
      const lang = langs(ex);
      const t = await topicNlp.process(lang, ex.text);
      const ids = [];
      for (const c of t.classifications || []) {
        if (c.intent === 'None' || !(c.score > 0)) continue;
        const id = bestFor(cat, c.intent, country);
        if (id && !ids.includes(id)) ids.push(id);
        if (ids.length === 3) break;
      }
      const d = await dangerNlp.process(lang, ex.text);
      const urgent = !!d.intent && d.intent !== 'None' && d.intent !== 'none';
      return { ids, urgent };
    },
  };
}

// ---------------------------------------------------------------- main

async function precompute(peer, examples) {
  const answers = [];
  for (const ex of examples) answers.push(await peer.answer(ex, countryOf(ex)));
  return answers;
}

function table(rows) {
  const head = ['peer', 'right answer top 3 (all)', 'en', 'es', 'main topic top 3', 'disclosure',
    'urgent caught', 'false alarms', 'messages counted'];
  const out = ['| ' + head.join(' | ') + ' |', '|' + head.map(() => '---').join('|') + '|'];
  for (const { name, r } of rows) {
    const u = (rate) => (r.urgentKnown ? String(rate) : 'n/a');
    out.push('| ' + [name, r.top3.get('all'), r.top3.get('en'), r.top3.get('es'), r.main3.get('all'),
      r.disclosure, u(r.caught.get('all')), u(r.falseAlarms.get('all')),
      `${r.counted} of ${r.messages}`].join(' | ') + ' |');
  }
  return out.join('\n');
}

function detail(rows) {
  const head = ['peer', 'main topic top 3 en', 'main topic top 3 es', 'urgent caught en', 'urgent caught es',
    'false alarms en', 'false alarms es'];
  const out = ['| ' + head.join(' | ') + ' |', '|' + head.map(() => '---').join('|') + '|'];
  for (const { name, r } of rows) {
    out.push('| ' + [name, r.main3.get('en'), r.main3.get('es'), r.caught.get('en'), r.caught.get('es'),
      r.falseAlarms.get('en'), r.falseAlarms.get('es')].join(' | ') + ' |');
  }
  return out.join('\n');
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const cat = loadCatalog(opts);
  const trainDir = path.join(opts.root, 'resources', 'examples');
  const tr = readSplit(trainDir);
  const train = tr.examples;
  const log = (s) => process.stderr.write(s + '\n');
  log(`catalog: ${cat.resources.length} resources` + (cat.missingFiles ? ` (${cat.missingFiles} resource files not found for keywords)` : ''));
  log(`train: ${train.length} messages from ${tr.files.length} files in resources/examples` + (tr.bad ? `, ${tr.bad} unreadable lines skipped` : ''));

  const peers = [];
  if (!opts.only || opts.only === 'fts') peers.push(ftsPeer(cat));
  if (!opts.only || opts.only === 'nlp') {
    const p = await nlpPeer(cat, train);
    log(`NLP.js: trained on ${p.topicDocs} topic and ${p.dangerDocs} danger examples in ${p.trainSeconds.toFixed(1)} s`);
    peers.push(p);
  }

  for (const dir of opts.splits) {
    const sp = readSplit(dir);
    const seen = new Set(train.map((ex) => ex.text));
    const overlap = sp.examples.filter((ex) => seen.has(ex.text)).length;
    const rows = [];
    for (const p of peers) {
      const answers = await precompute(p, sp.examples);
      let i = 0;
      rows.push({ name: p.name, r: measure(sp.examples, () => answers[i++], cat.byId, cat.lines) });
    }
    console.log(`\n### ${path.relative(opts.root, path.resolve(dir)) || dir}: ${sp.examples.length} messages in ${sp.files.length} files` +
      (sp.bad ? ` (${sp.bad} unreadable lines skipped)` : '') +
      `; ${overlap} of them also in the training split word for word\n`);
    console.log(table(rows));
    console.log('\nBy language:\n');
    console.log(detail(rows));
  }
  console.log(`\nTrained on ${train.length} messages (resources/examples, ${tr.files.length} files); catalog of ${cat.resources.length} resources.`);
  console.log('Versions: ' + peers.map((p) => p.version).join('; ') + `; node ${process.version}.`);
  console.log('FTS5 urgency is a fixed word rule (English and Spanish danger words), not a model.');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
