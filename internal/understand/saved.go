package understand

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
)

// A Reader learned ahead of time is saved in a catalog beside the examples
// it learned from, as SavedFile: learning is most of a start (about half a
// second of two processors' time), and reading the saved Reader takes a
// tenth of that. LoadSaved reads it only when its fingerprint says it was
// learned from the same example files and labels by the same code.
//
// The file is gzip'd: 4.8 MB for the 23,750 built-in examples.
const SavedFile = ExamplesDir + "/learned.bin.gz"

// savedMagic opens a saved Reader. Its last digits are the version of the
// format and of the learning: bump them when either changes, so that an
// old file is learned again rather than read wrong.
const savedMagic = "hotline-reader-2\n"

// fileSum is one example file as a fingerprint counts it.
type fileSum struct {
	name string
	size int64
	sum  [sha256.Size]byte
}

// exampleFiles lists the example files in fsys, with their sizes.
func exampleFiles(fsys fs.FS) ([]fileSum, error) {
	entries, err := exampleEntries(fsys, ExamplesDir)
	if err != nil {
		return nil, err
	}
	var out []fileSum
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			return nil, fmt.Errorf("understand: %w", err)
		}
		out = append(out, fileSum{name: e.Name(), size: info.Size()})
	}
	return out, nil
}

// sumFiles is the example files in fsys, with the hash of each.
func sumFiles(fsys fs.FS) ([]fileSum, error) {
	files, err := exampleFiles(fsys)
	if err != nil {
		return nil, err
	}
	for i := range files {
		f, err := fsys.Open(path.Join(ExamplesDir, files[i].name))
		if err != nil {
			return nil, fmt.Errorf("understand: %w", err)
		}
		h := sha256.New()
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("understand: %w", err)
		}
		h.Sum(files[i].sum[:0])
	}
	return files, nil
}

// fingerprint is a hash of what a Reader learns from: the example files,
// the labels, the training options and the format.
func fingerprint(files []fileSum, known Labels) []byte {
	h := sha256.New()
	io.WriteString(h, savedMagic)
	fmt.Fprintf(h, "%+v\n%q\n%q\n", TrainOptions{}.withDefaults(), known.Topics, known.Dangers)
	for _, f := range files {
		fmt.Fprintf(h, "%s %d %x\n", f.name, f.size, f.sum)
	}
	return h.Sum(nil)
}

// Save writes r, learned from the examples in fsys with the labels
// known, in the form LoadSaved reads.
func (r *Reader) Save(w io.Writer, fsys fs.FS, known Labels) error {
	files, err := sumFiles(fsys)
	if err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	s := &savedWriter{w: bw}
	s.bytes([]byte(savedMagic))
	s.bytes(fingerprint(files, known))
	s.put(uint32(len(files)))
	for _, f := range files {
		s.bytes([]byte(f.name))
		s.put(f.sum)
	}
	s.model(r.topics)
	s.model(r.danger)
	s.neighbours(r.near)
	if s.err == nil {
		s.err = bw.Flush()
	}
	if s.err == nil {
		s.err = zw.Close()
	}
	if s.err != nil {
		return fmt.Errorf("understand: save: %w", s.err)
	}
	return nil
}

// LoadSaved reads the Reader saved in fsys; nil, without an error, when
// there is none or it was saved from other examples, labels or code.
//
// The example files are read to check them, but for files built into the
// binary (an embed.FS), which cannot change after the build: there their
// names and sizes are checked, and TestBuiltInModelsAreSaved checks their
// bytes. A start then does not read 6 MB of examples it does not use.
func LoadSaved(fsys fs.FS, known Labels, th Thresholds) (*Reader, error) {
	f, err := fsys.Open(SavedFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("understand: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("understand: %s: %w", SavedFile, err)
	}
	return readSaved(bufio.NewReaderSize(zr, 1<<16), fsys, known, th)
}

// readSaved is LoadSaved once the file is unzipped.
func readSaved(r io.Reader, fsys fs.FS, known Labels, th Thresholds) (*Reader, error) {
	s := &savedReader{r: r}
	if magic := s.bytes(); string(magic) != savedMagic {
		if s.err != nil {
			return nil, fmt.Errorf("understand: %s: %w", SavedFile, s.err)
		}
		return nil, nil // another format: learn again
	}
	want := s.bytes()
	saved := map[string][sha256.Size]byte{}
	for range s.length() {
		name := string(s.bytes())
		var sum [sha256.Size]byte
		s.get(&sum)
		saved[name] = sum
	}
	if s.err != nil {
		return nil, fmt.Errorf("understand: %s: %w", SavedFile, s.err)
	}
	var files []fileSum
	var err error
	if _, built := fsys.(embed.FS); built {
		files, err = exampleFiles(fsys)
		for i := range files {
			files[i].sum = saved[files[i].name]
		}
	} else {
		files, err = sumFiles(fsys)
	}
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(fingerprint(files, known), want) {
		return nil, nil
	}
	out := &Reader{thresholds: th}
	out.topics = s.model()
	out.danger = s.model()
	out.near = s.neighbours()
	if s.err == nil && (out.danger == nil) != (out.near == nil) {
		// Read blends the two: one without the other would fail there.
		s.fail(errors.New("the danger model and the examples' index come together"))
	}
	if s.err != nil {
		return nil, fmt.Errorf("understand: %s: %w", SavedFile, s.err)
	}
	return out, nil
}

// savedWriter writes little-endian values, keeping the first error.
type savedWriter struct {
	w   io.Writer
	err error
}

func (s *savedWriter) put(v any) {
	if s.err == nil {
		s.err = binary.Write(s.w, binary.LittleEndian, v)
	}
}

func (s *savedWriter) bytes(b []byte) {
	s.put(uint32(len(b)))
	s.put(b)
}

func (s *savedWriter) strings(ss []string) {
	s.put(uint32(len(ss)))
	for _, x := range ss {
		s.bytes([]byte(x))
	}
}

// present writes whether a part of the Reader is there, and says so.
func (s *savedWriter) present(ok bool) bool {
	s.put(ok)
	return ok
}

func (s *savedWriter) model(m *Model) {
	if !s.present(m != nil) {
		return
	}
	s.strings(m.labels)
	s.put(m.buckets)
	s.put(m.bias)
	s.put(m.idf)
	s.put(m.scale)
	s.put(m.weights)
}

func (s *savedWriter) neighbours(n *neighbours) {
	if !s.present(n != nil) {
		return
	}
	s.put(n.buckets)
	s.put(n.idf)
	s.put(n.starts)
	// A bucket's examples are in order: the gaps between them are small,
	// and as varints a quarter of the size once gzip'd.
	gaps := make([]byte, 0, 2*len(n.in))
	for b := range n.buckets {
		prev := int32(-1)
		for _, i := range n.in[n.starts[b]:n.starts[b+1]] {
			gaps = binary.AppendUvarint(gaps, uint64(i-prev))
			prev = i
		}
	}
	s.bytes(gaps)
	s.put(uint32(len(n.norms)))
	s.put(n.norms)
	s.put(n.yes)
}

// savedReader reads what savedWriter wrote, keeping the first error.
type savedReader struct {
	r   io.Reader
	err error
}

// maxSaved bounds a saved slice's length, maxLabels a model's labels and
// maxBuckets its feature table (16 times the default): a corrupt length
// must fail, not allocate gigabytes.
const (
	maxSaved   = 1 << 26
	maxLabels  = 1 << 10
	maxBuckets = 1 << 20
)

func (s *savedReader) get(v any) {
	if s.err == nil {
		s.err = binary.Read(s.r, binary.LittleEndian, v)
	}
}

func (s *savedReader) length() int {
	var n uint32
	s.get(&n)
	if n > maxSaved {
		s.fail(fmt.Errorf("a length of %d", n))
		return 0
	}
	return int(n)
}

func (s *savedReader) fail(err error) {
	if s.err == nil {
		s.err = err
	}
}

func (s *savedReader) bytes() []byte {
	b := make([]byte, s.length())
	s.get(b)
	return b
}

func (s *savedReader) flag() bool {
	var b bool
	s.get(&b)
	return b
}

func (s *savedReader) model() *Model {
	if !s.flag() {
		return nil
	}
	m := &Model{}
	L := s.length()
	if L > maxLabels {
		s.fail(fmt.Errorf("%d labels", L))
		return nil
	}
	m.labels = make([]string, L)
	for i := range m.labels {
		m.labels[i] = string(s.bytes())
	}
	s.get(&m.buckets)
	if m.buckets == 0 || m.buckets&(m.buckets-1) != 0 || m.buckets > maxBuckets || int(m.buckets)*L > maxSaved {
		s.fail(fmt.Errorf("%d buckets", m.buckets))
		return nil
	}
	m.bias = make([]float32, L)
	m.idf = make([]float32, m.buckets)
	m.scale = make([]float32, L)
	m.weights = make([]int16, int(m.buckets)*L)
	s.get(m.bias)
	s.get(m.idf)
	s.get(m.scale)
	s.get(m.weights)
	return m
}

func (s *savedReader) neighbours() *neighbours {
	if !s.flag() {
		return nil
	}
	n := &neighbours{}
	s.get(&n.buckets)
	if n.buckets == 0 || n.buckets&(n.buckets-1) != 0 || n.buckets > maxBuckets {
		s.fail(fmt.Errorf("%d buckets", n.buckets))
		return nil
	}
	n.idf = make([]float32, n.buckets)
	n.starts = make([]int32, n.buckets+1)
	s.get(n.idf)
	s.get(n.starts)
	gaps := s.bytes()
	n.norms = make([]float32, s.length())
	s.get(n.norms)
	n.yes = make([]bool, len(n.norms))
	s.get(n.yes)
	if s.err != nil {
		return nil
	}
	if n.starts[n.buckets] < 0 || int(n.starts[n.buckets]) > len(gaps) {
		s.fail(errors.New("the examples' index does not hold together"))
		return nil
	}
	n.in = make([]int32, n.starts[n.buckets])
	for b := range n.buckets {
		prev := int64(-1)
		for k := n.starts[b]; k < n.starts[b+1] && k >= 0 && int(k) < len(n.in); k++ {
			gap, w := binary.Uvarint(gaps)
			if w <= 0 || gap == 0 || gap > maxSaved {
				s.fail(errors.New("the examples' index does not hold together"))
				return nil
			}
			gaps = gaps[w:]
			prev += int64(gap)
			n.in[k] = int32(prev)
		}
	}
	if len(gaps) != 0 || !n.whole() {
		s.fail(errors.New("the examples' index does not hold together"))
		return nil
	}
	n.poolScores()
	return n
}

// whole reports whether n's index points only inside itself: each
// bucket's run of examples within the list, each example one there is.
func (n *neighbours) whole() bool {
	if n.starts[0] != 0 || n.starts[n.buckets] != int32(len(n.in)) {
		return false
	}
	for b := range n.buckets {
		if n.starts[b] > n.starts[b+1] {
			return false
		}
	}
	return !slices.ContainsFunc(n.in, func(i int32) bool { return i < 0 || int(i) >= len(n.norms) })
}
