# Splits writers' files into dev and train, run from the repository root:
#   python3 internal/eval/testdata/writers/split.py train-e train-f ...
# reads /work/corpus-drafts/NAME.jsonl for each NAME. Every fifth message
# goes to internal/eval/testdata/dev/dev-X.jsonl, the rest to
# resources/examples/corpus-X.jsonl (X: what follows "train-": "e", "aa"). A message
# already in the sealed split, or in dev or train from an earlier file
# (folded alike), is dropped: TestSplitsDisjoint keeps it so.
import json, unicodedata, re, glob, sys

def fold(s):
    s = unicodedata.normalize('NFD', s)
    s = ''.join(c for c in s if unicodedata.category(c) != 'Mn').lower()
    s = re.sub(r"['’`]", "", s)
    return ' '.join(re.findall(r'[^\W_]+', s))

def texts(pattern):
    out = set()
    for f in glob.glob(pattern):
        for l in open(f):
            if l.strip():
                out.add(fold(json.loads(l)['text']))
    return out

names = sys.argv[1:]
sealed = texts('internal/eval/testdata/sealed/*.jsonl')
seen = texts('internal/eval/testdata/dev/*.jsonl') | texts('resources/examples/*.jsonl')
dropped = 0
for name in names:
    lines = [l.rstrip('\n') for l in open(f'/work/corpus-drafts/{name}.jsonl') if l.strip()]
    suffix = name.split('-', 1)[1]
    dev = open(f'internal/eval/testdata/dev/dev-{suffix}.jsonl', 'w')
    train = open(f'resources/examples/corpus-{suffix}.jsonl', 'w')
    for i, l in enumerate(lines):
        k = fold(json.loads(l)['text'])
        if k in sealed or k in seen:
            dropped += 1
            continue
        seen.add(k)
        (dev if i % 5 == 4 else train).write(l + '\n')
print('dropped', dropped)
