import json, unicodedata, re, glob
def fold(s):
    s=unicodedata.normalize('NFD',s)
    s=''.join(c for c in s if unicodedata.category(c)!='Mn').lower()
    s=re.sub(r"['’`]","",s)
    return ' '.join(re.findall(r'[^\W_]+',s))
sealed=set()
for f in glob.glob('internal/eval/testdata/sealed/*.jsonl'):
    for l in open(f): sealed.add(fold(json.loads(l)['text']))
dropped=0; devdrop=0
devseen=set()
names=['train-a','train-b','train-c','train-d']
for name in names:
    lines=[l.rstrip('\n') for l in open(f'/work/corpus-drafts/{name}.jsonl') if l.strip()]
    out_d=open(f'internal/eval/testdata/dev/dev-{name[-1]}.jsonl','w')
    for i,l in enumerate(lines):
        k=fold(json.loads(l)['text'])
        if i%5==4:
            if k in sealed: devdrop+=1; continue
            devseen.add(k); out_d.write(l+'\n')
for name in names:
    lines=[l.rstrip('\n') for l in open(f'/work/corpus-drafts/{name}.jsonl') if l.strip()]
    out_t=open(f'resources/examples/corpus-{name[-1]}.jsonl','w')
    for i,l in enumerate(lines):
        k=fold(json.loads(l)['text'])
        if i%5!=4:
            if k in sealed or k in devseen: dropped+=1; continue
            out_t.write(l+'\n')
print('train dropped',dropped,'dev dropped',devdrop)
