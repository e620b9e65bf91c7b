package hsds

import (
	"crypto/sha1"
	"encoding/hex"
)

// idNamespace is the RFC 9562 name-based namespace of the ids hotline
// writes: the version 5 UUID of the project's URL in the URL namespace,
// uuid5(NAMESPACE_URL, "https://github.com/hotline-org/hotline").
var idNamespace = [16]byte{0xac, 0x15, 0x9c, 0x5f, 0x3d, 0xce, 0x55, 0xd6, 0x83, 0x1c, 0xf0, 0x53, 0x82, 0x5c, 0xfb, 0x02}

// newID returns the version 5 UUID of name in hotline's namespace. HSDS
// wants UUIDs; deriving them from catalog ids makes an export of the same
// catalog give the same ids, so a consumer sees updates, not new records.
func newID(name string) string {
	h := sha1.New()
	h.Write(idNamespace[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 9562 variant
	var b [36]byte
	hex.Encode(b[0:8], u[0:4])
	b[8] = '-'
	hex.Encode(b[9:13], u[4:6])
	b[13] = '-'
	hex.Encode(b[14:18], u[6:8])
	b[18] = '-'
	hex.Encode(b[19:23], u[8:10])
	b[23] = '-'
	hex.Encode(b[24:], u[10:])
	return string(b[:])
}
